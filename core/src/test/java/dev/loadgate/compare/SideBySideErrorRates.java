package dev.loadgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The measured error rates of {@link SideBySide}: seeded simulated duet runs recorded through
 * {@link Recording} and compared through {@link CompareChecks} with the real baselines file. A
 * statistical tier of its own, not in the fast build (the name matches neither {@code *Test} nor
 * {@code *IT}):
 *
 * <pre>
 * mvn -B -pl core -am test -Dtest=SideBySideErrorRates -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Prints the tables of docs/verdicts.md ("Side by side: measured error rates") and asserts the
 * goals.
 */
class SideBySideErrorRates {
  /** The smoke suite's journeys with medians near the embedded app's on a quiet machine (ms). */
  private static final Map<String, Double> MEDIAN_MILLIS =
      Map.of(
          "auth", 80.0,
          "letter_generation", 30.0,
          "payment", 28.0,
          "admin_dashboard", 85.0,
          "download", 12.0);

  private static final Map<String, String> REQUEST =
      Map.of(
          "auth", "POST /auth/v1/token?grant_type=password",
          "letter_generation", "POST /api/generate-letter",
          "payment", "POST /api/create-checkout",
          "admin_dashboard", "GET /api/admin/analytics",
          "download", "GET /api/letters/{id}/pdf");

  private static final int TRIALS = 250;

  private final Baselines baselines = BaselinesLoader.load(Path.of("../baselines/production.yaml"));

  @Test
  void measuresFalseAlarmsAndPower() {
    List<String> rows = new ArrayList<>();
    rows.add(
        "| samples per side | spread σ | shared noise σ | truth | comparisons | auth REGRESSED |"
            + " any REGRESSED | any IMPROVED |");
    rows.add("|---|---|---|---|---|---|---|---|");
    double worstAa = 0;
    double power12 = 0;
    long seed = 20260902L;
    for (int n : new int[] {150, 600}) {
      for (double noise : new double[] {0, 0.2}) {
        for (double sigma : new double[] {0.2, 0.3, 0.5}) {
          for (double factor : new double[] {1.0, 1.1, 1.2}) {
            Rates r = run(new Random(seed++), n, sigma, noise, factor, false);
            rows.add(r.row(n, sigma, noise, factor == 1.0 ? "A/A" : "auth ×" + factor));
            if (factor == 1.0) {
              worstAa = Math.max(worstAa, r.anyRegressed());
            } else if (n == 150 && sigma == 0.3 && noise == 0 && factor == 1.2) {
              power12 = r.authRegressed();
            }
          }
        }
      }
    }
    Rates tail = run(new Random(seed), 150, 0.3, 0, 1.0, true);
    rows.add(tail.row(150, 0.3, 0, "8 of 150 auth samples → 2 s"));
    rows.forEach(System.out::println);
    assertThat(worstAa)
        .as("A/A share of comparisons with a REGRESSED check")
        .isLessThanOrEqualTo(0.01);
    assertThat(power12).as("×1.2 on auth caught at 150 a side, σ 0.3").isGreaterThanOrEqualTo(0.95);
  }

  private Rates run(
      Random random, int perSide, double sigma, double noise, double factor, boolean tail) {
    int authRegressed = 0;
    int anyRegressed = 0;
    int anyImproved = 0;
    for (int t = 0; t < TRIALS; t++) {
      Duet duet = new Duet(random);
      for (String path : MEDIAN_MILLIS.keySet()) {
        duet.path(
            path,
            perSide,
            sigma,
            noise,
            path.equals("auth") ? factor : 1.0,
            tail && path.equals("auth"));
      }
      List<PathComparison> result =
          SideBySide.compare(
              CompareChecks.of(baselines, duet.a.finish(), duet.b.finish(), id -> true),
              CompareOptions.DEFAULT);
      boolean auth = false;
      boolean regressed = false;
      boolean improved = false;
      for (PathComparison c : result) {
        auth |= c.id().equals("latency.auth.p95") && c.change() == Change.REGRESSED;
        regressed |= c.change() == Change.REGRESSED;
        improved |= c.change() == Change.IMPROVED;
      }
      authRegressed += auth ? 1 : 0;
      anyRegressed += regressed ? 1 : 0;
      anyImproved += improved ? 1 : 0;
    }
    return new Rates(TRIALS, authRegressed, anyRegressed, anyImproved);
  }

  private record Rates(int trials, int auth, int any, int improved) {
    double authRegressed() {
      return auth / (double) trials;
    }

    double anyRegressed() {
      return any / (double) trials;
    }

    String row(int n, double sigma, double noise, String truth) {
      return String.format(
          Locale.ROOT,
          "| %d | %.1f | %.1f | %s | %d | %.1f %% | %.1f %% | %.1f %% |",
          n,
          sigma,
          noise,
          truth,
          trials,
          100.0 * auth / trials,
          100.0 * any / trials,
          100.0 * improved / trials);
    }
  }

  /**
   * One side-by-side run: arrivals in randomised blocks of two, each arrival's latency scaled by a
   * machine-noise factor that both sides share over time (AR(1) on the log scale).
   */
  private static final class Duet {
    final Random random;
    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    final Side a;
    final Side b;

    Duet(Random random) {
      this.random = random;
      this.a = new Side(clock);
      this.b = new Side(clock);
    }

    void path(String path, int perSide, double sigma, double noiseSd, double factor, boolean tail) {
      // AR(1) with coefficient 0.9 per arrival, scaled so that its stationary sd is noiseSd.
      double noise = 0;
      double innovation = noiseSd * Math.sqrt(1 - 0.81);
      int slowTail = tail ? 8 : 0;
      for (int block = 0; block < perSide; block++) {
        boolean aFirst = random.nextBoolean();
        for (int k = 0; k < 2; k++) {
          noise = 0.9 * noise + innovation * random.nextGaussian();
          double base = MEDIAN_MILLIS.get(path) * Math.exp(sigma * random.nextGaussian() + noise);
          boolean toA = (k == 0) == aFirst;
          double millis = toA ? base : base * factor;
          if (!toA && slowTail > 0 && random.nextInt(perSide) < 9) {
            millis = 2000;
            slowTail--;
          }
          (toA ? a : b).record(path, millis);
        }
      }
    }
  }

  private static final class Side {
    final Recording recording;

    Side(AtomicLong clock) {
      this.recording = Recording.manual(clock::get);
    }

    void record(String path, double millis) {
      long nanos = Math.round(millis * 1_000_000);
      recording.record(SeriesKey.group(Phase.MEASURE, path), nanos, Outcome.OK);
      recording.record(SeriesKey.request(Phase.MEASURE, REQUEST.get(path)), nanos, Outcome.OK);
    }

    Measurements finish() {
      return recording.finish();
    }
  }
}
