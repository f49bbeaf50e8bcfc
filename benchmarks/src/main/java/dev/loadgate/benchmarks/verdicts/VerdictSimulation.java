package dev.loadgate.benchmarks.verdicts;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.EvaluationOptions;
import dev.loadgate.verdict.Intervals;
import dev.loadgate.verdict.Status;
import dev.loadgate.verdict.VerdictEngine;
import dev.loadgate.verdict.sequential.ShareBoundary;
import dev.loadgate.verdict.sequential.ShareCount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The seeded error-rate simulation of loadgate's absolute verdicts, over the project's own classes:
 * samples from known distributions go through {@link Recording} (per-second intervals,
 * HdrHistogram) into {@link dev.loadgate.measure.Series}, and {@link VerdictEngine} judges them
 * against {@code baselines/production.yaml}. Each simulated run looks once a second, as {@code
 * loadgate run} does, stops at the first look where the gated check is decided (the same {@link
 * ShareBoundary} the engine uses), else at the maximum duration; the verdict is the engine's on
 * everything recorded.
 *
 * <p>Prints Markdown tables for {@code docs/verdicts.md}. Not part of any build; run it with
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am -Pstats verify -DskipTests -Dstats.args="--trials 1000"
 * </pre>
 *
 * Options: {@code --trials N} (per cell, default 1000), {@code --seed S} (default 20261202), {@code
 * --rate R} samples per second of the latency path (default 10), {@code --max-seconds T} (default
 * 150), {@code --error-rate R} requests per second for the error budget (default 40).
 */
public final class VerdictSimulation {
  private static final String LATENCY_CHECK = "latency.auth.p95";
  private static final String RATE_CHECK = "errors.all.rate";
  private static final SeriesKey AUTH = SeriesKey.group(Phase.MEASURE, "auth");
  private static final SeriesKey REQUEST =
      SeriesKey.request(Phase.MEASURE, "POST /auth/v1/token?grant_type=password");
  private static final double LIMIT_MILLIS = 500;
  private static final double ERROR_BUDGET = 0.02;
  private static final double[] SHIFTS = {-0.20, -0.10, 0, 0.10, 0.20};
  private static final double[] RATE_SHARES = {0, 0.5, 0.8, 1.0, 1.2, 1.5};
  private static final double Z95 = 1.6448536269514722;

  private final Baselines baselines;
  private final int trials;
  private final long seed;

  private VerdictSimulation(Baselines baselines, int trials, long seed) {
    this.baselines = baselines;
    this.trials = trials;
    this.seed = seed;
  }

  /** A latency distribution, scaled so its true p95 is a given value. */
  enum Shape {
    LOGNORMAL("log-normal, σ = 0.5"),
    EXPONENTIAL("exponential"),
    SHIFTED("shifted: 60 % of the p95 fixed + exponential");

    final String label;

    Shape(String label) {
      this.label = label;
    }

    DoubleSupplier sampler(SplittableRandom random, double p95Millis) {
      return switch (this) {
        case LOGNORMAL -> {
          double mu = Math.log(p95Millis) - Z95 * 0.5;
          yield () -> Math.exp(mu + 0.5 * gaussian(random));
        }
        case EXPONENTIAL -> {
          double mean = p95Millis / Math.log(20);
          yield () -> -mean * Math.log(1 - random.nextDouble());
        }
        case SHIFTED -> {
          double fixed = 0.6 * p95Millis;
          double mean = 0.4 * p95Millis / Math.log(20);
          yield () -> fixed - mean * Math.log(1 - random.nextDouble());
        }
      };
    }
  }

  /** How the simulated runs of one cell ended. */
  private static final class Tally {
    final Map<Status, Integer> statuses = new EnumMap<>(Status.class);
    final long[] samplesUsed;
    int disagreements;
    int count;

    Tally(int trials) {
      samplesUsed = new long[trials];
    }

    void add(Status status, long samples, boolean agreed) {
      statuses.merge(status, 1, Integer::sum);
      samplesUsed[count++] = samples;
      disagreements += agreed ? 0 : 1;
    }

    String share(Status status) {
      return String.format(
          Locale.ROOT, "%.1f %%", 100.0 * statuses.getOrDefault(status, 0) / count);
    }

    String samples() {
      long[] sorted = Arrays.copyOf(samplesUsed, count);
      Arrays.sort(sorted);
      double mean = Arrays.stream(sorted).average().orElse(0);
      return String.format(Locale.ROOT, "%.0f | %d", mean, sorted[(int) (0.95 * (count - 1))]);
    }
  }

  /** One simulated latency run: samples each second until decided or {@code maxSeconds}. */
  private Tally latencyCell(Shape shape, double shift, int rate, int maxSeconds, long cellSeed) {
    SplittableRandom random = new SplittableRandom(cellSeed);
    DoubleSupplier sampler = shape.sampler(random, LIMIT_MILLIS * (1 + shift));
    ShareBoundary boundary = ShareBoundary.of(0.05);
    long limitMicros = ShareCount.effectiveLimitMicros(Math.round(LIMIT_MILLIS * 1_000));
    EvaluationOptions options = EvaluationOptions.defaults().gating(List.of(LATENCY_CHECK));
    Tally tally = new Tally(trials);
    for (int trial = 0; trial < trials; trial++) {
      long[] clock = {1_700_000_000_000L};
      Recording recording = Recording.manual(() -> clock[0]);
      long n = 0;
      long hits = 0;
      boolean decided = false;
      for (int second = 0; second < maxSeconds && !decided; second++) {
        for (int i = 0; i < rate; i++) {
          long nanos = Math.round(sampler.getAsDouble() * 1_000_000);
          recording.record(AUTH, nanos, Outcome.OK);
          n++;
          hits += nanos / 1_000 >= limitMicros ? 1 : 0;
        }
        clock[0] += 1_000;
        recording.tick();
        decided =
            n >= minimum(LATENCY_CHECK)
                && (boundary.showsAbove(hits, n) || boundary.showsBelow(hits, n));
      }
      Check check = check(recording.finish(), options, LATENCY_CHECK);
      tally.add(check.status(), check.samples(), decided == (check.status() != Status.WARN));
    }
    return tally;
  }

