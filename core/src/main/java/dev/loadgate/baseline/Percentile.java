package dev.loadgate.baseline;

import java.math.BigDecimal;

/**
 * A percentile given in percent: {@code 95} is the 95th percentile. Rejects fractions such as
 * {@code 0.95}, the most common way to ask for the wrong statistic.
 *
 * @param percent in [1, 99.99] with at most two decimals; a value in (0, 1) is refused as a
 *     probable fraction
 */
public record Percentile(double percent) {
  public Percentile {
    if (percent > 0 && percent < 1) {
      throw new IllegalArgumentException(
          "percentile "
              + format(percent)
              + " looks like a fraction; percentiles are given in percent (expected "
              + format(percent * 100)
              + ", got "
              + format(percent)
              + ")");
    }
    if (!(percent >= 1 && percent < 100)) {
      throw new IllegalArgumentException(
          "percentile must be in percent, at least 1 and below 100 (expected e.g. 95, got "
              + format(percent)
              + ")");
    }
    if (percent > MAX_PERCENT
        || new BigDecimal(Double.toString(percent)).stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException(
          "percentile "
              + format(percent)
              + " is finer than a run can be sized for (expected at most 99.99, with at most two"
              + " decimals, got "
              + format(percent)
              + ")");
    }
  }

  /** The highest percentile a check may judge: its interval needs about 37,000 samples. */
  public static final double MAX_PERCENT = 99.99;

  public static final Percentile P95 = new Percentile(95);

  /** The percentile as a probability in (0, 1): 0.95 for the 95th. */
  public double fraction() {
    return percent / 100.0;
  }

  /** {@code "p95"}, {@code "p99.9"}. */
  public String label() {
    return "p" + format(percent);
  }

  @Override
  public String toString() {
    return label();
  }

  static String format(double value) {
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
