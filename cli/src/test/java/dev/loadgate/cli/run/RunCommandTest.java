package dev.loadgate.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path reports;
  private final FakeSteps steps = new FakeSteps();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int loadgate(String... args) {
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), () -> steps)
        .execute(args);
  }

  @Test
  void anUnknownOptionExitsTwoWithTheHint() {
    assertThat(loadgate("run", "--duraton", "30s")).isEqualTo(2);
    assertThat(err.toString())
        .contains("loadgate run: Unknown options: '--duraton', '30s'")
        .contains("Possible solutions: --duration")
        .contains("Run 'loadgate run --help' for the options and examples.");
    assertThat(steps.calls).isEmpty();
  }

  @Test
  void aMalformedDurationNamesTheAcceptedForms() {
    assertThat(loadgate("run", "--duration", "fast")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Invalid value for option '--duration': must be a duration such as \"500ms\", \"30s\" or"
                + " \"2min\" (got \"fast\")");
  }

  @Test
  void aDurationBeyondTheGrammarsRangeIsBadInputWithTheRule() {
    assertThat(loadgate("run", "--duration", "99999999999999h")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Invalid value for option '--duration': a duration must be at most 30 days (expected"
                + " e.g. \"2h\", got \"99999999999999h\")")
        .doesNotContain("failed unexpectedly");
    assertThat(steps.calls).isEmpty();
  }

  @Test
  void aRateScaleOutsideItsRangeIsBadInputWithTheRule() {
    assertThat(loadgate("run", "--rate-scale", "1e400", "--out", reports.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--rate-scale: must be a positive number at most 1000 (expected e.g. 0.5 or 2, got"
                + " \"1e400\").")
        .doesNotContain("failed unexpectedly");
    assertThat(steps.calls).doesNotContain("startTarget");
  }

  @Test
  void aHostThatIsNotAllowedIsRefusedBeforeAnythingStarts() {
    assertThat(
            loadgate("run", "--target", "https://staging.example.com", "--out", reports.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--target: staging.example.com is not on the allow-list")
        .contains("Add --allow-host staging.example.com");
    assertThat(steps.calls).containsExactly("validate");
  }

  @Test
  void productionNeedsTheFlagAndACapAndEveryProblemIsListedAtOnce() {
    assertThat(
            loadgate(
                "run",
                "--target",
                "https://www.talk-to-my-lawyer.com",
                "--allow-host",
                "www.talk-to-my-lawyer.com",
                "--rate-scale",
                "-1",
                "--inject",
                "download=+2500ms"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("4 problems, nothing was run:")
        .contains("--rate-scale: must be a positive number")
        .contains("--inject: faults can only be injected into the embedded reference app")
        .contains("expected --i-know-this-is-production")
        .contains("expected --max-rate <users/s>");
    assertThat(steps.calls).doesNotContain("startTarget");
  }

  @Test
  void anAllowListedStagingHostIsAccepted() {
    assertThat(
            loadgate(
                "run",
                "--target",
                "https://staging.example.com",
                "--allow-host",
                "staging.example.com",
                "--out",
                reports.toString()))
        .isZero();
    assertThat(steps.calls).contains("startTarget", "load");
  }

  @Test
  void aDatabaseUrlIsNeverEchoed() {
    assertThat(loadgate("run", "--db-url", "postgres://loadgate:hunter2secret@db/app"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--db-url: not a PostgreSQL JDBC URL")
        .doesNotContain("hunter2secret");
  }

  @Test
  void anUnexpectedFailureIsOneParagraphWithoutAStackTraceUnlessDebugging() {
    FakeSteps exploding = new FakeSteps();
    exploding.validationFailure = new IllegalStateException("boom");
    StringWriter quiet = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(quiet, true), () -> exploding)
            .execute("run");
    assertThat(code).isEqualTo(3);
    assertThat(quiet.toString())
        .startsWith("loadgate run: failed unexpectedly (IllegalStateException: boom).")
        .doesNotContain("\tat ");
    StringWriter debug = new StringWriter();
    Main.commandLine(new PrintWriter(out, true), new PrintWriter(debug, true), () -> exploding)
        .execute("run", "--debug");
    assertThat(debug.toString()).contains("\tat dev.loadgate.cli.run.");
  }

  @Test
  void everyCommandHasHelpWithExamples() {
    for (String command : new String[] {"run", "serve", "cleanup", "merge", "version"}) {
      StringWriter help = new StringWriter();
      int code =
          Main.commandLine(new PrintWriter(help, true), new PrintWriter(err, true), () -> steps)
              .execute(command, "--help");
      assertThat(code).as(command).isZero();
      assertThat(help.toString())
          .as(command)
          .contains("Usage: loadgate " + command)
          .contains("Example");
    }
  }
}
