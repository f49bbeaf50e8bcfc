package dev.loadgate.baseline;

import dev.loadgate.config.Quantities;

/**
 * A duration written with its unit, such as {@code 500ms}, {@code 30s} or {@code 2min}; held in
 * milliseconds (fractions allowed, so {@code 250us} is 0.25 ms).
 *
 * @param millis positive and finite
 */
public record TimeAmount(double millis) {

  public TimeAmount {
    if (!(millis > 0) || Double.isInfinite(millis)) {
      throw new IllegalArgumentException(
          "a duration must be positive (expected e.g. \"500ms\", got " + millis + " ms)");
    }
  }

  public static TimeAmount ofMillis(double millis) {
    return new TimeAmount(millis);
  }

  /**
   * Parses {@code "500ms"}, {@code "30s"}, {@code "2min"}, {@code "1.5h"}, {@code "250us"} with the
   * one duration grammar, {@link Quantities}.
   *
   * @throws IllegalArgumentException with a message that names the rule and the text, when the unit
   *     is missing or unknown, or the amount is not positive
   */
  public static TimeAmount parse(String text) {
    return new TimeAmount(Quantities.millis(text));
  }

  @Override
  public String toString() {
    return humanMillis(millis);
  }

  /**
   * {@code 500 → "500 ms"}, {@code 30000 → "30 s"}, {@code 120000 → "2 min"}: {@link Unit#format}.
   */
  static String humanMillis(double millis) {
    return Unit.MILLISECONDS.format(millis);
  }
}
