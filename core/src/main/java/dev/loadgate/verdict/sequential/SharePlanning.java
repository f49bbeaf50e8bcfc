package dev.loadgate.verdict.sequential;

import java.util.OptionalLong;
import org.apache.commons.math3.special.Beta;

/**
 * Sizing for the share tests: how many trials a given true share needs before the test decides, and
 * the smallest change a given number of trials can show. Estimates for planning, from the binomial
 * distribution at a single look at the end (the test may decide earlier, never later in
 * distribution), so they err on the long side.
 */
public final class SharePlanning {
  /** The chance of deciding that sizing aims for. */
  public static final double POWER = 0.95;

  /** Sizing gives up beyond this many trials. */
  public static final long MAX_TRIALS = 100_000_000L;

  private SharePlanning() {}

  /**
   * The fewest trials after which a true share {@code share} is decided correctly (above or below
   * {@code threshold}, whichever it is) with probability {@link #POWER} at the end; empty when the
   * share equals the threshold or more than {@link #MAX_TRIALS} would be needed.
   */
  public static OptionalLong trialsToDecide(double share, double threshold) {
    if (share == threshold || !(share >= 0 && share <= 1)) {
      return OptionalLong.empty();
    }
    if (power(share, threshold, MAX_TRIALS) < POWER) {
      return OptionalLong.empty();
    }
    long high = 1;
    while (power(share, threshold, high) < POWER) {
      high *= 2;
    }
    long low = high / 2 + 1;
    while (low < high) { // power rises with trials apart from lattice wiggles: a planning figure
      long mid = (low + high) >>> 1;
      if (power(share, threshold, mid) >= POWER) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return OptionalLong.of(high);
  }

  /**
   * The chance that a true share {@code share} is decided correctly after {@code trials}, looking
   * once at the end.
   */
  public static double power(double share, double threshold, long trials) {
    ShareBoundary boundary = ShareBoundary.of(threshold);
    if (share > threshold) {
      return atLeast(boundary.fewestHitsAbove(trials), trials, share);
    }
    return atMost(boundary.mostHitsBelow(trials), trials, share);
  }

  /**
   * The largest true share below {@code threshold} that {@code trials} decide correctly with
   * probability {@link #POWER}; NaN when even a share of 0 is not decided.
   */
  public static double detectableBelow(double threshold, long trials) {
    if (power(0, threshold, trials) < POWER) {
      return Double.NaN;
    }
    double low = 0;
    double high = threshold;
    for (int i = 0; i < 50; i++) {
      double mid = (low + high) / 2;
      if (power(mid, threshold, trials) >= POWER) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * The smallest true share above {@code threshold} that {@code trials} decide correctly with
   * probability {@link #POWER}; NaN when even a share of 1 is not decided.
   */
  public static double detectableAbove(double threshold, long trials) {
    if (power(1, threshold, trials) < POWER) {
      return Double.NaN;
    }
    double low = threshold;
    double high = 1;
    for (int i = 0; i < 50; i++) {
      double mid = (low + high) / 2;
      if (power(mid, threshold, trials) >= POWER) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  /** P(X &gt;= k) for X ~ Binomial(n, p). */
  static double atLeast(long k, long n, double p) {
    if (k <= 0) {
      return 1;
    }
    if (k > n) {
      return 0;
    }
    if (p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return 1;
    }
    return Beta.regularizedBeta(p, k, n - k + 1.0);
  }

  /** P(X &lt;= k) for X ~ Binomial(n, p). */
  static double atMost(long k, long n, double p) {
    if (k < 0) {
      return 0;
    }
    if (k >= n) {
      return 1;
    }
    return 1 - atLeast(k + 1, n, p);
  }
}
