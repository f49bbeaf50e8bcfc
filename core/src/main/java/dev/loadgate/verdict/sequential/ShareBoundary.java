package dev.loadgate.verdict.sequential;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.special.Beta;

/**
 * Anytime-valid one-sided tests of a Bernoulli share against a threshold: after any number of
 * trials, and however often one looks, whether the hits seen so far show the true share to lie
 * above the threshold, or below it.
 *
 * <p><b>Method.</b> Each side is a Robbins (1970) mixture martingale: the likelihood ratio of the
 * observed hits under a share {@code p} against the threshold {@code θ0}, averaged over a Beta
 * prior on {@code p} truncated to the tested side (the beta-binomial mixture of Howard, Ramdas,
 * McAuliffe and Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence sequences", Annals
 * of Statistics 49(2), 2021). Under any share on the other side of {@code θ0} (the threshold
 * included) that average is a nonnegative supermartingale starting at 1, so by Ville's inequality
 * it ever reaches {@code 1/α} with probability at most {@code α}, whenever and however often it is
 * checked. Four prior strengths ({@link #PRIOR_STRENGTHS}, pseudo-trials around {@code θ0}) are
 * averaged with equal weight, so the test reacts both to a large change within a few hundred trials
 * and to a small one over tens of thousands.
 *
 * <p><b>Error rates.</b> With {@link #ALPHA_EACH_SIDE} = 2.5 %: when the true share equals the
 * threshold, the chance of ever showing "above" is at most 2.5 %, and of ever showing "below" at
 * most 2.5 %; further from the threshold on the wrong side, less.
 *
 * <p>Both tests are monotone in the hits, so each is a boundary: {@link #fewestHitsAbove} and
 * {@link #mostHitsBelow} per trial count, computed once per threshold and cached. Thread-safe.
 */
public final class ShareBoundary {
  /** The largest chance of each wrong call (above / below) when the share sits on the threshold. */
  public static final double ALPHA_EACH_SIDE = 0.025;

  /** The prior strengths mixed, in pseudo-trials: Beta(θ0·m, (1 − θ0)·m) for each m. */
  static final double[] PRIOR_STRENGTHS = {10, 100, 1_000, 10_000};

  /** Trial counts up to this are tabulated; beyond, each query searches the hits directly. */
  private static final int TABLE_LIMIT = 1 << 14;

  private static final Map<Double, ShareBoundary> CACHE = new ConcurrentHashMap<>();

  private final double threshold;
  private final double logThreshold;
  private final double logComplement;
  private final double logRejection = Math.log(1 / ALPHA_EACH_SIDE);
  private final double[] priorA = new double[PRIOR_STRENGTHS.length];
  private final double[] priorB = new double[PRIOR_STRENGTHS.length];
  private final double[] logPriorAbove = new double[PRIOR_STRENGTHS.length];
  private final double[] logPriorBelow = new double[PRIOR_STRENGTHS.length];
  private int[] fewestAbove = {1}; // index t: fewest hits showing "above"; t + 1 when none
  private int[] mostBelow = {-1}; // index t: most hits showing "below"; -1 when none
  private int tabulated; // table entries 0..tabulated are valid

  private ShareBoundary(double threshold) {
    this.threshold = threshold;
    this.logThreshold = Math.log(threshold);
    this.logComplement = Math.log1p(-threshold);
    for (int i = 0; i < PRIOR_STRENGTHS.length; i++) {
      priorA[i] = threshold * PRIOR_STRENGTHS[i];
      priorB[i] = (1 - threshold) * PRIOR_STRENGTHS[i];
      logPriorAbove[i] = Math.log(upperTail(threshold, priorA[i], priorB[i]));
      logPriorBelow[i] = Math.log(lowerTail(threshold, priorA[i], priorB[i]));
    }
  }

