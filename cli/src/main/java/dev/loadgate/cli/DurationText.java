package dev.loadgate.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: {@code 90s}, {@code 2m}, {@code 1m30s}, {@code 500ms}, {@code 1h},
 * or ISO-8601 ({@code PT2M}). A bare number is rejected: its unit would be a guess.
 */
public final class DurationText {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|min|h)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|min|h))+");

  private DurationText() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message naming the accepted forms
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.toUpperCase(java.util.Locale.ROOT).startsWith("PT")) {
      try {
        return Duration.parse(trimmed.toUpperCase(java.util.Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw invalid(text);
      }
    }
    if (!WHOLE.matcher(trimmed).matches()) {
      throw invalid(text);
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(trimmed);
    while (part.find()) {
      double amount = Double.parseDouble(part.group(1));
      long millis =
          switch (part.group(2)) {
            case "ms" -> Math.round(amount);
            case "s" -> Math.round(amount * 1_000);
            case "m", "min" -> Math.round(amount * 60_000);
            default -> Math.round(amount * 3_600_000);
          };
      total = total.plusMillis(millis);
    }
    return total;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "expected a duration with a unit such as 90s, 2m, 1m30s or 500ms (got \"" + text + "\")");
  }
}
