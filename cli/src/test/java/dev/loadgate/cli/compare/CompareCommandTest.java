package dev.loadgate.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input checks of compare and calibrate: refused with exit 2 before any target starts. */
class CompareCommandTest {
  @TempDir Path reports;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int loadgate(String... args) {
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  @Test
  void oneUrlWithoutTheOtherIsRefused() throws Exception {
    assertThat(loadgate("compare", "--baseline", "http://127.0.0.1:9", "--out", reports.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--baseline/--candidate: give both URLs or neither (expected two external targets or"
                + " two embedded ones, got only --baseline). Without URLs loadgate starts two"
                + " embedded reference apps.");
    assertThat(Files.list(reports)).isEmpty();
  }

  @Test
  void faultsOnlyGoToTheEmbeddedCandidate() {
    assertThat(
            loadgate(
                "compare",
                "--baseline",
                "http://127.0.0.1:9",
                "--candidate",
                "http://127.0.0.1:10",
                "--inject-candidate",
                "auth=+40ms"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--inject-candidate: faults can only be injected into the embedded candidate (expected"
                + " no --candidate, got --candidate http://127.0.0.1:10).");
  }

  @Test
  void aMalformedFaultIsNamedUnderTheCandidatesOption() {
    assertThat(loadgate("compare", "--inject-candidate", "auth=slow", "--out", reports.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--inject-candidate: ").doesNotContain("--inject: ");
  }

  @Test
  void externalHostsNeedTheAllowList() {
    assertThat(
            loadgate(
                "compare",
                "--baseline",
                "https://main.example.com",
                "--candidate",
                "https://pr-1.example.com",
                "--allow-host",
                "main.example.com"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--candidate: pr-1.example.com is not on the allow-list")
        .doesNotContain("--baseline: main.example.com is not");
  }

  @Test
  void aNegativeMinimumEffectIsRefused() {
    assertThat(loadgate("compare", "--min-effect-ms", "-1")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--min-effect/--min-effect-ms: minimum effect in ms must not be negative");
  }

  @Test
  void calibrateNeedsAtLeastTwoRepeats() {
    assertThat(loadgate("calibrate", "--repeats", "1", "--out", reports.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--repeats: must be between 2 and 200 (expected e.g. 20, got 1). A spread needs at"
                + " least two comparisons.");
  }

  @Test
  void helpShowsExamplesAndExitCodes() {
    assertThat(loadgate("compare", "--help")).isZero();
    assertThat(out.toString())
        .contains("loadgate compare --inject-candidate auth=+40ms")
        .contains("Exit codes: 0 no gated check regressed");
    assertThat(loadgate("calibrate", "--help")).isZero();
    assertThat(out.toString()).contains("baselines/calibration.json");
  }
}
