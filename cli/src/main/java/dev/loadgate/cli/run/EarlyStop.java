package dev.loadgate.cli.run;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Looks at the recording every {@link #LOOK_INTERVAL} while load runs and, the first time every
 * gated check is decided, closes the arrivals once. The verdicts stay valid although the run
 * chooses its own end: they come from anytime-valid tests (docs/verdicts.md), and the final verdict
 * is judged on everything recorded, the journeys that finish after the decision included.
 */
final class EarlyStop {
  /** Time between looks; each look judges a snapshot of the recording. */
  static final Duration LOOK_INTERVAL = Duration.ofSeconds(5);

  /** The note a run that ended early carries, in its report and on the console. */
  static final String NOTE =
      "every gated check was decided: the measured phase ended early (journeys under way"
          + " finished and are judged)";

  private final ScheduledExecutorService looks;
  private volatile boolean fired;

  private EarlyStop(ScheduledExecutorService looks) {
    this.looks = looks;
  }

  /**
   * Starts looking.
   *
   * @param decided whether every gated check is decided now; a throwing look counts as undecided
   * @param whenDecided runs once, on the looking thread, the first time {@code decided} holds
   */
  static EarlyStop start(BooleanSupplier decided, Runnable whenDecided) {
    return start(decided, whenDecided, LOOK_INTERVAL);
  }

  /** As {@link #start(BooleanSupplier, Runnable)}, looking every {@code interval}. */
  static EarlyStop start(BooleanSupplier decided, Runnable whenDecided, Duration interval) {
    ScheduledExecutorService looks =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "loadgate-early-stop");
              t.setDaemon(true);
              return t;
            });
    EarlyStop stop = new EarlyStop(looks);
    long millis = Math.max(1, interval.toMillis());
    looks.scheduleWithFixedDelay(
        () -> {
          boolean now;
          try {
            now = decided.getAsBoolean();
          } catch (RuntimeException e) {
            now = false; // a look that cannot judge decides nothing; the run goes on
          }
          if (now) {
            stop.fired = true;
            whenDecided.run();
            looks.shutdown();
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
    return stop;
  }

  /** Whether every gated check was found decided (and the arrivals closed). */
  boolean fired() {
    return fired;
  }

  /** Stops looking; idempotent. */
  void stop() {
    looks.shutdownNow();
  }
}
