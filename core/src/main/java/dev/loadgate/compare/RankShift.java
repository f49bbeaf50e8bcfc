package dev.loadgate.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Whether a candidate's whole latency distribution is shifted against a baseline's: the
 * Mann–Whitney U test (one-sided, normal approximation with tie correction and continuity
 * correction) and the Hodges–Lehmann estimate of the shift on the log scale, i.e. a ratio, with its
 * distribution-free (Moses) interval. Read from HdrHistograms: samples in one bucket are ties.
 *
 * <p>References: Mann and Whitney, Ann. Math. Statist. 18 (1947); Hodges and Lehmann, Ann. Math.
 * Statist. 34 (1963); Hollander, Wolfe and Chicken, Nonparametric Statistical Methods (3rd ed.,
 * 2014), §4.1–4.3 for the tie-corrected variance and the interval. Side by side with a randomised
 * assignment (duet benchmarking, Bulej et al., "Duet Benchmarking: Improving Measurement Accuracy
 * in the Cloud", Empirical Software Engineering 25, 2020) the two samples share the machine's
 * noise, so the rank test sees the change and not the drift.
 *
 * @param baselineSamples n, samples of the baseline
 * @param candidateSamples m, samples of the candidate
 * @param superiority P(candidate &gt; baseline) + ½ P(tie), estimated: U / (n·m); 0.5 for no shift
 * @param z the standardised U (positive when the candidate is slower)
 * @param pSlower one-sided p-value for "the candidate is stochastically slower"
 * @param pFaster one-sided p-value for "the candidate is stochastically faster"
 * @param ratio the Hodges–Lehmann shift as a ratio: the median of all candidate/baseline ratios
 * @param ratioLower the lower end of its 95 % interval
 * @param ratioUpper the upper end of its 95 % interval
 */
public record RankShift(
    long baselineSamples,
    long candidateSamples,
    double superiority,
    double z,
    double pSlower,
    double pFaster,
    double ratio,
    double ratioLower,
    double ratioUpper) {
  /** Fewer samples than this on either side and the normal approximation is not trusted. */
  public static final long MIN_SAMPLES = 20;

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /**
   * The test and estimate for two latency histograms of the same layout (loadgate's).
   *
   * @return empty when either side has fewer than {@link #MIN_SAMPLES} samples, or all samples tie
   */
  public static Optional<RankShift> of(Histogram baseline, Histogram candidate) {
    Buckets a = Buckets.of(baseline);
    Buckets b = Buckets.of(candidate);
    long n = a.total;
    long m = b.total;
    if (n < MIN_SAMPLES || m < MIN_SAMPLES) {
      return Optional.empty();
    }
    // U = Σ over candidate samples of (baseline samples below) + ½ (baseline samples tied).
    double u = 0;
    double tieTerm = 0;
    int i = 0;
    long below = 0;
    for (int j = 0; j < b.values.length; j++) {
      while (i < a.values.length && a.values[i] < b.values[j]) {
        below += a.counts[i++];
      }
      long tied = i < a.values.length && a.values[i] == b.values[j] ? a.counts[i] : 0;
      u += b.counts[j] * (below + tied / 2.0);
    }
    for (long t : tieSizes(a, b)) {
      tieTerm += (double) t * t * t - t;
    }
    double total = n + m;
    double variance = n * (double) m / 12.0 * ((total + 1) - tieTerm / (total * (total - 1)));
    if (!(variance > 0)) {
      return Optional.empty();
    }
    double sd = Math.sqrt(variance);
    double mean = n * (double) m / 2.0;
    double zSlower = (u - mean - 0.5) / sd;
    double zFaster = (u - mean + 0.5) / sd;
    double[] shift = hodgesLehmann(a, b, sd);
    return Optional.of(
        new RankShift(
            n,
            m,
            u / (n * (double) m),
            (u - mean) / sd,
            1 - NORMAL.cumulativeProbability(zSlower),
            NORMAL.cumulativeProbability(zFaster),
            shift[0],
            shift[1],
            shift[2]));
  }

  /**
   * The weighted median of all pairwise log differences, and the Moses interval: the k-th smallest
   * and k-th largest difference with k = n·m/2 − 1.96·sd(U). Each order statistic is found by
   * bisection on the difference, counting the pairs at or below it in one merge pass, so the cost
   * is O((buckets of a + buckets of b) · 60), not O(n·m).
   */
  private static double[] hodgesLehmann(Buckets a, Buckets b, double sdU) {
    double[] logA = logs(a.values);
    double[] logB = logs(b.values);
    double nm = a.total * (double) b.total;
    double rankLow = Math.max(1, Math.floor(nm / 2 - QuantileRatio.Z_95 * sdU));
    double rankHigh = nm - rankLow + 1;
    double rankMedian = Math.ceil((nm + 1) / 2);
    return new double[] {
      Math.exp(orderStatistic(logA, a.counts, logB, b.counts, rankMedian)),
      Math.exp(orderStatistic(logA, a.counts, logB, b.counts, rankLow)),
      Math.exp(orderStatistic(logA, a.counts, logB, b.counts, rankHigh))
    };
  }

  /** The smallest difference d = log b − log a whose pairs at or below it weigh at least rank. */
  private static double orderStatistic(
      double[] logA, long[] countA, double[] logB, long[] countB, double rank) {
    double low = logB[0] - logA[logA.length - 1] - 1e-9;
    double high = logB[logB.length - 1] - logA[0];
    for (int step = 0; step < 60 && high - low > 1e-9; step++) {
      double mid = (low + high) / 2;
      if (pairsAtOrBelow(logA, countA, logB, countB, mid) >= rank) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  /** Σ over pairs (a_i, b_j) with log b_j − log a_i ≤ d of count_i · count_j. */
  private static double pairsAtOrBelow(
      double[] logA, long[] countA, double[] logB, long[] countB, double d) {
    // log a_i >= log b_j - d; the threshold rises with j, so one pointer walks a once.
    long totalA = 0;
    for (long c : countA) {
      totalA += c;
    }
    double weight = 0;
    int i = 0;
    long belowThreshold = 0;
    for (int j = 0; j < logB.length; j++) {
      double threshold = logB[j] - d;
      while (i < logA.length && logA[i] < threshold) {
        belowThreshold += countA[i++];
      }
      weight += countB[j] * (double) (totalA - belowThreshold);
    }
    return weight;
  }

  private static double[] logs(long[] values) {
    double[] logs = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      logs[i] = Math.log(values[i]);
    }
    return logs;
  }

  private static List<Long> tieSizes(Buckets a, Buckets b) {
    List<Long> sizes = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.values.length || j < b.values.length) {
      long va = i < a.values.length ? a.values[i] : Long.MAX_VALUE;
      long vb = j < b.values.length ? b.values[j] : Long.MAX_VALUE;
      long size = 0;
      if (va <= vb) {
        size += a.counts[i++];
      }
      if (vb <= va) {
        size += b.counts[j++];
      }
      sizes.add(size);
    }
    return sizes;
  }

  /** The distinct recorded values of a histogram (its buckets' representatives) and counts. */
  private record Buckets(long[] values, long[] counts, long total) {
    static Buckets of(Histogram histogram) {
      List<long[]> rows = new ArrayList<>();
      for (var v : histogram.recordedValues()) {
        rows.add(
            new long[] {
              Math.max(1, histogram.medianEquivalentValue(v.getValueIteratedTo())),
              v.getCountAtValueIteratedTo()
            });
      }
      long[] values = new long[rows.size()];
      long[] counts = new long[rows.size()];
      long total = 0;
      for (int r = 0; r < rows.size(); r++) {
        values[r] = rows.get(r)[0];
        counts[r] = rows.get(r)[1];
        total += counts[r];
      }
      return new Buckets(values, counts, total);
    }
  }
}
