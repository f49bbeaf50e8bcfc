package dev.loadgate.verdict;

/**
 * A two-sided confidence interval for a measured statistic, in the check's unit.
 *
 * @param lower lower bound; not above {@code upper}
 * @param upper upper bound
 * @param confidencePercent the nominal coverage in percent, e.g. 95 (not 0.95); in (0, 100)
 */
public record ConfidenceInterval(double lower, double upper, double confidencePercent) {
  public ConfidenceInterval {
    if (!(lower <= upper)) {
      throw new IllegalArgumentException(
          "interval lower bound must not exceed the upper (got " + lower + ", " + upper + ")");
    }
    if (!(confidencePercent > 0 && confidencePercent < 100)) {
      throw new IllegalArgumentException(
          "confidence must be a percentage between 0 and 100 exclusive, such as 95 (got "
              + confidencePercent
              + ")");
    }
  }

  public boolean overlaps(ConfidenceInterval other) {
    return lower <= other.upper && other.lower <= upper;
  }
}
