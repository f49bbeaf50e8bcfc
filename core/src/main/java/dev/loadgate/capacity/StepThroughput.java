package dev.loadgate.capacity;

import dev.loadgate.measure.Interval;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKind;
import java.time.Duration;

/**
 * What one step completed: journeys whose completion fell inside the measured window, whichever
 * phase started them, and the mean journey time of the measured phase. The window starts {@code
 * settle} after the step's first sample (injection starts then, and a request completes within
 * milliseconds) and lasts {@code measure}; journeys still finishing after it (a queue draining) are
 * not counted. Intervals are the recording's (1 s), so the window's edges are that coarse.
 *
 * @param completed journeys completed in the window, any outcome
 * @param okCompleted of those, the successful ones
 * @param meanJourneySeconds the mean time of a measured-phase journey, seconds; {@code NaN} when
 *     none completed
 */
public record StepThroughput(long completed, long okCompleted, double meanJourneySeconds) {

  public static StepThroughput of(Measurements m, Duration settle, Duration measure) {
    long anchor = Long.MAX_VALUE;
    for (Phase phase : Phase.values()) {
      for (Series s : m.series(phase)) {
        if (!s.intervals().isEmpty()) {
          anchor = Math.min(anchor, s.startEpochMillis());
        }
      }
    }
    if (anchor == Long.MAX_VALUE) {
      return new StepThroughput(0, 0, Double.NaN);
    }
    long from = anchor + settle.toMillis();
    long to = from + measure.toMillis();
    long completed = 0;
    long ok = 0;
    long measuredCount = 0;
    double measuredSeconds = 0;
    for (Phase phase : Phase.values()) {
      for (Series s : m.series(phase)) {
        if (s.key().kind() != SeriesKind.GROUP) {
          continue;
        }
        for (Interval i : s.intervals()) {
          if (i.startEpochMillis() >= from && i.startEpochMillis() < to) {
            completed += i.count();
            ok += i.count() - i.errorCount();
          }
        }
        if (phase == Phase.MEASURE && s.sampleCount() > 0) {
          measuredCount += s.sampleCount();
          measuredSeconds += s.latencyMicros().getMean() * s.sampleCount() / 1e6;
        }
      }
    }
    return new StepThroughput(
        completed, ok, measuredCount == 0 ? Double.NaN : measuredSeconds / measuredCount);
  }
}
