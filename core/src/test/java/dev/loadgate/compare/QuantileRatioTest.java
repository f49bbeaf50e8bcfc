package dev.loadgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loadgate.measure.Measurements;
import dev.loadgate.verdict.Intervals;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class QuantileRatioTest {
  private static Histogram lognormal(long seed, int n, double medianMicros, double sigma) {
    Random random = new Random(seed);
    Histogram h = Measurements.newLatencyHistogram();
    for (int i = 0; i < n; i++) {
      h.recordValue(Math.round(medianMicros * Math.exp(sigma * random.nextGaussian())));
    }
    return h;
  }

  @Test
  void standardErrorComesFromTheOrderStatisticIntervalsWidths() {
    Intervals.Estimate a = new Intervals.Estimate(100, 90, 110, 500);
    Intervals.Estimate b = new Intervals.Estimate(120, 100, 150, 500);
    QuantileRatio ratio = new QuantileRatio(a, b);
    double seA = Math.log(110.0 / 90) / (2 * 1.959963984540054);
    double seB = Math.log(150.0 / 100) / (2 * 1.959963984540054);
    assertThat(ratio.ratio()).isCloseTo(1.2, within(1e-12));
    assertThat(ratio.logStandardError()).isCloseTo(Math.hypot(seA, seB), within(1e-12));
    double[] ci = ratio.interval(95, 0);
    assertThat(ci[0])
        .isCloseTo(1.2 * Math.exp(-1.959963984540054 * Math.hypot(seA, seB)), within(1e-9));
  }

  @Test
  void pValueAgainstTheToleranceIsAOneSidedNormalTestOnTheLogRatio() {
    QuantileRatio ratio =
        new QuantileRatio(
            new Intervals.Estimate(100, 95, 105, 1000),
            new Intervals.Estimate(130, 124, 137, 1000));
    double se = ratio.logStandardError();
    double z = (Math.log(1.3) - Math.log(1.1)) / se;
    double expected =
        1 - new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(z);
    assertThat(ratio.pValueSlowerThan(1.1, 0)).isCloseTo(expected, within(1e-12));
    // Drift widens the standard error: the same change is weaker evidence between runs.
    assertThat(ratio.pValueSlowerThan(1.1, 0.1)).isGreaterThan(ratio.pValueSlowerThan(1.1, 0));
    assertThat(ratio.pValueFasterThan(1.1, 0)).isGreaterThan(0.999);
  }

  @Test
  void readsBothP95sFromHistogramsAndNeedsSeventyTwoSamplesEach() {
    Histogram a = lognormal(1, 2000, 80_000, 0.3);
    Histogram b = lognormal(2, 2000, 96_000, 0.3);
    QuantileRatio ratio = QuantileRatio.of(a, b, 0.95).orElseThrow();
    assertThat(ratio.ratio()).isCloseTo(1.2, within(0.06));
    assertThat(ratio.pValueSlowerThan(1.05, 0)).isLessThan(0.01);
    assertThat(QuantileRatio.of(lognormal(3, 71, 80_000, 0.3), b, 0.95)).isEmpty();
    assertThat(QuantileRatio.of(lognormal(3, 72, 80_000, 0.3), b, 0.95)).isPresent();
  }

  @Test
  void refusesANegativeDrift() {
    QuantileRatio ratio =
        new QuantileRatio(
            new Intervals.Estimate(100, 95, 105, 1000), new Intervals.Estimate(100, 95, 105, 1000));
    assertThatThrownBy(() -> ratio.pValueSlowerThan(1.1, -0.01))
        .hasMessage(
            "drift must be a non-negative log standard deviation (expected e.g. 0.03, got -0.01)");
  }
}
