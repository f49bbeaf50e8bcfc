package dev.loadgate.simulations.recording;

import dev.loadgate.measure.Phase;
import java.time.Duration;

/**
 * Tells warm-up from measured load. A journey belongs to the phase in which its virtual user
 * started, so a journey never straddles two series.
 *
 * <p>Thread-safe: {@link #start()} is called once when injection begins; before that every journey
 * counts as warm-up.
 */
public final class PhaseClock {
  private final long warmupNanos;
  private volatile long measureStartNanos = Long.MAX_VALUE;

  public PhaseClock(Duration warmup) {
    this.warmupNanos = warmup.toNanos();
  }

  /** Marks the start of injection; measuring begins one warm-up later. */
  public void start() {
    measureStartNanos = System.nanoTime() + warmupNanos;
  }

  /** The phase a journey starting now belongs to. */
  public Phase phaseNow() {
    return System.nanoTime() - measureStartNanos >= 0 && measureStartNanos != Long.MAX_VALUE
        ? Phase.MEASURE
        : Phase.WARMUP;
  }
}
