package dev.loadgate.baseline;

import dev.loadgate.config.Quantities;

/**
 * A share in percent, written with its sign: {@code 2%}, {@code 99.5%}.
 *
 * @param value in (0, 100]; zero is refused because no limit or tolerance of zero makes sense
 */
public record Percent(double value) {

  public Percent {
    if (!(value > 0 && value <= 100)) {
      throw new IllegalArgumentException(
          "a percentage must be above 0 and at most 100 (expected e.g. \"2%\", got "
              + Percentile.format(value)
              + "%)");
    }
  }

  /**
   * Parses {@code "2%"} or {@code "99.5%"}.
   *
   * @throws IllegalArgumentException when the sign is missing or the value is out of range
   */
  public static Percent parse(String text) {
    return new Percent(Quantities.percent(text));
  }

  /** The share as a fraction in (0, 1]. */
  public double fraction() {
    return value / 100.0;
  }

  @Override
  public String toString() {
    return human(value);
  }

  static String human(double percent) {
    return Unit.PERCENT.format(percent);
  }
}