  /**
   * The boundary for {@code threshold}, a share strictly between 0 and 1 (0.05 for a p95 limit,
   * 0.02 for a 2 % error budget).
   */
  public static ShareBoundary of(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException(
          "a share threshold must lie strictly between 0 and 1, such as 0.05 (got "
              + threshold
              + ")");
    }
    return CACHE.computeIfAbsent(threshold, ShareBoundary::new);
  }

  /** The share this boundary tests against, in (0, 1). */
  public double threshold() {
    return threshold;
  }

  /**
   * The fewest hits among {@code trials} that show the share to be above the threshold; {@code
   * trials + 1} when no count can (too few trials).
   */
  public long fewestHitsAbove(long trials) {
    checkTrials(trials);
    if (trials <= TABLE_LIMIT) {
      return tabulated((int) trials, true);
    }
    long low = 0; // binary search for the first hits count that rejects
    long high = trials + 1;
    while (low < high) {
      long mid = (low + high) >>> 1;
      if (rejectsAbove(mid, trials)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /**
   * The most hits among {@code trials} that show the share to be below the threshold; {@code -1}
   * when no count can (too few trials).
   */
  public long mostHitsBelow(long trials) {
    checkTrials(trials);
    if (trials <= TABLE_LIMIT) {
      return tabulated((int) trials, false);
    }
    long low = -1; // binary search for the last hits count that rejects
    long high = trials;
    while (low < high) {
      long mid = (low + high + 1) >>> 1;
      if (rejectsBelow(mid, trials)) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /** Whether {@code hits} of {@code trials} show the share above the threshold. */
  public boolean showsAbove(long hits, long trials) {
    return hits >= fewestHitsAbove(trials);
  }

  /** Whether {@code hits} of {@code trials} show the share below the threshold. */
  public boolean showsBelow(long hits, long trials) {
    return hits <= mostHitsBelow(trials);
  }

  /** The fewest trials after which zero hits show the share below the threshold. */
  public long fewestTrialsToShowBelow() {
    long trials = 0;
    while (mostHitsBelow(trials) < 0) {
      trials++; // bounded: zero hits in t trials rejects once (1 - θ0)^-t outgrows 1/α
    }
    return trials;
  }

  // ---- the martingales -------------------------------------------------------------------

  /** The log of the "above" mixture martingale after {@code hits} of {@code trials}. */
  double logEvidenceAbove(long hits, long trials) {
    return logMixture(hits, trials, true);
  }

  /** The log of the "below" mixture martingale after {@code hits} of {@code trials}. */
  double logEvidenceBelow(long hits, long trials) {
    return logMixture(hits, trials, false);
  }

  private boolean rejectsAbove(long hits, long trials) {
    return logEvidenceAbove(hits, trials) >= logRejection;
  }

  private boolean rejectsBelow(long hits, long trials) {
    return logEvidenceBelow(hits, trials) >= logRejection;
  }

  private double logMixture(long hits, long trials, boolean above) {
    if (trials == 0) {
      return 0;
    }
    long misses = trials - hits;
    double logNull = hits * logThreshold + misses * logComplement;
    double[] terms = new double[PRIOR_STRENGTHS.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < terms.length; i++) {
      double a = priorA[i] + hits;
      double b = priorB[i] + misses;
      double tail = above ? upperTail(threshold, a, b) : lowerTail(threshold, a, b);
      terms[i] =
          tail > 0
              ? Beta.logBeta(a, b)
                  - Beta.logBeta(priorA[i], priorB[i])
                  + Math.log(tail)
                  - (above ? logPriorAbove[i] : logPriorBelow[i])
                  - logNull
              : Double.NEGATIVE_INFINITY;
      max = Math.max(max, terms[i]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double term : terms) {
      sum += Math.exp(term - max);
    }
    return max + Math.log(sum / terms.length);
  }

  /** P(P &gt; x) for P ~ Beta(a, b), computed on the side where it is not a difference near 0. */
  private static double upperTail(double x, double a, double b) {
    return Math.max(0, Beta.regularizedBeta(1 - x, b, a));
  }

  /** P(P &lt; x) for P ~ Beta(a, b). */
  private static double lowerTail(double x, double a, double b) {
    return Math.max(0, Beta.regularizedBeta(x, a, b));
  }

  // ---- the table ------------------------------------------------------------------------

  private synchronized int tabulated(int trials, boolean above) {
    tabulate(trials);
    return above ? fewestAbove[trials] : mostBelow[trials];
  }

  private void tabulate(int trials) {
    if (trials <= tabulated) {
      return;
    }
    if (trials >= fewestAbove.length) {
      int size = (int) Math.min(TABLE_LIMIT + 1L, Math.max(trials + 1L, 2L * fewestAbove.length));
      fewestAbove = Arrays.copyOf(fewestAbove, size);
      mostBelow = Arrays.copyOf(mostBelow, size);
    }
    for (int t = tabulated + 1; t <= trials; t++) {
      // Both tests are monotone in the hits, so each boundary is found by stepping from the last.
      int above = fewestAbove[t - 1];
      while (above > 0 && rejectsAbove(above - 1, t)) {
        above--;
      }
      while (above <= t && !rejectsAbove(above, t)) {
        above++;
      }
      fewestAbove[t] = above;
      int below = Math.min(mostBelow[t - 1], t);
      while (below + 1 <= t && rejectsBelow(below + 1, t)) {
        below++;
      }
      while (below >= 0 && !rejectsBelow(below, t)) {
        below--;
      }
      mostBelow[t] = below;
    }
    tabulated = trials;
  }

  private static void checkTrials(long trials) {
    if (trials < 0) {
      throw new IllegalArgumentException("trials must not be negative (got " + trials + ")");
    }
  }
}
