package dev.loadgate.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Everything measured for one series: the per-interval histograms (whose sum is the whole), and the
 * count of samples per outcome. Immutable.
 *
 * @param key which series
 * @param intervals in start order; their histograms sum to {@link #latencyMicros()}
 * @param outcomeCounts samples per outcome; the counts sum to the histograms' total count
 */
public record Series(SeriesKey key, List<Interval> intervals, Map<Outcome, Long> outcomeCounts) {
  public Series {
    Objects.requireNonNull(key, "key");
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(Interval::startEpochMillis));
    intervals = List.copyOf(sorted);
    EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      long count = outcomeCounts.getOrDefault(outcome, 0L);
      if (count < 0) {
        throw new IllegalArgumentException(
            key.name()
                + ": outcome count must not be negative (got "
                + outcome
                + "="
                + count
                + ")");
      }
      counts.put(outcome, count);
    }
    outcomeCounts = Map.copyOf(counts);
  }

  /** All samples of the series, every outcome, in microseconds. A new histogram on each call. */
  public Histogram latencyMicros() {
    Histogram total = Measurements.newLatencyHistogram();
    for (Interval interval : intervals) {
      total.add(interval.latencyMicros());
    }
    return total;
  }

  public long sampleCount() {
    return outcomeCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long errorCount() {
    return outcomeCounts.entrySet().stream()
        .filter(e -> e.getKey().isError())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public long startEpochMillis() {
    return intervals.isEmpty() ? 0 : intervals.get(0).startEpochMillis();
  }

  public long endEpochMillis() {
    return intervals.stream().mapToLong(Interval::endEpochMillis).max().orElse(0);
  }

  /** Exact merge: intervals are concatenated and outcome counts summed. */
  public Series merge(Series other) {
    if (!key.equals(other.key)) {
      throw new IllegalArgumentException(
          "cannot merge series " + key + " with a different series " + other.key);
    }
    List<Interval> all = new ArrayList<>(intervals);
    all.addAll(other.intervals);
    EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      counts.put(outcome, outcomeCounts.get(outcome) + other.outcomeCounts.get(outcome));
    }
    return new Series(key, all, counts);
  }
}
