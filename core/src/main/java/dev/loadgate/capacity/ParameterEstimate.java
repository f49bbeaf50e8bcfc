package dev.loadgate.capacity;

/**
 * A fitted quantity with its two-sided 95 % confidence interval.
 *
 * @param value the point estimate
 * @param lower the interval's lower end, not above {@code value}
 * @param upper the interval's upper end, not below {@code value}; may be infinite
 */
public record ParameterEstimate(double value, double lower, double upper) {
  public ParameterEstimate {
    if (Double.isNaN(value) || !(lower <= value) || !(value <= upper)) {
      throw new IllegalArgumentException(
          "an estimate lies inside its interval (got "
              + value
              + " in "
              + lower
              + "–"
              + upper
              + ")");
    }
  }

  /** Whether {@code x} lies inside the interval, ends included. */
  public boolean contains(double x) {
    return lower <= x && x <= upper;
  }
}
