package dev.loadgate.simulations.recording;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.SeriesKey;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;

/**
 * Wraps Gatling requests and journeys so that every sample reaches a {@link SampleSink} with
 * nanosecond timing and its {@link Outcome}.
 *
 * <p>A request's latency is taken with {@link System#nanoTime()} in the action just before the
 * request and the action just after it; Gatling runs both on the same event-loop thread as the
 * request, so the bracket adds only the request's own building and check evaluation (microseconds)
 * to what the wire took. Gatling's own timings are whole milliseconds.
 *
 * <p>After the first failed request a journey stops: later steps are skipped, the journey's group
 * sample carries the failure's outcome. Immutable and thread-safe.
 */
public final class Instrument {
  private static final String PHASE = "loadgate_phase";
  private static final String REQUEST_START = "loadgate_requestStartNanos";
  private static final String JOURNEY_START = "loadgate_journeyStartNanos";
  private static final String STATUS = "loadgate_status";
  private static final String FAILED_WITH = "loadgate_failedWith";

  /** The session attribute that names the Gatling group, so warm-up groups read apart. */
  public static final String GROUP_NAME = "loadgate_groupName";

  private final SampleSink sink;
  private final long requestTimeoutNanos;

  /**
   * @param sink where samples go
   * @param requestTimeout Gatling's request timeout; a failure without a response that took this
   *     long is a {@link Outcome#TIMEOUT}, a quicker one a {@link Outcome#CONNECTION} failure
   */
  public Instrument(SampleSink sink, Duration requestTimeout) {
    this.sink = sink;
    this.requestTimeoutNanos = requestTimeout.toNanos();
  }

  /**
   * The first step of every virtual user: fixes its phase. A virtual user belongs to the phase of
   * the scenario that injected it, so a journey never straddles two series.
   */
  public ChainBuilder begin(Phase phase) {
    return exec(session -> session.set(PHASE, phase).remove(FAILED_WITH));
  }

  /**
   * One recorded request, skipped once the virtual user has failed.
   *
   * @param name the stable request name, also Gatling's request name
   * @param request the Gatling request with its body-shape checks
   * @param expectedStatus the status a correct answer has; anything else is an error
   */
  public ChainBuilder request(String name, HttpRequestActionBuilder request, int expectedStatus) {
    return doIf(Instrument::healthy)
        .then(
            exec(session -> session.set(REQUEST_START, System.nanoTime()).remove(STATUS))
                .exec(request.check(status().saveAs(STATUS), status().is(expectedStatus)))
                .exec(session -> afterRequest(name, session)));
  }

  /**
   * One recorded journey: a Gatling group named like the path (prefixed {@code warmup-} in the
   * warm-up phase) whose sample spans the whole body, pauses and polling included.
   */
  public ChainBuilder journey(String name, ChainBuilder body) {
    return doIf(Instrument::healthy)
        .then(
            exec(session ->
                    session
                        .set(GROUP_NAME, groupName(name, phase(session)))
                        .set(JOURNEY_START, System.nanoTime()))
                .exec(group("#{" + GROUP_NAME + "}").on(body))
                .exec(session -> afterJourney(name, session)));
  }

  /** Whether the virtual user has not failed yet; steps after a failure are skipped. */
  public static boolean healthy(Session session) {
    return !session.contains(FAILED_WITH);
  }

  /** The Gatling group name of a journey in a phase. */
  public static String groupName(String journey, Phase phase) {
    return phase == Phase.WARMUP ? "warmup-" + journey : journey;
  }

  private Session afterRequest(String name, Session session) {
    long elapsed = System.nanoTime() - session.getLong(REQUEST_START);
    Outcome outcome = Outcome.OK;
    if (session.isFailed()) {
      Integer status = session.getIntegerWrapper(STATUS);
      outcome = classify(status == null ? 0 : status, elapsed);
    }
    sink.record(SeriesKey.request(phase(session), name), elapsed, outcome);
    if (outcome.isError()) {
      // Gatling keeps the group marked KO; the base status is reset so that a later check in this
      // session is judged on its own.
      return session.markAsSucceeded().set(FAILED_WITH, outcome.name());
    }
    return session;
  }

  private Session afterJourney(String name, Session session) {
    long elapsed = System.nanoTime() - session.getLong(JOURNEY_START);
    String failedWith = session.getString(FAILED_WITH);
    Outcome outcome = failedWith == null ? Outcome.OK : Outcome.valueOf(failedWith);
    sink.record(SeriesKey.group(phase(session), name), elapsed, outcome);
    return session;
  }

  /**
   * Fails the virtual user without a request of its own, e.g. when polling gives up: the journey's
   * sample carries {@code outcome}; no request sample is invented.
   */
  public ChainBuilder abort(Outcome outcome) {
    return exec(session -> session.set(FAILED_WITH, outcome.name()));
  }

  Outcome classify(int status, long elapsedNanos) {
    if (status <= 0) {
      return elapsedNanos >= requestTimeoutNanos ? Outcome.TIMEOUT : Outcome.CONNECTION;
    }
    return Outcome.ofFailedStatus(status);
  }

  private static Phase phase(Session session) {
    Phase phase = session.get(PHASE);
    return phase == null ? Phase.WARMUP : phase;
  }
}
