package dev.loadgate.simulations.suite;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the quantities a suites file writes with units: durations, rates and percentages. */
public final class Quantities {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|h)", Pattern.CASE_INSENSITIVE);
  private static final Pattern RATE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|min|h)", Pattern.CASE_INSENSITIVE);
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

  private Quantities() {}

  /** {@code "500ms"}, {@code "15s"}, {@code "2min"}, {@code "1.5h"}; empty when not a duration. */
  public static Optional<Duration> duration(String text) {
    Matcher m = text == null ? null : DURATION.matcher(text.trim());
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    double value = Double.parseDouble(m.group(1));
    double millis =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "ms" -> value;
          case "s" -> value * 1_000;
          case "min" -> value * 60_000;
          default -> value * 3_600_000;
        };
    return Optional.of(Duration.ofNanos(Math.round(millis * 1_000_000)));
  }

  /**
   * {@code "2/s"}, {@code "30/min"}, {@code "600/h"} as users per second; empty when not a rate.
   */
  public static Optional<Double> ratePerSec(String text) {
    Matcher m = text == null ? null : RATE.matcher(text.trim());
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    double value = Double.parseDouble(m.group(1));
    return Optional.of(
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "s" -> value;
          case "min" -> value / 60;
          default -> value / 3_600;
        });
  }

  /** {@code "20%"} as the share 0.2; empty when not a percentage. */
  public static Optional<Double> share(String text) {
    Matcher m = text == null ? null : PERCENT.matcher(text.trim());
    return m != null && m.matches()
        ? Optional.of(Double.parseDouble(m.group(1)) / 100)
        : Optional.empty();
  }

  /** A duration written back the way a suites file writes it, e.g. {@code "90s"}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "min";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }

  /** The edit distance between two strings, for "did you mean" hints. */
  public static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The closest candidate within a small edit distance, for a "did you mean" hint. */
  public static Optional<String> closest(String word, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = editDistance(word, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(2, word.length() / 3)
        ? Optional.of(best)
        : Optional.empty();
  }
}
