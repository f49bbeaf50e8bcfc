package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportsTest {
  @Test
  void writesEveryFileOfARunFolder(@TempDir Path root) throws Exception {
    Path runDir = RunReports.write(root, ReportFixtures.result());
    assertThat(runDir).isEqualTo(root.resolve(ReportFixtures.RUN_ID));
    assertThat(runDir.resolve("results.json")).exists();
    assertThat(runDir.resolve("summary.md")).exists();
    assertThat(runDir.resolve("junit.xml")).exists();
    assertThat(runDir.resolve("report.html")).exists();
    assertThat(runDir.resolve("measurements.json")).exists();
    assertThat(runDir.resolve("histograms/measure")).isDirectory();
    assertThat(root.resolve("index.html")).exists();
    try (Stream<Path> list = Files.list(root)) {
      assertThat(list.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(ReportFixtures.RUN_ID, "index.html");
    }
  }

  @Test
  void storedMeasurementsReadBackExactly(@TempDir Path root) {
    RunResult result = ReportFixtures.result();
    Path runDir = RunReports.write(root, result);
    Measurements read = MeasurementStore.read(runDir);
    SeriesKey auth = SeriesKey.group(Phase.MEASURE, "auth");
    assertThat(read.get(auth).orElseThrow().latencyMicros())
        .isEqualTo(result.measurements().get(auth).orElseThrow().latencyMicros());
    assertThat(read.figures()).isEqualTo(result.measurements().figures());
    RunResult again = ResultsReader.readWithMeasurements(runDir);
    assertThat(again.checks()).isEqualTo(result.checks());
    assertThat(again.measurements().series()).hasSameSizeAs(result.measurements().series());
  }

  @Test
  void neverOverwritesAnEarlierRunWithTheSameId(@TempDir Path root) throws Exception {
    Path first = RunReports.write(root, ReportFixtures.result());
    String firstResults = Files.readString(first.resolve("results.json"));
    Path second = RunReports.write(root, ReportFixtures.incomplete());
    assertThat(second.getFileName().toString()).isEqualTo(ReportFixtures.RUN_ID + "-2");
    assertThat(first.resolve("results.json")).hasContent(firstResults);
    assertThat(ResultsReader.read(second).metadata().runId())
        .isEqualTo(ReportFixtures.RUN_ID + "-2");
    assertThat(ResultsReader.read(second).complete()).isFalse();
  }

  @Test
  void anIncompleteRunStillLeavesAFolder(@TempDir Path root) {
    Path runDir = RunReports.write(root, ReportFixtures.incomplete());
    RunResult read = ResultsReader.read(runDir);
    assertThat(read.complete()).isFalse();
    assertThat(read.incompleteReason()).contains("503");
    assertThat(read.exitCode()).isEqualTo(3);
  }
}
