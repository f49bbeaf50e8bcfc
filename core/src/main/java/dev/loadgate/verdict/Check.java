package dev.loadgate.verdict;

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
 * @param comparator {@code "<"} when the measured value must stay below the limit, {@code ">"} when
 *     above
 * @param limit the documented limit in {@link #unit()}
 * @param unit {@code "ms"}, {@code "%"} or {@code "count"}
 * @param samples how many observations the value rests on
 * @param ci the value's confidence interval, when the statistic has one; may be {@code null}
 * @param comparison against the accepted run, when one was given; may be {@code null}
 * @param reason one sentence saying why this status, with numbers ("required < 500 ms, actual 612
 *     ms (95 % CI 590–640, n=2400)")
 * @param guideSection where in the operations guide the limit is documented
 */
public record Check(
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
  public Check {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("check id must not be blank (got \"" + id + "\")");
    }
    Objects.requireNonNull(status, id + ": status");
    if (!"<".equals(comparator) && !">".equals(comparator)) {
      throw new IllegalArgumentException(
          id + ": comparator must be \"<\" or \">\" (got \"" + comparator + "\")");
    }
    if (samples < 0) {
      throw new IllegalArgumentException(
          id + ": samples must not be negative (got " + samples + ")");
    }
    title = title == null ? id : title;
    reason = reason == null ? "" : reason;
    guideSection = guideSection == null ? "" : guideSection;
  }

  /** Whether this check alone fails the gate: a gated FAIL or a gated NO_DATA (fail closed). */
  public boolean failsGate() {
    return gated && (status == Status.FAIL || status == Status.NO_DATA);
  }
}
