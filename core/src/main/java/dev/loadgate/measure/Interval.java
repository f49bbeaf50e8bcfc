package dev.loadgate.measure;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The samples of one series recorded in one time interval (one second by default). The histogram is
 * kept compressed (a few hundred bytes instead of ~190 KB), so a long soak stays small in memory;
 * {@link #latencyMicros()} decodes it exactly.
 *
 * @param startEpochMillis inclusive start of the interval, epoch milliseconds
 * @param endEpochMillis exclusive end of the interval, epoch milliseconds; not before the start
 * @param compressedHistogram the interval's latencies in microseconds, HdrHistogram's compressed
 *     encoding; treat as read-only
 * @param count how many samples the interval holds
 * @param errorCount how many of them were errors; between 0 and {@code count}
 * @param p95Micros the interval's 95th percentile in microseconds, for timelines
 * @param maxMicros the interval's largest sample in microseconds
 */
public record Interval(
    long startEpochMillis,
    long endEpochMillis,
    byte[] compressedHistogram,
    long count,
    long errorCount,
    long p95Micros,
    long maxMicros) {
  public Interval {
    if (endEpochMillis < startEpochMillis) {
      throw new IllegalArgumentException(
          "interval end must not precede its start (got start "
              + startEpochMillis
              + ", end "
              + endEpochMillis
              + ")");
    }
    if (errorCount < 0 || errorCount > count) {
      throw new IllegalArgumentException(
          "interval error count must be between 0 and its sample count "
              + count
              + " (got "
              + errorCount
              + ")");
    }
  }

  /** Compresses {@code latencyMicros} into a new interval; the histogram is not kept. */
  public static Interval of(
      long startEpochMillis, long endEpochMillis, Histogram latencyMicros, long errorCount) {
    ByteBuffer buffer = ByteBuffer.allocate(latencyMicros.getNeededByteBufferCapacity());
    int length = latencyMicros.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return new Interval(
        startEpochMillis,
        endEpochMillis,
        bytes,
        latencyMicros.getTotalCount(),
        errorCount,
        latencyMicros.getValueAtPercentile(95.0),
        latencyMicros.getMaxValue());
  }

  /** Equal when every component is, the histogram bytes compared by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Interval i
        && startEpochMillis == i.startEpochMillis
        && endEpochMillis == i.endEpochMillis
        && count == i.count
        && errorCount == i.errorCount
        && p95Micros == i.p95Micros
        && maxMicros == i.maxMicros
        && java.util.Arrays.equals(compressedHistogram, i.compressedHistogram);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(startEpochMillis, endEpochMillis, count, errorCount)
        + 31 * java.util.Arrays.hashCode(compressedHistogram);
  }

  @Override
  public String toString() {
    return "Interval["
        + startEpochMillis
        + ".."
        + endEpochMillis
        + ", count="
        + count
        + ", errors="
        + errorCount
        + ", p95Micros="
        + p95Micros
        + ", maxMicros="
        + maxMicros
        + ", "
        + compressedHistogram.length
        + " bytes]";
  }

  /** The interval's samples, decoded into a new histogram in microseconds. */
  public Histogram latencyMicros() {
    try {
      Histogram decoded =
          Histogram.decodeFromCompressedByteBuffer(
              ByteBuffer.wrap(compressedHistogram), Measurements.HIGHEST_TRACKABLE_MICROS);
      decoded.setStartTimeStamp(startEpochMillis);
      decoded.setEndTimeStamp(endEpochMillis);
      return decoded;
    } catch (DataFormatException e) {
      throw new IllegalStateException("interval histogram is corrupt: " + e.getMessage(), e);
    }
  }
}
