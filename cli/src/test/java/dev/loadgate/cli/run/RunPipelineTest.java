package dev.loadgate.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.cli.progress.Progress;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.verdict.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunPipelineTest {
  private final FakeSteps steps = new FakeSteps();
  private final StringWriter console = new StringWriter();
  private final RunControl control = new RunControl();
  private final Path reports = Path.of("build-reports");

  private int run(boolean jmh) {
    return pipeline().run(Requests.embedded(reports, jmh), List.of());
  }

  private RunPipeline pipeline() {
    PrintWriter out = new PrintWriter(console, true);
    return new RunPipeline(
        steps, out, Progress.start(out, false), Clock.systemUTC(), control, false);
  }

  @Test
  void aPassingRunRunsEveryStepInOrderAndEndsWithTheReportPath() {
    assertThat(run(true)).isZero();
    assertThat(steps.calls)
        .containsExactly(
            "validate",
            "startTarget",
            "preflight",
            "startDatabaseProbe",
            "load",
            "stopDatabaseProbe",
            "emailFigures",
            "benchmarks",
            "judge",
            "writeReports",
            "closeTarget");
    assertThat(steps.written.complete()).isTrue();
    assertThat(steps.written.notes()).containsExactly("preflight note");
    assertThat(steps.judged.figures())
        .containsKeys("db.query.mean", "email.success.rate", "service.auth.p95");
    assertThat(steps.judged.get(SeriesKey.group(Phase.MEASURE, "auth")).orElseThrow().sampleCount())
        .isEqualTo(20);
    List<String> lines = console.toString().lines().toList();
    assertThat(lines.get(lines.size() - 2)).startsWith("verdict: PASS (exit 0)");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("report: build-reports/" + steps.written.metadata().runId() + "/report.html");
    assertThat(control.awaitFinished(Duration.ZERO)).isZero();
  }

  @Test
  void aShardOtherThanZeroRunsNoProbesAndItsExitCodeSaysOnlyThatItsShareRan() {
    steps.checkStatus = Status.FAIL;

    int code = pipeline().run(Requests.shard(reports, "1/3"), List.of());

    assertThat(code).isZero();
    assertThat(steps.calls)
        .doesNotContain("startDatabaseProbe", "emailFigures", "benchmarks")
        .contains("load", "judge", "writeReports");
    assertThat(steps.written.metadata().runId()).endsWith("-smoke-shard-1-of-3");
    assertThat(steps.written.notes())
        .contains(
            "shard 1/3 of run group g1: the database and e-mail probes (and JMH) run on shard 0"
                + " only; the merged run takes their figures from there.");
    assertThat(console.toString())
        .contains(
            "shard 1/3 of run group g1: these checks judge one shard's share; the run's verdict"
                + " is the merge's: loadgate merge --from build-reports --run-group g1");
  }

  @Test
  void shardZeroRunsTheProbes() {
    assertThat(pipeline().run(Requests.shard(reports, "0/3"), List.of())).isZero();
    assertThat(steps.calls).contains("startDatabaseProbe", "emailFigures", "benchmarks");
  }

  @Test
  void theRunFolderIsBegunBeforeTheTargetMarkedIncompleteWithThePlan() {
    steps.preflightFailure = new IllegalStateException("boom");
    run(false);
    assertThat(steps.begun.complete()).isFalse();
    assertThat(steps.begun.incompleteReason())
        .isEqualTo(
            "loadgate stopped before the end of the run (killed or crashed); the folder holds"
                + " what was measured up to then");
    assertThat(steps.begun.notes())
        .singleElement()
        .asString()
        .startsWith("plan: suite smoke, warm-up PT1S, measured PT2S, rate scale 1.0, baselines ");
  }

  @Test
  void aFullDiskWhileWritingReportsStillPrintsTheVerdictTableAndExitsThree() {
    steps.writeFailure =
        new java.io.UncheckedIOException(
            "could not write build-reports/x/report.html (No space left on device)",
            new java.io.IOException("No space left on device"));

    int code = run(false);

    assertThat(code).isEqualTo(3);
    String text = console.toString();
    assertThat(text)
        .containsPattern("PASS +latency\\.auth\\.p95")
        .contains(
            "verdict: FAIL (exit 3): run incomplete: the reports could not be written: could not"
                + " write build-reports/x/report.html (No space left on device)")
        .contains(
            "reports: not written; what was measured is in build-reports/"
                + steps.begun.metadata().runId()
                + " (kept, marked incomplete)");
    assertThat(steps.targetClosed).isTrue();
    assertThat(control.awaitFinished(Duration.ZERO)).isEqualTo(3);
  }

  @Test
  void withoutJmhOrDatabaseThoseStepsAreSkipped() {
    steps.withDatabase = false;
    assertThat(run(false)).isZero();
    assertThat(steps.calls)
        .doesNotContain("startDatabaseProbe", "emailFigures", "benchmarks")
        .contains("load", "judge");
  }

  @Test
  void aFailedCheckFailsTheGateWithExitOne() {
    steps.checkStatus = Status.FAIL;
    assertThat(run(false)).isEqualTo(1);
    assertThat(console.toString())
        .contains("FAIL latency.auth.p95: required < 500 ms, actual 19 ms")
        .contains("verdict: FAIL (exit 1): 1 of 1 gated checks failed or had no data");
  }

  @Test
  void everyInputProblemIsReportedTogetherBeforeAnythingStarts() {
    steps.validationProblems = List.of("baselines/production.yaml:3:1: broken");
    assertThatThrownBy(
            () -> pipeline().run(Requests.embedded(reports, false), List.of("--rate-scale: bad")))
        .isInstanceOfSatisfying(
            BadInputException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("--rate-scale: bad", "baselines/production.yaml:3:1: broken"));
    assertThat(steps.calls).containsExactly("validate");
  }

  @Test
  void anUnhealthyTargetEndsIncompleteWithoutLoadButStillWritesTheRunFolder() {
    steps.preflightFailure = new IncompleteRunException("preflight: the target is unreachable");
    assertThat(run(false)).isEqualTo(3);
    assertThat(steps.calls).doesNotContain("load").contains("writeReports", "closeTarget");
    assertThat(steps.written.complete()).isFalse();
    assertThat(steps.written.incompleteReason()).isEqualTo("preflight: the target is unreachable");
    assertThat(console.toString())
        .contains("verdict: FAIL (exit 3): run incomplete: preflight: the target is unreachable");
  }

  @Test
  void aCrashDuringLoadIsReportedAsIncompleteWithTheCause() {
    steps.load =
        recording -> {
          throw new IllegalStateException("simulation blew up");
        };
    assertThat(run(false)).isEqualTo(3);
    assertThat(steps.written.incompleteReason())
        .isEqualTo("load failed unexpectedly: IllegalStateException: simulation blew up");
    assertThat(steps.targetClosed).isTrue();
  }

  @Test
  void anAbortDuringLoadKeepsWhatWasMeasuredAndEndsIncomplete() throws Exception {
    CountDownLatch recorded = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    steps.load =
        recording -> {
          recording.record(SeriesKey.group(Phase.MEASURE, "auth"), 5_000_000L, Outcome.OK);
          recording.record(SeriesKey.group(Phase.MEASURE, "auth"), 6_000_000L, Outcome.HTTP_5XX);
          recorded.countDown();
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return LoadResult.done();
        };
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> run(false));
    assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
    control.abort("interrupted by a signal (Ctrl-C or SIGTERM)");
    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(control.awaitFinished(Duration.ZERO)).isEqualTo(3);
    assertThat(steps.written.complete()).isFalse();
    assertThat(steps.written.incompleteReason())
        .isEqualTo("interrupted by a signal (Ctrl-C or SIGTERM) during load");
    assertThat(
            steps.written.measurements().get(SeriesKey.group(Phase.MEASURE, "auth")).orElseThrow())
        .satisfies(
            s -> {
              assertThat(s.sampleCount()).isEqualTo(2);
              assertThat(s.errorCount()).isEqualTo(1);
            });
    assertThat(steps.calls).contains("stopDatabaseProbe", "closeTarget");
    await().atMost(Duration.ofSeconds(5)).until(() -> steps.targetClosed);
  }
}
