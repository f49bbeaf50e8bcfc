package dev.loadgate.compare;

import dev.loadgate.verdict.Intervals;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The ratio of one percentile (e.g. the p95) of a candidate to that of a baseline, with a
 * distribution-free interval and a one-sided test on the change. The one p95-ratio statistic of
 * loadgate: {@code loadgate compare} uses it side by side, the relative gate ({@code --against})
 * against an accepted run.
 *
 * <p>Method (Price and Bonett, "Distribution-free confidence intervals for difference and ratio of
 * medians", J. Statistical Computation and Simulation 72(2), 2002, there for the median, here for
 * any quantile): each percentile's exact order-statistic interval {@code [L, U]} at 95 % ({@link
 * Intervals#percentile}) gives the standard error of its logarithm, {@code se = (ln U − ln L) / (2
 * · 1.96)}; the log ratio {@code ln(b / a)} then has standard error {@code √(se_a² + se_b²)}. For
 * two runs at different times a drift term (the run-to-run spread of the log percentile that {@code
 * loadgate calibrate} measures) is added in quadrature.
 *
 * @param baseline the baseline's percentile in the histograms' unit, with its interval
 * @param candidate the candidate's percentile, with its interval
 */
public record QuantileRatio(Intervals.Estimate baseline, Intervals.Estimate candidate) {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /** The z value of the 95 % intervals the standard errors are read from. */
  static final double Z_95 = NORMAL.inverseCumulativeProbability(0.975);

  public QuantileRatio {
    requirePositive(baseline, "baseline");
    requirePositive(candidate, "candidate");
  }

  /**
   * The ratio of the {@code fraction}-quantiles of two histograms (same unit).
   *
   * @param fraction e.g. 0.95
   * @return empty when either holds too few samples for a 95 % interval (72 for a p95)
   */
  public static Optional<QuantileRatio> of(
      Histogram baseline, Histogram candidate, double fraction) {
    Optional<Intervals.Estimate> a =
        Intervals.percentile(baseline, fraction, Intervals.CONFIDENCE_PERCENT);
    Optional<Intervals.Estimate> b =
        Intervals.percentile(candidate, fraction, Intervals.CONFIDENCE_PERCENT);
    if (a.isEmpty() || b.isEmpty() || a.get().lower() <= 0 || b.get().lower() <= 0) {
      return Optional.empty();
    }
    return Optional.of(new QuantileRatio(a.get(), b.get()));
  }

  /** Candidate over baseline, e.g. 1.2 for 20 % slower. */
  public double ratio() {
    return candidate.value() / baseline.value();
  }

  /** The standard error of {@code ln(ratio)} from the two intervals' widths. */
  public double logStandardError() {
    return Math.hypot(logSe(baseline), logSe(candidate));
  }

  /**
   * The interval of the ratio at {@code confidencePercent}, with {@code driftLogSd} (0 side by
   * side) added to the standard error.
   *
   * @return {lower, upper}
   */
  public double[] interval(double confidencePercent, double driftLogSd) {
    double z = NORMAL.inverseCumulativeProbability(0.5 + confidencePercent / 200.0);
    double se = Math.hypot(logStandardError(), driftLogSd);
    double log = Math.log(ratio());
    return new double[] {Math.exp(log - z * se), Math.exp(log + z * se)};
  }

  /**
   * The one-sided p-value of "the candidate's percentile is more than {@code toleranceRatio} times
   * the baseline's" (null hypothesis: ratio ≤ toleranceRatio). Small values are evidence of a
   * regression beyond the tolerance.
   *
   * @param toleranceRatio e.g. 1.10 for a 10 % tolerance; ≥ 1
   * @param driftLogSd run-to-run spread of the log percentile, ≥ 0 (0 side by side)
   */
  public double pValueSlowerThan(double toleranceRatio, double driftLogSd) {
    double z = (Math.log(ratio()) - Math.log(toleranceRatio)) / se(driftLogSd);
    return 1 - NORMAL.cumulativeProbability(z);
  }

  /**
   * The mirror of {@link #pValueSlowerThan}: evidence that the ratio is below {@code
   * 1/toleranceRatio}.
   */
  public double pValueFasterThan(double toleranceRatio, double driftLogSd) {
    double z = (Math.log(ratio()) + Math.log(toleranceRatio)) / se(driftLogSd);
    return NORMAL.cumulativeProbability(z);
  }

  private double se(double driftLogSd) {
    if (!(driftLogSd >= 0) || Double.isInfinite(driftLogSd)) {
      throw new IllegalArgumentException(
          "drift must be a non-negative log standard deviation (expected e.g. 0.03, got "
              + driftLogSd
              + ")");
    }
    return Math.hypot(logStandardError(), driftLogSd);
  }

  /** The standard error of the log of a percentile, from its 95 % interval. */
  public static double logSe(Intervals.Estimate e) {
    return (Math.log(e.upper()) - Math.log(e.lower())) / (2 * Z_95);
  }

  private static void requirePositive(Intervals.Estimate e, String what) {
    if (e == null || !(e.lower() > 0) || !(e.value() > 0) || !(e.upper() >= e.value())) {
      throw new IllegalArgumentException(
          what
              + ": a percentile ratio needs a positive estimate inside its interval (got "
              + e
              + ")");
    }
  }
}
