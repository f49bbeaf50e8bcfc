package dev.loadgate.verdict;

import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The interval statistics behind every verdict, kept small so that a reviewer can check them.
 *
 * <p><b>Percentiles.</b> For {@code n} independent samples and the q-quantile ξ, the number of
 * samples at or below ξ is Binomial(n, q). The order statistics X(l) and X(u) bracket ξ with
 * probability {@code P(l <= B <= u - 1)}, whatever the distribution (distribution-free). {@link
 * #percentileRanks} picks {@code l - 1} as the largest k with {@code F(k) <= α/2} and {@code u - 1}
 * as the smallest k with {@code F(k) >= 1 - α/2}, so coverage is at least {@code 1 - α}. The ranks
 * are then read from the HdrHistogram: the lower bound as the lowest value of its bucket, the upper
 * as the highest, which only widens the interval.
 *
 * <p><b>Rates.</b> An error share x/n gets the exact Clopper–Pearson interval ({@link
 * #clopperPearsonPercent}); the Wilson score interval is kept for comparison.
 */
public final class Intervals {
  /** The confidence of every interval loadgate reports, in percent. */
  public static final double CONFIDENCE_PERCENT = 95;

  private Intervals() {}

  /**
   * 1-based ranks of the order statistics that bound a percentile.
   *
   * @param lower rank of the lower bound, at least 1
   * @param upper rank of the upper bound, at most n
   */
  public record Ranks(long lower, long upper) {}

  /**
   * The ranks of a distribution-free confidence interval for the {@code fraction}-quantile.
   *
   * @param n number of samples, at least 0
   * @param fraction the quantile as a probability in (0, 1), e.g. 0.95
   * @param confidencePercent e.g. 95
   * @return empty when n is too small for an interval at that confidence
   */
  public static Optional<Ranks> percentileRanks(long n, double fraction, double confidencePercent) {
    checkArguments(fraction, confidencePercent);
    if (n < 1) {
      return Optional.empty();
    }
    double tail = (1 - confidencePercent / 100.0) / 2;
    Cdf cdf = new Cdf(n, fraction);
    long lowerK = -1; // largest k with F(k) <= tail; -1 when none
    long upperK = -1; // smallest k with F(k) >= 1 - tail
    if (cdf.from > 0) {
      lowerK = cdf.from - 1; // below the window F is negligible (< 1e-30)
    }
    for (long k = cdf.from; k <= cdf.to; k++) {
      double f = cdf.at(k);
      if (f <= tail) {
        lowerK = k;
      }
      if (upperK < 0 && f >= 1 - tail) {
        upperK = k;
      }
    }
    if (upperK < 0) {
      upperK = cdf.to + 1;
    }
    long lower = lowerK + 1;
    long upper = upperK + 1;
    if (lowerK < 0 || upper > n) {
      return Optional.empty();
    }
    return Optional.of(new Ranks(lower, upper));
  }

  /**
   * The largest sample count {@link #minimumSamples} answers for; beyond, the quantile is absurd.
   */
  public static final long MAX_MINIMUM_SAMPLES = 1_000_000_000L;

  /**
   * The smallest sample count for which {@link #percentileRanks} yields an interval: both tails of
   * Binomial(n, q) must reach {@code α/2}, i.e. {@code q^n <= α/2} and {@code (1 - q)^n <= α/2}.
   * Closed form, checked against {@link #percentileRanks} in a bounded scan around it.
   *
   * @throws IllegalArgumentException when more than {@link #MAX_MINIMUM_SAMPLES} would be needed (a
   *     quantile such as 0.999999999 that no run can support)
   */
  public static long minimumSamples(double fraction, double confidencePercent) {
    checkArguments(fraction, confidencePercent);
    double logTail = Math.log((1 - confidencePercent / 100.0) / 2);
    double estimate = Math.max(logTail / Math.log(fraction), logTail / Math.log1p(-fraction));
    if (!(estimate <= MAX_MINIMUM_SAMPLES)) {
      throw new IllegalArgumentException(
          "quantile "
              + fraction
              + " needs more than "
              + MAX_MINIMUM_SAMPLES
              + " samples for a "
              + confidencePercent
              + " % interval (expected a percentile such as 95 or 99.9)");
    }
    long n = Math.max(1, (long) Math.ceil(estimate) - 2);
    for (long limit = n + 8; n <= limit; n++) { // rounding can move the answer by one or two
      if (percentileRanks(n, fraction, confidencePercent).isPresent()) {
        return n;
      }
    }
    throw new IllegalStateException(
        "no interval for quantile " + fraction + " near the closed-form count " + estimate);
  }

  /**
   * The value of the sample at 1-based {@code rank} in {@code histogram}: the lowest value its
   * bucket can hold when {@code lowEdge}, the highest otherwise.
   */
  public static long valueAtRank(Histogram histogram, long rank, boolean lowEdge) {
    if (rank < 1 || rank > histogram.getTotalCount()) {
      throw new IllegalArgumentException(
          "rank must be between 1 and the sample count "
              + histogram.getTotalCount()
              + " (got "
              + rank
              + ")");
    }
    long seen = 0;
    for (var value : histogram.recordedValues()) {
      seen += value.getCountAtValueIteratedTo();
      if (seen >= rank) {
        long v = value.getValueIteratedTo();
        return lowEdge ? histogram.lowestEquivalentValue(v) : histogram.highestEquivalentValue(v);
      }
    }
    throw new IllegalStateException("histogram counts do not add up to its total count");
  }

  /**
   * The point estimate and interval of a percentile of {@code histogram}, in the histogram's unit.
   *
   * @return empty when the histogram holds too few samples for an interval
   */
  public static Optional<Estimate> percentile(
      Histogram histogram, double fraction, double confidencePercent) {
    long n = histogram.getTotalCount();
    return percentileRanks(n, fraction, confidencePercent)
        .map(
            ranks ->
                new Estimate(
                    histogram.getValueAtPercentile(fraction * 100),
                    valueAtRank(histogram, ranks.lower(), true),
                    valueAtRank(histogram, ranks.upper(), false),
                    n));
  }

  /**
   * A point estimate with its interval.
   *
   * @param value the point estimate
   * @param lower lower bound
   * @param upper upper bound
   * @param samples how many samples it rests on
   */
  public record Estimate(double value, double lower, double upper, long samples) {}

  /**
   * The Wilson score interval for a share, in percent.
   *
   * @param hits e.g. errors; between 0 and {@code n}
   * @param n trials, at least 1
   */
  public static Estimate wilsonPercent(long hits, long n, double confidencePercent) {
    if (n < 1 || hits < 0 || hits > n) {
      throw new IllegalArgumentException(
          "a share needs 0 <= hits <= n and n >= 1 (got " + hits + " of " + n + ")");
    }
    double z = normalQuantile(1 - (1 - confidencePercent / 100.0) / 2);
    double p = (double) hits / n;
    double z2n = z * z / n;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n));
    double lower = hits == 0 ? 0 : Math.max(0, centre - half);
    double upper = hits == n ? 1 : Math.min(1, centre + half);
    return new Estimate(100 * p, 100 * lower, 100 * upper, n);
  }

  /**
   * The exact (Clopper–Pearson) interval for a share, in percent: the lower bound is the {@code
   * α/2} quantile of Beta(hits, n − hits + 1), the upper the {@code 1 − α/2} quantile of Beta(hits
   * + 1, n − hits), so each side's coverage is at least {@code 1 − α/2} for every true share
   * (Clopper and Pearson, Biometrika 26, 1934).
   *
   * @param hits e.g. errors; between 0 and {@code n}
   * @param n trials, at least 1
   */
  public static Estimate clopperPearsonPercent(long hits, long n, double confidencePercent) {
    if (n < 1 || hits < 0 || hits > n) {
      throw new IllegalArgumentException(
          "a share needs 0 <= hits <= n and n >= 1 (got " + hits + " of " + n + ")");
    }
    double tail = (1 - confidencePercent / 100.0) / 2;
    double lower = hits == 0 ? 0 : betaQuantile(tail, hits, n - hits + 1.0);
    double upper = hits == n ? 1 : betaQuantile(1 - tail, hits + 1.0, n - hits);
    return new Estimate(100.0 * hits / n, 100 * lower, 100 * upper, n);
  }

  /** The {@code probability}-quantile of Beta(a, b), by bisection on its distribution function. */
  static double betaQuantile(double probability, double a, double b) {
    double low = 0;
    double high = 1;
    for (int i = 0; i < 200 && high - low > 1e-15; i++) {
      double mid = (low + high) / 2;
      if (org.apache.commons.math3.special.Beta.regularizedBeta(mid, a, b) < probability) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }

  /** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
  static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1) (got " + p + ")");
    }
    double[] a = {
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    double[] c = {
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -normalQuantile(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  private static void checkArguments(double fraction, double confidencePercent) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "quantile must be a probability in (0, 1) such as 0.95 (got " + fraction + ")");
    }
    if (!(confidencePercent > 0 && confidencePercent < 100)) {
      throw new IllegalArgumentException(
          "confidence must be in percent, in (0, 100), such as 95 (got " + confidencePercent + ")");
    }
  }

  /**
   * The Binomial(n, q) distribution function over the window where it changes (mode ± 40 standard
   * deviations), built from pmf ratios relative to the mode so that no factorial or gamma function
   * is needed and nothing underflows.
   */
  private static final class Cdf {
    final long from;
    final long to;
    private final double[] cumulative;

    Cdf(long n, double q) {
      long mode = Math.min(n, (long) Math.floor((n + 1) * q));
      long width = (long) Math.ceil(40 * Math.sqrt(n * q * (1 - q))) + 40;
      from = Math.max(0, mode - width);
      to = Math.min(n, mode + width);
      double[] weight = new double[(int) (to - from + 1)];
      double odds = q / (1 - q);
      weight[(int) (mode - from)] = 1;
      for (long k = mode; k < to; k++) { // pmf(k+1)/pmf(k) = (n-k)/(k+1) * q/(1-q)
        weight[(int) (k + 1 - from)] = weight[(int) (k - from)] * (n - k) / (k + 1) * odds;
      }
      for (long k = mode; k > from; k--) { // pmf(k-1)/pmf(k) = k/(n-k+1) * (1-q)/q
        weight[(int) (k - 1 - from)] = weight[(int) (k - from)] * k / (n - k + 1) / odds;
      }
      double total = 0;
      for (double w : weight) {
        total += w;
      }
      cumulative = new double[weight.length];
      double running = 0;
      for (int i = 0; i < weight.length; i++) {
        running += weight[i];
        cumulative[i] = running / total;
      }
    }

    double at(long k) {
      return cumulative[(int) (k - from)];
    }
  }
}
