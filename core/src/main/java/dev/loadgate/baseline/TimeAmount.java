package dev.loadgate.baseline;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration written with its unit, such as {@code 500ms}, {@code 30s} or {@code 2min}; held in
 * milliseconds (fractions allowed, so {@code 250us} is 0.25 ms).
 *
 * @param millis positive and finite
 */
public record TimeAmount(double millis) {
  /** The units a duration may carry, and how many milliseconds each is. */
  public static final Map<String, Double> UNITS =
      Map.of("us", 0.001, "ms", 1.0, "s", 1_000.0, "min", 60_000.0, "h", 3_600_000.0);

  private static final Pattern SYNTAX = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Zµ%]*)");

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
   * Parses {@code "500ms"}, {@code "30s"}, {@code "2min"}, {@code "1.5h"}, {@code "250us"}.
   *
   * @throws IllegalArgumentException with a message that names the rule and the text, when the unit
   *     is missing or unknown, or the amount is not positive
   */
  public static TimeAmount parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.startsWith("-")) {
      throw new IllegalArgumentException(
          "a duration must be positive (expected e.g. \"500ms\", got \"" + trimmed + "\")");
    }
    Matcher m = SYNTAX.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be a duration such as \"500ms\", \"30s\" or \"2min\" (got \"" + trimmed + "\")");
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT).replace('µ', 'u');
    if (unit.isEmpty()) {
      throw new IllegalArgumentException(
          "duration needs a unit, one of us, ms, s, min, h (expected e.g. \""
              + m.group(1)
              + "ms\", got \""
              + trimmed
              + "\")");
    }
    Double factor = UNITS.get(unit);
    if (factor == null) {
      throw new IllegalArgumentException(
          "unknown duration unit \""
              + m.group(2)
              + "\" (expected one of us, ms, s, min, h, got \""
              + trimmed
              + "\")");
    }
    double millis = Double.parseDouble(m.group(1)) * factor;
    if (millis <= 0) {
      throw new IllegalArgumentException(
          "a duration must be positive (expected e.g. \"500ms\", got \"" + trimmed + "\")");
    }
    return new TimeAmount(millis);
  }

  @Override
  public String toString() {
    return humanMillis(millis);
  }

  /** {@code 500 → "500 ms"}, {@code 30000 → "30 s"}, {@code 120000 → "2 min"}. */
  static String humanMillis(double millis) {
    if (Double.isNaN(millis)) {
      return "n/a";
    }
    double abs = Math.abs(millis);
    if (abs >= 60_000 && millis % 60_000 == 0) {
      return Percentile.format(millis / 60_000) + " min";
    }
    if (abs >= 1_000 && millis % 1_000 == 0) {
      return Percentile.format(millis / 1_000) + " s";
    }
    if (abs >= 100 || abs == Math.rint(abs)) {
      return Percentile.format(Math.rint(millis)) + " ms";
    }
    return String.format(Locale.ROOT, "%.3g ms", millis);
  }
}
