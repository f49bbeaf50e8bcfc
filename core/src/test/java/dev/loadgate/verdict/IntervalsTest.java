package dev.loadgate.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loadgate.measure.Measurements;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalsTest {
  @Test
  void ranksMatchTheBinomialQuantiles() {
    // Binomial(100, 0.95): F(90) = 0.0282 > 0.025 >= F(89) = 0.0115, so l - 1 = 89, l = 90;
    // F(98) = 0.9629 < 0.975 <= F(99) = 0.9941, so u - 1 = 99, u = 100.
    assertThat(Intervals.percentileRanks(100, 0.95, 95)).contains(new Intervals.Ranks(90, 100));
    // Binomial(1000, 0.5), symmetric: ranks 469 and 532 (the textbook median interval).
    assertThat(Intervals.percentileRanks(1000, 0.5, 95)).contains(new Intervals.Ranks(469, 532));
  }

  @Test
  void ranksForMillionsOfSamplesStayNarrowAroundTheQuantile() {
    Intervals.Ranks ranks = Intervals.percentileRanks(10_000_000, 0.95, 95).orElseThrow();
    double sd = Math.sqrt(10_000_000 * 0.95 * 0.05);
    assertThat((double) ranks.lower()).isCloseTo(9_500_000 - 1.96 * sd, within(3.0));
    assertThat((double) ranks.upper()).isCloseTo(9_500_000 + 1.96 * sd, within(3.0));
  }

  @Test
  void aP95IntervalNeedsSeventyTwoSamples() {
    // 1 - 0.95^n >= 0.975 first holds at n = 72.
    assertThat(Intervals.minimumSamples(0.95, 95)).isEqualTo(72);
    assertThat(Intervals.percentileRanks(71, 0.95, 95)).isEmpty();
    assertThat(Intervals.percentileRanks(72, 0.95, 95)).contains(new Intervals.Ranks(64, 72));
    assertThat(Intervals.minimumSamples(0.99, 95)).isEqualTo(368);
  }

  @Test
  void rejectsAPercentWhereAProbabilityIsMeant() {
    assertThatThrownBy(() -> Intervals.percentileRanks(100, 95, 95))
        .hasMessage("quantile must be a probability in (0, 1) such as 0.95 (got 95.0)");
  }

  @Test
  void readsValuesAtRanksFromTheHistogramWithBucketEdges() {
    Histogram h = Measurements.newLatencyHistogram();
    for (int v = 1; v <= 100; v++) {
      h.recordValue(v * 1_000L);
    }
    assertThat(Intervals.valueAtRank(h, 90, true)).isEqualTo(h.lowestEquivalentValue(90_000));
    assertThat(Intervals.valueAtRank(h, 100, false)).isEqualTo(h.highestEquivalentValue(100_000));
    Intervals.Estimate e = Intervals.percentile(h, 0.95, 95).orElseThrow();
    assertThat(e.lower()).isLessThanOrEqualTo(90_000);
    assertThat(e.value()).isEqualTo((double) h.getValueAtPercentile(95));
    assertThat(e.upper()).isGreaterThanOrEqualTo(100_000);
  }

  @Test
  void wilsonIntervalMatchesTheTextbookValues() {
    // 10 errors of 100: Wilson 95 % interval (5.52 %, 17.44 %).
    Intervals.Estimate e = Intervals.wilsonPercent(10, 100, 95);
    assertThat(e.value()).isEqualTo(10.0);
    assertThat(e.lower()).isCloseTo(5.52, within(0.01));
    assertThat(e.upper()).isCloseTo(17.44, within(0.01));
    // no errors of 1000: lower bound 0, upper 0.38 %.
    Intervals.Estimate none = Intervals.wilsonPercent(0, 1000, 95);
    assertThat(none.lower()).isZero();
    assertThat(none.upper()).isCloseTo(0.383, within(0.001));
  }

  @Test
  void clopperPearsonMatchesTheTextbookValues() {
    // 10 of 100: exact 95 % interval (4.90 %, 17.62 %); 0 of 1000: (0, 0.368 %).
    Intervals.Estimate e = Intervals.clopperPearsonPercent(10, 100, 95);
    assertThat(e.lower()).isCloseTo(4.900, within(0.001));
    assertThat(e.upper()).isCloseTo(17.622, within(0.001));
    Intervals.Estimate none = Intervals.clopperPearsonPercent(0, 1000, 95);
    assertThat(none.lower()).isZero();
    assertThat(none.upper()).isCloseTo(0.368, within(0.001));
  }

  @Test
  void clopperPearsonUpperBoundFallsBelowATrueShareAtMostTwoAndAHalfPercentOfTheTime() {
    // Exact over the binomial distribution, for n where Wilson's tail exceeds 2.5 % at 2 %.
    for (int n : new int[] {100, 150, 250, 500, 1000}) {
      double miss = 0;
      for (int k = 0; k <= n; k++) {
        if (Intervals.clopperPearsonPercent(k, n, 95).upper() < 2.0) {
          miss += binomialPmf(n, k, 0.02);
        }
      }
      assertThat(miss).as("n=%d", n).isLessThanOrEqualTo(0.025);
    }
  }

  private static double binomialPmf(int n, int k, double p) {
    double log = 0;
    for (int i = 1; i <= k; i++) {
      log += Math.log((double) (n - k + i) / i);
    }
    return Math.exp(log + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }

  @Test
  void minimumSamplesIsClosedFormAndRefusesAbsurdQuantiles() {
    assertThat(Intervals.minimumSamples(0.999, 95)).isEqualTo(3_688);
    assertThat(Intervals.minimumSamples(0.5, 95)).isEqualTo(6);
    assertThatThrownBy(() -> Intervals.minimumSamples(1 - 1e-12, 95))
        .hasMessage(
            "quantile 0.999999999999 needs more than 1000000000 samples for a 95.0 % interval"
                + " (expected a percentile such as 95 or 99.9)");
  }

  @Test
  void normalQuantileIsAccurate() {
    assertThat(Intervals.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
    assertThat(Intervals.normalQuantile(0.01)).isCloseTo(-2.326348, within(1e-6));
  }

  @Test
  void p95IntervalCoversTheTrueQuantileOfAnExponential() {
    Random random = new Random(42);
    double mean = 200;
    double trueP95 = -mean * Math.log(0.05);
    assertThat(coverage(() -> -mean * Math.log(1 - random.nextDouble()), trueP95, 400, 1_000))
        .isGreaterThanOrEqualTo(0.93);
  }

  @Test
  void p95IntervalCoversTheTrueQuantileOfALognormal() {
    Random random = new Random(7);
    double mu = Math.log(120);
    double sigma = 0.8;
    double trueP95 = Math.exp(mu + sigma * 1.6448536269514722);
    assertThat(coverage(() -> Math.exp(mu + sigma * random.nextGaussian()), trueP95, 150, 1_000))
        .isGreaterThanOrEqualTo(0.93);
  }

  @Test
  void p99IntervalCoversTheTrueQuantileAtItsMinimumSampleCount() {
    Random random = new Random(11);
    double trueP99 = -50 * Math.log(0.01);
    Optional<Intervals.Ranks> ranks = Intervals.percentileRanks(368, 0.99, 95);
    assertThat(ranks).isPresent();
    double covered = 0;
    int trials = 1_000;
    for (int t = 0; t < trials; t++) {
      Histogram h = Measurements.newLatencyHistogram();
      for (int i = 0; i < 368; i++) {
        h.recordValue(Math.round(-50 * Math.log(1 - random.nextDouble()) * 1_000));
      }
      Intervals.Estimate e = Intervals.percentile(h, 0.99, 95).orElseThrow();
      if (e.lower() <= trueP99 * 1_000 && trueP99 * 1_000 <= e.upper()) {
        covered++;
      }
    }
    assertThat(covered / trials).isGreaterThanOrEqualTo(0.93);
  }

  @Test
  void wilsonIntervalCoversTheTrueErrorShare() {
    Random random = new Random(3);
    int covered = 0;
    int trials = 2_000;
    for (int t = 0; t < trials; t++) {
      int errors = 0;
      for (int i = 0; i < 500; i++) {
        errors += random.nextDouble() < 0.02 ? 1 : 0;
      }
      Intervals.Estimate e = Intervals.wilsonPercent(errors, 500, 95);
      covered += e.lower() <= 2.0 && 2.0 <= e.upper() ? 1 : 0;
    }
    assertThat((double) covered / trials).isGreaterThanOrEqualTo(0.93);
  }

  /** Share of trials whose interval (from an HdrHistogram in µs) holds the true p95 (in ms). */
  private static double coverage(DoubleSupplier millis, double trueMillis, int n, int trials) {
    int covered = 0;
    for (int t = 0; t < trials; t++) {
      Histogram h = Measurements.newLatencyHistogram();
      for (int i = 0; i < n; i++) {
        h.recordValue(Math.round(millis.getAsDouble() * 1_000));
      }
      Intervals.Estimate e = Intervals.percentile(h, 0.95, 95).orElseThrow();
      if (e.lower() <= trueMillis * 1_000 && trueMillis * 1_000 <= e.upper()) {
        covered++;
      }
    }
    return (double) covered / trials;
  }
}
