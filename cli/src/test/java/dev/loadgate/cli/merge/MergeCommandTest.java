package dev.loadgate.cli.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.cli.Main;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.report.ResultsReader;
import dev.loadgate.report.RunMetadata;
import dev.loadgate.report.RunReports;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.scaleout.RunIdentity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {
  private static final SeriesKey AUTH = SeriesKey.group(Phase.MEASURE, "auth");
  private static final Instant T0 = Instant.parse("2026-12-02T15:00:00Z");

  @TempDir Path dir;
  private Path baselines;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeBaselines() throws Exception {
    baselines = dir.resolve("limits.yaml");
    Files.writeString(
        baselines,
        """
        schema: loadgate.baselines/v1
        paths:
          auth:
            title: auth
            percentile: 95
            below: 2s
            severity: baseline
            guide: Monitoring & Alerts > Performance Baselines
          letter_generation:
            title: letter_generation
            percentile: 95
            below: 2s
            severity: baseline
            guide: Monitoring & Alerts > Performance Baselines
          payment:
            title: payment
            percentile: 95
            below: 2s
            severity: baseline
            guide: Monitoring & Alerts > Performance Baselines
          admin_dashboard:
            title: admin_dashboard
            percentile: 95
            below: 2s
            severity: baseline
            guide: Monitoring & Alerts > Performance Baselines
          download:
            title: download
            percentile: 95
            below: 2s
            severity: baseline
            guide: Monitoring & Alerts > Performance Baselines
        """);
  }

  private int loadgate(String... args) {
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  private int merge(String... args) {
    List<String> all = new ArrayList<>(List.of("merge", "--baselines", baselines.toString()));
    all.addAll(List.of(args));
    return loadgate(all.toArray(String[]::new));
  }

  /** Samples of {@code firstMillis}, {@code firstMillis + 1}, ... milliseconds. */
  private static Measurements samples(long firstMillis, int count, int errors) {
    AtomicLong clock = new AtomicLong(1_000_000);
    Recording recording = Recording.manual(clock::get);
    for (int i = 0; i < count; i++) {
      recording.record(
          AUTH, (firstMillis + i) * 1_000_000L, i < errors ? Outcome.HTTP_5XX : Outcome.OK);
    }
    clock.addAndGet(1_000);
    return recording.finish();
  }

  /** A run folder under {@code dir/results} as a shard (or a whole run when shard is null). */
  private Path run(String shard, Measurements measurements, Map<String, String> changes) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put(RunIdentity.BASELINES_DIGEST_KEY, RunIdentity.digest(baselines));
    extra.put(RunIdentity.RATE_SCALE_KEY, "1.0");
    extra.put(RunIdentity.VERSION_KEY, "0.1.0-SNAPSHOT");
    if (shard != null) {
      extra.put(RunIdentity.SHARD_KEY, shard);
      extra.put(RunIdentity.RUN_GROUP_KEY, "g1");
    }
    extra.putAll(changes);
    extra.values().removeIf(String::isEmpty);
    boolean begun = changes.containsKey("begun");
    String label = shard == null ? "smoke" : "smoke-shard-" + shard.replace('/', '-');
    RunResult result =
        new RunResult(
            new RunMetadata(
                dev.loadgate.run.RunIds.of(T0, label),
                T0,
                begun ? T0 : T0.plusSeconds(95),
                new Environment(
                    "17", 2, 1, "Linux", "c0ffee", "http://127.0.0.1:8080", "smoke", extra),
                "limits.yaml",
                null),
            !changes.containsKey("incomplete") && !begun,
            changes.containsKey("incomplete") ? "interrupted (SIGTERM) during load" : "",
            // The suite gated only the auth p95: the merge gates what the shards gated.
            begun
                ? List.of()
                : List.of(
                    new dev.loadgate.verdict.Check(
                        "latency.auth.p95",
                        "auth",
                        dev.loadgate.verdict.Status.PASS,
                        true,
                        1,
                        "<",
                        500,
                        "ms",
                        1,
                        null,
                        null,
                        "",
                        "")),
            measurements,
            List.of());
    return RunReports.write(dir.resolve("results"), result);
  }

  private static Figure figure(String id, double value) {
    return new Figure(id, value, "ms", 10, "db-probe", "", List.of());
  }

  @Test
  void mergesTheShardsOfARunGroupExactlyAndTakesFiguresFromShardZero() throws Exception {
    Measurements s0 = samples(10, 300, 3).withFigure(figure("db.query.mean", 1.5));
    Measurements s1 = samples(200, 200, 1).withFigure(figure("db.query.mean", 9.9));
    Measurements s2 = samples(450, 100, 0);
    run("1/3", s1, Map.of());
    run("0/3", s0, Map.of());
    run("2/3", s2, Map.of());

    int code = merge("--from", dir.resolve("results").toString(), "--run-group", "g1");

    assertThat(code).as(err.toString()).isZero();
    Path merged;
    try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
      merged =
          runs.filter(p -> p.getFileName().toString().endsWith("-smoke-merged"))
              .findFirst()
              .orElseThrow();
    }
    Series series = MeasurementStore.read(merged).get(AUTH).orElseThrow();
    assertThat(series.sampleCount()).isEqualTo(600);
    assertThat(series.errorCount()).isEqualTo(4);
    Histogram all = samples(10, 300, 0).get(AUTH).orElseThrow().latencyMicros();
    all.add(samples(200, 200, 0).get(AUTH).orElseThrow().latencyMicros());
    all.add(samples(450, 100, 0).get(AUTH).orElseThrow().latencyMicros());
    assertThat(series.latencyMicros().getValueAtPercentile(95))
        .isEqualTo(all.getValueAtPercentile(95));
    RunResult result = ResultsReader.read(merged);
    assertThat(result.complete()).isTrue();
    assertThat(result.checks()).extracting(c -> c.id()).contains("latency.auth.p95");
    assertThat(MeasurementStore.read(merged).figure("db.query.mean").orElseThrow().value())
        .isEqualTo(1.5);
    assertThat(result.notes())
        .anyMatch(n -> n.startsWith("merged from shard 0/3 ("))
        .contains(
            "figures (database, e-mail, JMH) are taken from shard 0/3 (20261202T150000Z-smoke-shard-0-3),"
                + " the shard that runs the probes; db.query.mean were also present in other inputs,"
                + " whose values were not used.");
    assertThat(Files.list(merged).map(p -> p.getFileName().toString()))
        .contains("report.html", "summary.md", "junit.xml", "results.json", "measurements.json");
    assertThat(out.toString())
        .contains("merged 3 shards of run group g1 into ")
        .contains("verdict: WARN (exit 0): all 1 gated checks passed");
  }

  @Test
  void aMissingShardMakesTheMergedRunIncompleteWithExitThree() {
    run("0/3", samples(10, 300, 0), Map.of());
    run("2/3", samples(10, 300, 0), Map.of());

    int code = merge("--from", dir.resolve("results").toString(), "--run-group", "g1");

    assertThat(code).isEqualTo(3);
    assertThat(out.toString())
        .contains(
            "run group g1: shard 1/3 missing (expected shards 0..2 each once, got 0/3, 2/3).");
  }

  @Test
  void anIncompleteInputMakesTheMergedRunIncomplete() {
    Path a = run(null, samples(10, 300, 0), Map.of());
    Path b = run(null, samples(10, 300, 0), Map.of("incomplete", "yes"));

    int code = merge(a.toString(), b.toString());

    assertThat(code).isEqualTo(3);
    assertThat(out.toString())
        .contains("the run is incomplete (interrupted (SIGTERM) during load)");
  }

  @Test
  void refusesTheSameFolderTwiceSoNoCountDoubles() {
    Path a = run(null, samples(10, 300, 0), Map.of());

    int code = merge(a.toString(), a.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            ": the same folder given twice (expected each run folder once, got it as input 1 and 2).");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void refusesRunsOfOtherFaultsAndBaselinesNamingTheFolders() {
    Path a = run(null, samples(10, 300, 0), Map.of());
    Path b =
        run(
            null,
            samples(10, 300, 0),
            Map.of(
                RunIdentity.FAULTS_KEY,
                "[download=+2500ms]",
                RunIdentity.BASELINES_DIGEST_KEY,
                "ab12"));

    int code = merge(a.toString(), b.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("2 problems, nothing was run:")
        .contains("inputs: different baselines (expected one baselines for every input, got ")
        .contains("ab12 in " + dev.loadgate.cli.LoadgateHome.display(b))
        .contains(
            "inputs: different injected faults (expected one injected faults for every input, got none in ");
  }

  @Test
  void aCorruptHistogramLogIsBadInputNamingTheFileAndLine() throws Exception {
    Path a = run(null, samples(10, 300, 0), Map.of());
    Path b = run(null, samples(10, 300, 0), Map.of("run", "second"));
    Path log = b.resolve("histograms/measure/group-auth.hlog");
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    int last = lines.size() - 1;
    lines.set(last, "garbage that is no histogram");
    Files.write(log, lines, StandardCharsets.UTF_8);

    int code = merge(a.toString(), b.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("histograms/measure/group-auth.hlog:" + (last + 1) + ": not an interval line");
  }

  @Test
  void aTruncatedHistogramLogIsBadInputNamingTheFile() throws Exception {
    Path a = run(null, samples(10, 300, 0), Map.of());
    Path b = run(null, samples(10, 300, 0), Map.of("run", "second"));
    Path log = b.resolve("histograms/measure/group-auth.hlog");
    String text = Files.readString(log);
    Files.writeString(log, text.substring(0, text.length() - 20));

    int code = merge(a.toString(), b.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("histograms/measure/group-auth.hlog:")
        .contains("cut off mid-line");
  }

  @Test
  void refusesFoldersWithoutResultsAndAGroupWithoutFolder() throws Exception {
    MeasurementStore.write(dir.resolve("bare"), samples(10, 5, 0));

    int code = merge(dir.resolve("bare").toString(), dir.resolve("nope").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("bare: not a run folder (expected results.json inside, got none).")
        .contains(
            "nope: not a run folder (expected a folder written by loadgate run, got no such folder).");
  }

  @Test
  void gateRefusesToJudgeOneShardAlone() {
    Path shard = run("1/3", samples(10, 300, 0), Map.of());

    int code = loadgate("gate", shard.toString(), "--baselines", baselines.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            ": one shard of a run (expected a whole run, got shard 1/3 of run group g1). Merge the"
                + " shards first: loadgate merge --from ")
        .contains(" --run-group g1, then gate the merged folder.");
  }

  @Test
  void aWaitingMergeGivesUpOnAShardThatNeverCameAndCallsTheRunIncomplete() {
    run("0/2", samples(10, 300, 0), Map.of());

    int code =
        merge("--from", dir.resolve("results").toString(), "--run-group", "g1", "--wait", "1s");

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("merge: waiting up to 1s for the shards of run group g1");
    assertThat(out.toString()).contains("run group g1: shard 1/2 missing");
  }

  @Test
  void aWaitingMergeStartsAtOnceWhenEveryShardIsThere() {
    run("0/2", samples(10, 300, 0), Map.of());
    run("1/2", samples(10, 300, 0), Map.of());

    int code =
        merge("--from", dir.resolve("results").toString(), "--run-group", "g1", "--wait", "1h");

    assertThat(code).isZero();
    assertThat(err.toString()).doesNotContain("waiting");
  }

  @Test
  void aWaitingMergeWaitsForAShardStillRunningThenCallsItIncomplete() {
    run("0/2", samples(10, 300, 0), Map.of());
    run("1/2", Measurements.EMPTY, Map.of("begun", "yes"));

    int code =
        merge("--from", dir.resolve("results").toString(), "--run-group", "g1", "--wait", "1s");

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("merge: waiting up to 1s for the shards of run group g1");
    assertThat(out.toString()).contains("(shard 1/2): the run is incomplete");
  }
}
