package dev.loadgate.verdict.sequential;

import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Series;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Hits among trials, bracketed where the data cannot tell exactly: a failed request's latency is
 * not kept apart from the successes'. A decision that shows the share above its threshold uses
 * {@link #fewestHits}, one that shows it below uses {@link #mostHits}, so neither rests on a guess.
 *
 * @param trials how many samples the share is taken over, at least 0
 * @param fewestHits the fewest hits the data allow, between 0 and {@code mostHits}
 * @param mostHits the most hits the data allow, at most {@code trials}
 * @param excludedFailures failed requests left out of a latency share (0 for an error rate)
 */
public record ShareCount(long trials, long fewestHits, long mostHits, long excludedFailures) {
  /** Read only, for its bucket edges: the same layout as every latency histogram. */
  private static final Histogram EDGES = Measurements.newLatencyHistogram();

  public ShareCount {
    if (trials < 0 || fewestHits < 0 || fewestHits > mostHits || mostHits > trials) {
      throw new IllegalArgumentException(
          "a share count needs 0 <= fewestHits <= mostHits <= trials (got "
              + fewestHits
              + ", "
              + mostHits
              + " of "
              + trials
              + ")");
    }
  }

  /** An exactly known count, e.g. errors among requests. */
  public static ShareCount exact(long hits, long trials) {
    return new ShareCount(trials, hits, hits, 0);
  }

  /**
   * The successful samples of {@code series} whose latency is at or above {@code limitMicros}.
   *
   * <p>Latency limits judge successful requests only: failures are judged by the error budgets, and
   * a fast failure must not make a latency look better. The histograms hold every outcome together,
   * so the count is bracketed: at most every slow sample was a success, at least the slow samples
   * less the failures were. With no failures (the usual case) it is exact.
   *
   * <p>A histogram bucket is 0.1 % wide and the limit may lie inside one (500 ms lies in
   * 499.968–500.223 ms): the whole bucket counts as at or above the limit, so every breaching
   * sample is counted as breaching. In effect the limit moves down to its bucket's lower edge, by
   * at most 0.1 % (32 µs at 500 ms), on the failing side.
   */
  public static ShareCount latencyAtOrAbove(List<Series> series, long limitMicros) {
    Histogram all = Measurements.newLatencyHistogram();
    series.forEach(s -> all.add(s.latencyMicros()));
    long failures = series.stream().mapToLong(Series::errorCount).sum();
    long total = all.getTotalCount();
    long atOrAbove = total - countUpTo(all, effectiveLimitMicros(limitMicros) - 1);
    long successes = total - Math.min(failures, total);
    long most = Math.min(atOrAbove, successes);
    long fewest = Math.min(Math.max(0, atOrAbove - failures), most);
    return new ShareCount(successes, fewest, most, total - successes);
  }

  /** The lower edge of the latency histogram bucket that holds {@code limitMicros}. */
  public static long effectiveLimitMicros(long limitMicros) {
    return EDGES.lowestEquivalentValue(limitMicros);
  }

  private static long countUpTo(Histogram histogram, long value) {
    return value < 0 ? 0 : histogram.getCountBetweenValues(0, value);
  }

  /** {@code fewestHits / trials}; NaN without trials. */
  public double share() {
    return trials == 0 ? Double.NaN : (double) fewestHits / trials;
  }

  /** Whether the bracket is a single count. */
  public boolean isExact() {
    return fewestHits == mostHits;
  }
}
