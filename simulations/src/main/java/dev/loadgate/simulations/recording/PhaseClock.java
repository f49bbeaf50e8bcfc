package dev.loadgate.simulations.recording;

import dev.loadgate.measure.Phase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells warm-up from measured load. The clock starts with the first virtual user of the run (every
 * scenario's injection starts then), and measuring begins one warm-up later. A journey belongs to
 * the phase in which its virtual user started, so a journey never straddles two series.
 *
 * <p>Thread-safe.
 */
public final class PhaseClock {
  private static final long NOT_STARTED = Long.MIN_VALUE;

  private final long warmupNanos;
  private final AtomicLong measureStartNanos = new AtomicLong(NOT_STARTED);

  public PhaseClock(Duration warmup) {
    this.warmupNanos = warmup.toNanos();
  }

  /** The phase a journey starting now belongs to; the first call starts the clock. */
  public Phase phaseNow() {
    if (warmupNanos == 0) {
      // without a warm-up everything is measured, also users that read the clock a hair before
      // the one that started it
      return Phase.MEASURE;
    }
    long now = System.nanoTime();
    measureStartNanos.compareAndSet(NOT_STARTED, now + warmupNanos);
    return now - measureStartNanos.get() >= 0 ? Phase.MEASURE : Phase.WARMUP;
  }
}
