package dev.loadgate.benchmarks.harness;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.report.RunMetadata;
import dev.loadgate.report.RunReports;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.run.RunIds;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.EvaluationOptions;
import dev.loadgate.verdict.VerdictEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What loadgate itself costs for a million samples, mean time per operation ({@code
 * Mode.AverageTime}, ms): recording them, merging two shards of them and reading every series' p95,
 * judging them against the baselines, and writing a run's reports.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class HarnessBenchmark {
  /** Samples per operation of every harness benchmark. */
  public static final int SAMPLES = 1_000_000;

  /** Ticks (histogram intervals) in a measured run of the merge and report benchmarks. */
  static final int INTERVALS = 60;

  /** The request and group series of the five journeys, as the simulations name them. */
  static final List<SeriesKey> KEYS =
      Stream.concat(
              Stream.of(
                      "POST /auth/v1/token?grant_type=password",
                      "GET /auth/v1/user",
                      "POST /api/generate-letter",
                      "GET /rest/v1/letters",
                      "POST /api/create-checkout",
                      "POST /api/stripe/webhook",
                      "POST /api/verify-payment",
                      "GET /api/letters/{id}/pdf",
                      "POST /api/admin-auth/login",
                      "GET /api/admin/analytics",
                      "GET /api/admin/letters",
                      "POST /api/cron/process-email-queue",
                      "GET /api/health")
                  .map(name -> SeriesKey.request(Phase.MEASURE, name)),
              Stream.of("auth", "letter_generation", "payment", "admin_dashboard", "download")
                  .map(name -> SeriesKey.group(Phase.MEASURE, name)))
          .toList();

  /** A million pre-drawn samples: long-tailed latencies (median ~20 ms), 1 % errors. */
  @State(Scope.Benchmark)
  public static class Samples {
    final long[] latencyNanos = new long[SAMPLES];
    final Outcome[] outcomes = new Outcome[SAMPLES];
    final SeriesKey[] keys = new SeriesKey[SAMPLES];

    @Setup(Level.Trial)
    public void draw() {
      SplittableRandom random = new SplittableRandom(20_261_129L);
      for (int i = 0; i < SAMPLES; i++) {
        double gaussian = gaussian(random);
        latencyNanos[i] = (long) (20_000_000 * Math.exp(0.8 * gaussian));
        outcomes[i] = random.nextInt(100) == 0 ? Outcome.HTTP_5XX : Outcome.OK;
        keys[i] = KEYS.get(random.nextInt(KEYS.size()));
      }
    }

    /** Records every sample into a manual recording, cut into {@code intervals} ticks. */
    Measurements record(int from, int to, int intervals) {
      AtomicLong clock = new AtomicLong(1_700_000_000_000L);
      Recording recording = Recording.manual(clock::get);
      int perInterval = Math.max(1, (to - from) / intervals);
      for (int i = from; i < to; i++) {
        recording.record(keys[i], latencyNanos[i], outcomes[i]);
        if ((i - from + 1) % perInterval == 0) {
          clock.addAndGet(1_000);
          recording.tick();
        }
      }
      return recording.finish();
    }
  }

  /** Two injector shards of half a million samples each, already recorded. */
  @State(Scope.Benchmark)
  public static class Shards {
    Measurements first;
    Measurements second;
    Measurements whole;

    @Setup(Level.Trial)
    public void record(Samples samples) {
      first = samples.record(0, SAMPLES / 2, INTERVALS);
      second = samples.record(SAMPLES / 2, SAMPLES, INTERVALS);
      whole = first.merge(second);
    }
  }

  /** The baselines to judge against and a scratch reports folder. */
  @State(Scope.Benchmark)
  public static class Gate {
    /** Path of the baselines file; relative paths resolve against the working directory. */
    @Param("baselines/production.yaml")
    public String baselines;

    Baselines loaded;
    Path reportsRoot;
    List<Check> checks;
    RunMetadata metadata;

    @Setup(Level.Trial)
    public void load(Shards shards) throws IOException {
      Path file = Path.of(baselines);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            "harness benchmarks: baselines file not found (expected a readable file, got "
                + file.toAbsolutePath()
                + "). Pass -p baselines=<path to baselines/production.yaml>");
      }
      loaded = BaselinesLoader.load(file);
      reportsRoot = Files.createTempDirectory("loadgate-harness-reports");
      checks = VerdictEngine.evaluate(loaded, shards.whole, EvaluationOptions.defaults());
      Instant start = Instant.parse("2026-11-29T07:00:00Z");
      metadata =
          new RunMetadata(
              RunIds.of(start, "harness"),
              start,
              start.plusSeconds(INTERVALS),
              Environment.capture("harness", "benchmark", Map.of()),
              baselines,
              null);
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
      deleteTree(reportsRoot);
    }
  }

  /** recording: a million samples into a fresh recording, finished into measurements. */
  @Benchmark
  public Measurements recordOneMillionSamples(Samples samples) {
    return samples.record(0, SAMPLES, INTERVALS);
  }

  /** merge: two shards of half a million samples merged exactly, then each series' p95 read. */
  @Benchmark
  public long mergeAndReadPercentiles(Shards shards) {
    Measurements merged = shards.first.merge(shards.second);
    long sum = 0;
    for (Series series : merged.series().values()) {
      sum += series.latencyMicros().getValueAtPercentile(95);
    }
    return sum;
  }

  /** verdicts: every documented check judged against a million samples. */
  @Benchmark
  public List<Check> evaluateVerdicts(Shards shards, Gate gate) {
    return VerdictEngine.evaluate(gate.loaded, shards.whole, EvaluationOptions.defaults());
  }

  /** reports: a whole run folder (results, summary, JUnit, HTML, histograms) for the run. */
  @Benchmark
  public Path writeReports(Shards shards, Gate gate) {
    RunResult result = new RunResult(gate.metadata, true, "", gate.checks, shards.whole, List.of());
    Path folder = RunReports.write(gate.reportsRoot, result);
    deleteTree(folder);
    return folder;
  }

  static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> all = new ArrayList<>(paths.toList());
      all.sort(Comparator.reverseOrder());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
