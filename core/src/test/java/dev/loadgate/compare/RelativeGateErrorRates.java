package dev.loadgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.verdict.AcceptedRun;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.EvaluationOptions;
import dev.loadgate.verdict.VerdictEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The measured error rates of the relative gate ({@code --against}): pairs of seeded simulated
 * runs, the second judged against the first through {@link VerdictEngine#evaluate}, with the real
 * baselines. Each run's latencies are scaled by exp(N(0, drift)): the machine moving between runs.
 * A tier of its own, not in the fast build:
 *
 * <pre>
 * mvn -B -pl core -am test -Dtest=RelativeGateErrorRates -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class RelativeGateErrorRates {
  private static final int TRIALS = 250;
  private static final String LOGIN = "POST /auth/v1/token?grant_type=password";
  private final Baselines baselines = BaselinesLoader.load(Path.of("../baselines/production.yaml"));

  @Test
  void measuresFalseAlarmsAndPower() {
    System.out.println(
        "| samples per run | true drift | assumed drift | truth | pairs | auth regressed |");
    System.out.println("|---|---|---|---|---|---|");
    double worstAa = 0;
    long seed = 4242;
    for (int n : new int[] {150, 1500}) {
      for (double[] drift :
          new double[][] {{0.03, 0.05}, {0.05, 0.05}, {0.10, 0.05}, {0.10, 0.10}}) {
        for (double factor : new double[] {1.0, 1.2, 1.5}) {
          double share = run(new Random(seed++), n, drift[0], drift[1], factor);
          System.out.println(
              String.format(
                  Locale.ROOT,
                  "| %d | %.0f %% | %.0f %% | %s | %d | %.1f %% |",
                  n,
                  100 * drift[0],
                  100 * drift[1],
                  factor == 1.0 ? "A/A" : "×" + factor,
                  TRIALS,
                  100 * share));
          if (factor == 1.0 && drift[0] <= drift[1]) {
            worstAa = Math.max(worstAa, share);
          }
        }
      }
    }
    assertThat(worstAa)
        .as("A/A regressions when the assumed drift covers the true one")
        .isLessThanOrEqualTo(0.01);
  }

  private double run(Random random, int n, double trueDrift, double assumedDrift, double factor) {
    int regressed = 0;
    for (int t = 0; t < TRIALS; t++) {
      Measurements before = auth(random, n, Math.exp(trueDrift * random.nextGaussian()));
      Measurements after = auth(random, n, factor * Math.exp(trueDrift * random.nextGaussian()));
      EvaluationOptions options =
          EvaluationOptions.defaults()
              .against(new AcceptedRun("accepted", before, Optional.empty()))
              .calibrated(new Calibration(assumedDrift, Map.of(), "simulation"));
      List<Check> checks = VerdictEngine.evaluate(baselines, after, options);
      boolean auth =
          checks.stream()
              .anyMatch(
                  c ->
                      c.id().equals("latency.auth.p95")
                          && c.comparison() != null
                          && c.comparison().regressed());
      regressed += auth ? 1 : 0;
    }
    return regressed / (double) TRIALS;
  }

  private static Measurements auth(Random random, int n, double scale) {
    AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    Recording recording = Recording.manual(clock::get);
    for (int i = 0; i < n; i++) {
      long nanos = Math.round(80e6 * scale * Math.exp(0.3 * random.nextGaussian()));
      recording.record(SeriesKey.group(Phase.MEASURE, "auth"), nanos, Outcome.OK);
      recording.record(SeriesKey.request(Phase.MEASURE, LOGIN), nanos, Outcome.OK);
    }
    return recording.finish();
  }
}
