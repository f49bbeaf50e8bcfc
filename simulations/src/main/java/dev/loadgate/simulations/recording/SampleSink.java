package dev.loadgate.simulations.recording;

import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;

/** Where a simulation puts its samples. Implementations must be thread-safe. */
@FunctionalInterface
public interface SampleSink {
  /** Discards every sample: the baseline of the overhead measurement. */
  SampleSink NONE = (key, latencyNanos, outcome) -> {};

  void record(SeriesKey key, long latencyNanos, Outcome outcome);

  /** A sink that records into a core {@link Recording}. */
  static SampleSink into(Recording recording) {
    return recording::record;
  }
}
