package dev.loadgate.simulations;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets the measured phase end early: once closed, arriving virtual users of the measured phase skip
 * their journey, and when the journeys already under way have finished the load generator stops. No
 * journey is cut short, so every journey that began is recorded whole (a cut-off journey would
 * leave out exactly the slow ones).
 *
 * <p>Thread-safe. One gate per run: {@link LoadRunner} opens a new one as each run starts.
 */
public final class ArrivalGate {
  private static final AtomicReference<ArrivalGate> CURRENT =
      new AtomicReference<>(new ArrivalGate());

  private boolean closed;
  private long underWay;

  /** A new open gate, made the current one. */
  static ArrivalGate openNew() {
    ArrivalGate gate = new ArrivalGate();
    CURRENT.set(gate);
    return gate;
  }

  /** The gate of the current (or last) run. */
  static ArrivalGate current() {
    return CURRENT.get();
  }

  /** Closes the gate: no new measured journey begins. Idempotent. */
  public synchronized void close() {
    closed = true;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Whether an arriving user may begin its journey; counts it as under way when so. */
  synchronized boolean admit() {
    if (closed) {
      return false;
    }
    underWay++;
    return true;
  }

  /** A journey admitted by {@link #admit()} has finished (its sample is recorded). */
  synchronized void finished() {
    underWay--;
  }

  /** Closed, with every admitted journey finished: the load generator may stop. */
  synchronized boolean drained() {
    return closed && underWay <= 0;
  }
}
