package dev.loadgate.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.run.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptedRunsTest {
  @TempDir Path temp;

  private Path run(String id, String resultsJson) throws IOException {
    Path dir = temp.resolve("reports").resolve(id);
    Measurements m =
        new Samples()
            .group(
                "auth",
                "POST /auth/v1/token?grant_type=password",
                500,
                Samples.exponential(new Random(1), 40),
                3)
            .finish();
    MeasurementStore.write(dir, m);
    if (resultsJson != null) {
      Files.writeString(dir.resolve("results.json"), resultsJson);
    }
    return dir;
  }

  @Test
  void storesMeasurementsAndEnvironmentAndLoadsThemBack() throws IOException {
    Path dir =
        run(
            "20261129T071502Z-smoke",
            """
            {"schema":"loadgate.results/v1","runId":"20261129T071502Z-smoke","complete":true,
             "verdict":"PASS","environment":{"jdk":"17.0.15 (Debian)","cores":2,
             "maxHeapBytes":1073741824,"os":"Linux 6.1 amd64","gitCommit":"abc","target":"embedded",
             "suite":"smoke","extra":{"ai-latency":"2s"}}}
            """);

    Path stored = AcceptedRuns.accept(dir, temp.resolve("accepted"));
    AcceptedRun accepted = AcceptedRuns.load(stored);

    assertThat(stored).isEqualTo(temp.resolve("accepted/20261129T071502Z-smoke"));
    assertThat(stored.resolve(AcceptedRuns.ENVIRONMENT_FILE)).exists();
    assertThat(stored.resolve(AcceptedRuns.ACCEPTED_FILE)).exists();
    assertThat(accepted.runId()).isEqualTo("20261129T071502Z-smoke");
    assertThat(accepted.measurements().series()).isEqualTo(MeasurementStore.read(dir).series());
    assertThat(accepted.environment())
        .contains(
            new Environment(
                "17.0.15 (Debian)",
                2,
                1L << 30,
                "Linux 6.1 amd64",
                "abc",
                "embedded",
                "smoke",
                Map.of("ai-latency", "2s")));
    assertThat(temp.resolve("accepted"))
        .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
  }

  @Test
  void refusesAnIncompleteRun() throws IOException {
    Path dir =
        run("r-incomplete", "{\"complete\":false,\"incompleteReason\":\"target unhealthy\"}");

    assertThatThrownBy(() -> AcceptedRuns.accept(dir, temp.resolve("accepted")))
        .isInstanceOf(AcceptedRunException.class)
        .hasMessage(
            dir
                + ": not accepted as a reference: the run is incomplete (expected complete=true,"
                + " got complete=false: target unhealthy); the run did not pass its gate (expected"
                + " verdict PASS or WARN, got unknown). A reference must be a complete, passing"
                + " run without injected faults; pass --force to accept it anyway.");
    assertThat(temp.resolve("accepted")).doesNotExist();
  }

  @Test
  void refusesAFailedRunWithInjectedFaultsGivingEveryReason() throws IOException {
    Path dir = run("r-fail", FAILED_WITH_FAULTS);

    assertThatThrownBy(() -> AcceptedRuns.accept(dir, temp.resolve("accepted")))
        .isInstanceOf(AcceptedRunException.class)
        .hasMessage(
            dir
                + ": not accepted as a reference: the run did not pass its gate (expected verdict"
                + " PASS or WARN, got FAIL); faults were injected (expected none, got"
                + " [download=+2500ms]). A reference must be a complete, passing run without"
                + " injected faults; pass --force to accept it anyway.");
  }

  @Test
  void refusesARunWithoutResultsBecauseItsVerdictIsUnknown() throws IOException {
    Path dir = run("r-merged", null);

    assertThatThrownBy(() -> AcceptedRuns.accept(dir, temp.resolve("accepted")))
        .hasMessageContaining(
            "its verdict is unknown (expected a results.json with complete=true and verdict PASS"
                + " or WARN, got no results.json)");
  }

  @Test
  void forceAcceptsAnUnfitRunAndRecordsWhatWasForced() throws IOException {
    Path stored =
        AcceptedRuns.accept(run("r-fail", FAILED_WITH_FAULTS), temp.resolve("accepted"), true);

    assertThat(Files.readString(stored.resolve(AcceptedRuns.ACCEPTED_FILE)))
        .contains("\"forced\" : \"the run did not pass its gate")
        .contains("\"complete\" : true");
  }

  @Test
  void aCompleteRunOfTheSameSuiteIsAFitReference() throws IOException {
    Path stored = AcceptedRuns.accept(run("r-ok", passed("smoke")), temp.resolve("accepted"));

    assertThat(AcceptedRuns.unfitAsReferenceFor(stored, "smoke")).isEmpty();
  }

  @Test
  void anAcceptedRunOfAnotherSuiteIsNoReference() throws IOException {
    Path stored = AcceptedRuns.accept(run("r-auth", passed("auth")), temp.resolve("accepted"));

    assertThat(AcceptedRuns.unfitAsReferenceFor(stored, "smoke"))
        .contains(
            stored
                + ": the accepted run is of another suite (expected suite smoke, got auth). Gate"
                + " against an accepted run of suite smoke, or accept one: loadgate run --suite"
                + " smoke, then loadgate baselines accept RUN_DIR.");
  }

  @Test
  void anIncompleteRunIsNoReferenceEvenWhenForcedIn() throws IOException {
    Path stored =
        AcceptedRuns.accept(
            run("r-part", "{\"complete\":false,\"incompleteReason\":\"interrupted\"}"),
            temp.resolve("accepted"),
            true);

    assertThat(AcceptedRuns.unfitAsReferenceFor(stored, "smoke"))
        .contains(
            stored
                + ": the accepted run is incomplete (expected a complete run, got complete=false:"
                + " interrupted). A partial run cannot be the reference of a regression gate;"
                + " accept a complete run with loadgate baselines accept RUN_DIR.");
  }

  private static final String FAILED_WITH_FAULTS =
      """
      {"complete":true,"verdict":"FAIL","environment":{"jdk":"17","cores":2,"maxHeapBytes":1,
       "os":"Linux","gitCommit":"abc","target":"embedded","suite":"smoke",
       "extra":{"faults":"[download=+2500ms]"}}}
      """;

  private static String passed(String suite) {
    return """
        {"complete":true,"verdict":"PASS","environment":{"jdk":"17","cores":2,"maxHeapBytes":1,
         "os":"Linux","gitCommit":"abc","target":"embedded","suite":"%s","extra":{}}}
        """
        .formatted(suite);
  }

  @Test
  void neverOverwritesAnAcceptedRun() throws IOException {
    Path dir = run("r1", passed("smoke"));
    AcceptedRuns.accept(dir, temp.resolve("accepted"));

    assertThatThrownBy(() -> AcceptedRuns.accept(dir, temp.resolve("accepted")))
        .hasMessageContaining(
            "run r1 is already accepted (expected a new run id). Accepted runs are never overwritten");
  }

  @Test
  void loadingAFolderWithoutMeasurementsSaysHowToAcceptOne() {
    assertThatThrownBy(() -> AcceptedRuns.load(temp))
        .hasMessage(
            temp
                + ": not an accepted run (expected measurements.json inside, got none). Accept a"
                + " run first: loadgate baselines accept RUN_DIR.");
  }

  @Test
  void aRunWithoutEnvironmentLoadsWithoutOne() throws IOException {
    AcceptedRun accepted =
        AcceptedRuns.load(AcceptedRuns.accept(run("r2", null), temp.resolve("accepted"), true));

    assertThat(accepted.environment()).isEmpty();
  }
}
