package dev.loadgate.verdict;

import dev.loadgate.baseline.Bound;
import dev.loadgate.baseline.Unit;
import java.util.Objects;

/**
 * One documented limit judged against one run.
 *
 * @param id stable id such as {@code "latency.auth.p95"}, {@code "errors.all.rate"}, {@code
 *     "db.query.mean"}; baselines, histories and CI dashboards key on it
 * @param title short human name, e.g. {@code "Authentication p95"}
 * @param status the outcome
 * @param gated whether this check can fail the gate (a gated FAIL or NO_DATA fails it)
 * @param measured the measured value in {@link #unit()}; {@code NaN} when nothing was measured
 * @param bound which side of the limit the measured value must stay on
 * @param limit the documented limit in {@link #unit()}
 * @param unit the unit of {@code measured}, {@code limit} and the interval
 * @param samples how many observations the value rests on
 * @param ci the value's confidence interval, when the statistic has one; may be {@code null}
 * @param comparison against the accepted run, when one was given; may be {@code null}
 * @param reason one sentence saying why this status, with numbers ("required < 500 ms, actual 612
 *     ms (95 % CI 590–640, n=2400)")
 * @param guideSection where in the operations guide the limit is documented
 * @param path the journey whose latency this check judges ({@code "auth"} for {@code
 *     latency.auth.p95}), or {@code null} for any other check
 */
public record Check(
    String id,
    String title,
    Status status,
    boolean gated,
    double measured,
    Bound bound,
    double limit,
    Unit unit,
    long samples,
    ConfidenceInterval ci,
    Comparison comparison,
    String reason,
    String guideSection,
    String path) {
  public Check {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("check id must not be blank (got \"" + id + "\")");
    }
    Objects.requireNonNull(status, id + ": status");
    Objects.requireNonNull(bound, id + ": bound");
    Objects.requireNonNull(unit, id + ": unit");
    if (samples < 0) {
      throw new IllegalArgumentException(
          id + ": samples must not be negative (got " + samples + ")");
    }
    title = title == null ? id : title;
    reason = reason == null ? "" : reason;
    guideSection = guideSection == null ? "" : guideSection;
  }

  /**
   * A check from the comparator and unit as stored in {@code results.json} ({@code "<"}, {@code
   * "ms"}), judging no path.
   *
   * @throws IllegalArgumentException naming the field when a comparator or unit is unknown
   */
  public Check(
      String id,
      String title,
      Status status,
      boolean gated,
      double measured,
      String comparator,
      double limit,
      String unit,
      long samples,
      ConfidenceInterval ci,
      Comparison comparison,
      String reason,
      String guideSection) {
    this(
        id,
        title,
        status,
        gated,
        measured,
        bound(id, comparator),
        limit,
        unit(id, unit),
        samples,
        ci,
        comparison,
        reason,
        guideSection,
        null);
  }

  private static Bound bound(String id, String comparator) {
    for (Bound bound : Bound.values()) {
      if (bound.comparator().equals(comparator)) {
        return bound;
      }
    }
    throw new IllegalArgumentException(
        id + ": comparator must be \"<\" or \">\" (got \"" + comparator + "\")");
  }

  private static Unit unit(String id, String symbol) {
    Unit unit = Unit.ofSymbol(symbol);
    if (unit == null) {
      throw new IllegalArgumentException(
          id + ": unit must be \"ms\" or \"%\" (got \"" + symbol + "\")");
    }
    return unit;
  }

  /** {@code "<"} or {@code ">"}, as results.json stores it. */
  public String comparator() {
    return bound.comparator();
  }

  /** The same check, judging the latency of journey {@code path}. */
  public Check withPath(String journey) {
    return new Check(
        id,
        title,
        status,
        gated,
        measured,
        bound,
        limit,
        unit,
        samples,
        ci,
        comparison,
        reason,
        guideSection,
        journey);
  }

  /** Whether this check alone fails the gate: a gated FAIL or a gated NO_DATA (fail closed). */
  public boolean failsGate() {
    return gated && (status == Status.FAIL || status == Status.NO_DATA);
  }
}
