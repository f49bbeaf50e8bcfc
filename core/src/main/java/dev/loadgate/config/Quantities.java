package dev.loadgate.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for the quantities loadgate reads with units, used alike by {@code
 * production.yaml}, {@code suites.yaml} and every command-line option:
 *
 * <ul>
 *   <li>durations: one or more amount-unit parts, {@code 500ms}, {@code 30s}, {@code 2min} (or
 *       {@code 2m}), {@code 1m30s}, {@code 1.5h}, {@code 250us}, or ISO-8601 {@code PT2M}; positive
 *       and at most {@link #MAX_DURATION};
 *   <li>rates: {@code 2/s}, {@code 30/min}, {@code 600/h}; above zero and at most {@link
 *       #MAX_RATE_PER_SEC};
 *   <li>percentages: {@code 2%}, {@code 99.5%}, with the sign;
 *   <li>scale factors (a plain number such as {@code 0.5}): above zero and at most {@link
 *       #MAX_SCALE}.
 * </ul>
 *
 * Each parser throws {@link IllegalArgumentException} whose message names the rule and the text
 * ({@code <what is wrong> (expected <rule>, got "<text>")}); callers prefix the place.
 */
public final class Quantities {
  /** The longest duration any file or option may name: 30 days. */
  public static final Duration MAX_DURATION = Duration.ofDays(30);

  /** The highest arrival rate any file or option may name, in users per second. */
  public static final double MAX_RATE_PER_SEC = 100_000;

  /** The largest scale factor ({@code --rate-scale}). */
  public static final double MAX_SCALE = 1_000;

  /** Duration units and their length in milliseconds; {@code m} is short for {@code min}. */
  private static final Map<String, BigDecimal> DURATION_UNITS =
      Map.of(
          "us", new BigDecimal("0.001"),
          "ms", BigDecimal.ONE,
          "s", BigDecimal.valueOf(1_000),
          "m", BigDecimal.valueOf(60_000),
          "min", BigDecimal.valueOf(60_000),
          "h", BigDecimal.valueOf(3_600_000));

  private static final Map<String, BigDecimal> RATE_UNITS =
      Map.of("s", BigDecimal.ONE, "min", BigDecimal.valueOf(60), "h", BigDecimal.valueOf(3_600));

  private static final String AMOUNT = "([0-9]{1,18}(?:\\.[0-9]{1,18})?)";
  private static final Pattern DURATION_PART = Pattern.compile(AMOUNT + "\\s*([a-zA-Zµ%]*)");
  private static final Pattern RATE = Pattern.compile(AMOUNT + "\\s*/\\s*([a-zA-Z]*)");
  private static final Pattern PERCENT = Pattern.compile("(-?" + AMOUNT + ")\\s*(%?)");
  private static final Pattern NUMBER = Pattern.compile(AMOUNT);
  private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(MAX_DURATION.toMillis());

  private Quantities() {}

  // ---- durations ----------------------------------------------------------------------------

  /**
   * A duration in milliseconds (fractions kept, so {@code 250us} is 0.25).
   *
   * @throws IllegalArgumentException naming the rule and the text
   */
  public static double millis(String text) {
    return durationMillis(text).doubleValue();
  }

  /**
   * A duration, to the nanosecond.
   *
   * @throws IllegalArgumentException naming the rule and the text
   */
  public static Duration duration(String text) {
    BigDecimal millis = durationMillis(text);
    return Duration.ofNanos(
        millis
            .multiply(BigDecimal.valueOf(1_000_000))
            .setScale(0, RoundingMode.HALF_UP)
            .longValue());
  }

  /** A duration, or empty when {@code text} is not a valid one. */
  public static Optional<Duration> tryDuration(String text) {
    try {
      return Optional.of(duration(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal durationMillis(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.startsWith("-")) {
      throw new IllegalArgumentException(
          "a duration must be positive (expected e.g. \"500ms\", got \"" + trimmed + "\")");
    }
    BigDecimal millis =
        trimmed.toUpperCase(Locale.ROOT).startsWith("PT") ? iso(trimmed) : parts(trimmed);
    if (millis.signum() <= 0) {
      throw new IllegalArgumentException(
          "a duration must be positive (expected e.g. \"500ms\", got \"" + trimmed + "\")");
    }
    if (millis.compareTo(MAX_MILLIS) > 0) {
      throw new IllegalArgumentException(
          "a duration must be at most 30 days (expected e.g. \"2h\", got \"" + trimmed + "\")");
    }
    return millis;
  }

  private static BigDecimal iso(String trimmed) {
    try {
      Duration d = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      if (d.compareTo(MAX_DURATION) > 0) {
        return MAX_MILLIS.add(BigDecimal.ONE);
      }
      return BigDecimal.valueOf(d.toNanos()).divide(BigDecimal.valueOf(1_000_000));
    } catch (DateTimeParseException | ArithmeticException e) {
      throw notADuration(trimmed);
    }
  }

  private static BigDecimal parts(String trimmed) {
    Matcher part = DURATION_PART.matcher(trimmed);
    BigDecimal total = BigDecimal.ZERO;
    int end = 0;
    while (end < trimmed.length()) {
      if (!part.find(end) || part.start() != end) {
        throw notADuration(trimmed);
      }
      String unit = part.group(2).toLowerCase(Locale.ROOT).replace('µ', 'u');
      if (unit.isEmpty()) {
        if (part.end() == trimmed.length() && end == 0) {
          throw new IllegalArgumentException(
              "duration needs a unit, one of us, ms, s, min, h (expected e.g. \""
                  + part.group(1)
                  + "ms\", got \""
                  + trimmed
                  + "\")");
        }
        throw notADuration(trimmed);
      }
      BigDecimal factor = DURATION_UNITS.get(unit);
      if (factor == null) {
        throw new IllegalArgumentException(
            "unknown duration unit \""
                + part.group(2)
                + "\" (expected one of us, ms, s, min, h, got \""
                + trimmed
                + "\")");
      }
      total = total.add(new BigDecimal(part.group(1)).multiply(factor));
      end = part.end();
      while (end < trimmed.length() && trimmed.charAt(end) == ' ') {
        end++;
      }
    }
    if (end == 0) {
      throw notADuration(trimmed);
    }
    return total;
  }

  private static IllegalArgumentException notADuration(String trimmed) {
    return new IllegalArgumentException(
        "must be a duration such as \"500ms\", \"30s\" or \"2min\" (got \"" + trimmed + "\")");
  }

  /** A duration written back the way the files write it, e.g. {@code "90s"}, {@code "2min"}. */
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

  // ---- rates ------------------------------------------------------------------------------

  /**
   * An arrival rate in users per second: {@code "2/s"}, {@code "30/min"}, {@code "600/h"}.
   *
   * @throws IllegalArgumentException naming the rule and the text
   */
  public static double ratePerSec(String text) {
    String trimmed = text == null ? "" : text.trim();
    Matcher m = RATE.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be a rate such as \"2/s\" or \"30/min\" (got \"" + trimmed + "\")");
    }
    BigDecimal per = RATE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
    if (per == null) {
      throw new IllegalArgumentException(
          "unknown rate unit \"/"
              + m.group(2)
              + "\" (expected one of /s, /min, /h, got \""
              + trimmed
              + "\")");
    }
    double rate = new BigDecimal(m.group(1)).divide(per, 12, RoundingMode.HALF_UP).doubleValue();
    if (!(rate > 0)) {
      throw new IllegalArgumentException(
          "a rate must be above zero (expected e.g. \"2/s\", got \"" + trimmed + "\")");
    }
    if (rate > MAX_RATE_PER_SEC) {
      throw new IllegalArgumentException(
          "a rate must be at most 100000/s (expected e.g. \"20/s\", got \"" + trimmed + "\")");
    }
    return rate;
  }

  /** A rate in users per second, or empty when {@code text} is not a valid one. */
  public static Optional<Double> tryRatePerSec(String text) {
    try {
      return Optional.of(ratePerSec(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  // ---- percentages and factors ------------------------------------------------------------

  /**
   * A percentage written with its sign, in percent: {@code "2%"} is 2.0; above 0 and at most 100.
   *
   * @throws IllegalArgumentException when the sign is missing or the value is out of range
   */
  public static double percent(String text) {
    String trimmed = text == null ? "" : text.trim();
    Matcher m = PERCENT.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be a percentage such as \"2%\" (got \"" + trimmed + "\")");
    }
    if (m.group(3).isEmpty()) {
      throw new IllegalArgumentException(
          "a percentage needs its % sign (expected \""
              + m.group(1)
              + "%\", got \""
              + trimmed
              + "\")");
    }
    double value = Double.parseDouble(m.group(1));
    if (!(value > 0 && value <= 100)) {
      throw new IllegalArgumentException(
          "a percentage must be above 0 and at most 100 (expected e.g. \"2%\", got \""
              + trimmed
              + "\")");
    }
    return value;
  }

  /** A percentage from 0 % to 100 % as a share from 0 to 1, or empty when it is not one. */
  public static Optional<Double> tryShare(String text) {
    String trimmed = text == null ? "" : text.trim();
    Matcher m = PERCENT.matcher(trimmed);
    if (!m.matches() || m.group(3).isEmpty() || trimmed.startsWith("-")) {
      return Optional.empty();
    }
    double value = Double.parseDouble(m.group(1));
    return value <= 100 ? Optional.of(value / 100) : Optional.empty();
  }

  /**
   * A plain positive number such as {@code 0.5} or {@code 2}, at most {@code max}.
   *
   * @throws IllegalArgumentException naming the rule and the text
   */
  public static double positiveNumber(String text, double max) {
    String trimmed = text == null ? "" : text.trim();
    Matcher m = NUMBER.matcher(trimmed);
    if (!m.matches()
        || !(Double.parseDouble(m.group(1)) > 0)
        || Double.parseDouble(m.group(1)) > max) {
      throw new IllegalArgumentException(
          "must be a positive number at most "
              + plain(max)
              + " (expected e.g. 0.5 or 2, got \""
              + trimmed
              + "\")");
    }
    return Double.parseDouble(m.group(1));
  }

  /** A whole number from {@code min} to {@code max}, or empty when {@code text} is not one. */
  public static Optional<Long> tryWholeNumber(String text, long min, long max) {
    String trimmed = text == null ? "" : text.trim();
    if (!trimmed.matches("[0-9]{1,19}")) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(trimmed);
    return value.compareTo(BigDecimal.valueOf(min)) >= 0
            && value.compareTo(BigDecimal.valueOf(max)) <= 0
        ? Optional.of(value.longValueExact())
        : Optional.empty();
  }

  /** The units a duration may carry, for messages and schemas. */
  public static List<String> durationUnits() {
    return List.of("us", "ms", "s", "min", "h");
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