  private Tally rateCell(double errorShare, int rate, int maxSeconds, long cellSeed) {
    SplittableRandom random = new SplittableRandom(cellSeed);
    ShareBoundary boundary = ShareBoundary.of(ERROR_BUDGET);
    EvaluationOptions options = EvaluationOptions.defaults().gating(List.of(RATE_CHECK));
    Tally tally = new Tally(trials);
    for (int trial = 0; trial < trials; trial++) {
      long[] clock = {1_700_000_000_000L};
      Recording recording = Recording.manual(() -> clock[0]);
      long n = 0;
      long errors = 0;
      boolean decided = false;
      for (int second = 0; second < maxSeconds && !decided; second++) {
        for (int i = 0; i < rate; i++) {
          boolean error = random.nextDouble() < errorShare;
          recording.record(REQUEST, 50_000_000, error ? Outcome.HTTP_5XX : Outcome.OK);
          n++;
          errors += error ? 1 : 0;
        }
        clock[0] += 1_000;
        recording.tick();
        decided =
            n >= minimum(RATE_CHECK)
                && (boundary.showsAbove(errors, n) || boundary.showsBelow(errors, n));
      }
      Check check = check(recording.finish(), options, RATE_CHECK);
      tally.add(check.status(), check.samples(), decided == (check.status() != Status.WARN));
    }
    return tally;
  }

  /** The fewest samples the engine judges a check on (below, it is NO_DATA): as the engine. */
  private long minimum(String id) {
    CheckSpec spec =
        baselines.checks().stream()
            .filter(c -> c.id().equals(id))
            .findFirst()
            .orElseGet(
                () ->
                    baselines.paths().stream()
                        .filter(c -> id.equals("latency." + c.path() + ".p95"))
                        .findFirst()
                        .orElseThrow());
    long own =
        spec.statistic().percentile() == null
            ? 1
            : Intervals.minimumSamples(
                spec.statistic().percentile().fraction(), Intervals.CONFIDENCE_PERCENT);
    return Math.max(own, spec.minSamples());
  }

  private Check check(Measurements measurements, EvaluationOptions options, String id) {
    return VerdictEngine.evaluate(baselines, measurements, options).stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  public static void main(String[] args) {
    Map<String, String> options = options(args);
    int trials = Integer.parseInt(options.getOrDefault("--trials", "1000"));
    long seed = Long.parseLong(options.getOrDefault("--seed", "20261202"));
    int rate = Integer.parseInt(options.getOrDefault("--rate", "10"));
    int maxSeconds = Integer.parseInt(options.getOrDefault("--max-seconds", "150"));
    int errorRate = Integer.parseInt(options.getOrDefault("--error-rate", "40"));
    VerdictSimulation simulation =
        new VerdictSimulation(BaselinesLoader.load(baselinesFile()), trials, seed);
    System.out.printf(
        Locale.ROOT,
        "%s < 500 ms, %d samples/s, at most %d s (%d samples), %d runs per row, seed %d%n%n",
        LATENCY_CHECK,
        rate,
        maxSeconds,
        (long) rate * maxSeconds,
        trials,
        seed);
    System.out.println(
        "| shape | true p95 | PASS | WARN | FAIL | samples used: mean | 95th pct | engine agreed |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    long cell = 0;
    for (Shape shape : Shape.values()) {
      for (double shift : SHIFTS) {
        Tally t = simulation.latencyCell(shape, shift, rate, maxSeconds, seed + 1_000 * cell++);
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s | %s | %s |%n",
            shape.label,
            shift == 0 ? "at the limit" : String.format(Locale.ROOT, "%+.0f %%", 100 * shift),
            t.share(Status.PASS),
            t.share(Status.WARN),
            t.share(Status.FAIL),
            t.samples(),
            t.disagreements == 0 ? "all" : t.disagreements + " not");
        System.out.flush();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n%s < 2 %%, %d requests/s, at most %d s (%d requests), %d runs per row%n%n",
        RATE_CHECK,
        errorRate,
        maxSeconds,
        (long) errorRate * maxSeconds,
        trials);
    System.out.println(
        "| true error rate | PASS | WARN | FAIL | requests used: mean | 95th pct | engine agreed |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (double share : RATE_SHARES) {
      Tally t = simulation.rateCell(ERROR_BUDGET * share, errorRate, maxSeconds, seed + 7 * cell++);
      System.out.printf(
          Locale.ROOT,
          "| %.1f %% | %s | %s | %s | %s | %s |%n",
          100 * ERROR_BUDGET * share,
          t.share(Status.PASS),
          t.share(Status.WARN),
          t.share(Status.FAIL),
          t.samples(),
          t.disagreements == 0 ? "all" : t.disagreements + " not");
      System.out.flush();
    }
  }

  private static Path baselinesFile() {
    for (String candidate : List.of("baselines/production.yaml", "../baselines/production.yaml")) {
      if (Files.isRegularFile(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    throw new IllegalStateException(
        "baselines/production.yaml not found from " + Path.of("").toAbsolutePath());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }
}
