package dev.loadgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {
  @TempDir Path dir;

  @Test
  void readsWhatItWritesAndFallsBackToTheDefaultDrift() {
    ObjectNode evidence = Calibration.newEvidence();
    evidence.put("defaultDriftLogSd", 0.04);
    evidence.putObject("checks").putObject("latency.auth.p95").put("driftLogSd", 0.021);
    Path file = dir.resolve("calibration.json");
    Calibration.write(file, evidence);

    Calibration read = Calibration.read(file);
    assertThat(read.drift("latency.auth.p95")).isEqualTo(0.021);
    assertThat(read.drift("latency.download.p95")).isEqualTo(0.04);
    assertThat(read.measured()).isTrue();
    assertThat(Calibration.DEFAULT.measured()).isFalse();
    assertThat(Calibration.DEFAULT.drift("latency.auth.p95")).isEqualTo(0.05);
  }

  @Test
  void readsTheFileCalibrateWroteOnASharedMachine() {
    // Written by `loadgate calibrate --suite auth --repeats 20 --duration 20s` at 15:37 on the
    // two shared cores: the p95 moved by a factor of about three between repeats.
    Calibration read =
        Calibration.read(Path.of("src/test/resources/compare/calibration-auth.json"));
    assertThat(read.drift("latency.auth.p95")).isEqualTo(1.18315);
    assertThat(read.drift("latency.download.p95")).isEqualTo(1.2223854554122633);
  }

  @Test
  void aWrongSchemaIsRefusedWithTheFileAndTheHint() throws Exception {
    Path file = dir.resolve("calibration.json");
    Files.writeString(file, "{\"schema\": \"loadgate.results/v1\"}");
    assertThatThrownBy(() -> Calibration.read(file))
        .isInstanceOf(CalibrationException.class)
        .hasMessage(
            file
                + ": not a calibration file (expected schema \"loadgate.calibration/v1\", got"
                + " \"loadgate.results/v1\"). Run loadgate calibrate to write one.");
  }

  @Test
  void aDriftOutOfRangeNamesTheField() throws Exception {
    Path file = dir.resolve("calibration.json");
    Files.writeString(
        file,
        "{\"schema\": \"loadgate.calibration/v1\", \"checks\": {\"latency.auth.p95\":"
            + " {\"driftLogSd\": -0.1}}}");
    assertThatThrownBy(() -> Calibration.read(file))
        .hasMessage(
            file
                + ": checks.latency.auth.p95.driftLogSd must be a log standard deviation between 0"
                + " and 5 (expected e.g. 0.03, got -0.1). Run loadgate calibrate again.");
  }
}
