package dev.loadgate.verdict;

import java.util.Objects;

/**
 * How a check's value compares with the same check in an accepted earlier run.
 *
 * @param acceptedRunId the run the comparison is against
 * @param acceptedValue the accepted run's value, in the check's unit
 * @param acceptedCi the accepted run's interval, when the statistic has one; may be {@code null}
 * @param deltaAbsolute measured minus accepted, in the check's unit
 * @param deltaPercent {@code 100 * delta / accepted}; {@code NaN} when the accepted value is 0
 * @param regressed whether the change is worse beyond the tolerance with non-overlapping intervals
 */
public record Comparison(
    String acceptedRunId,
    double acceptedValue,
    ConfidenceInterval acceptedCi,
    double deltaAbsolute,
    double deltaPercent,
    boolean regressed) {
  public Comparison {
    Objects.requireNonNull(acceptedRunId, "acceptedRunId");
  }
}
