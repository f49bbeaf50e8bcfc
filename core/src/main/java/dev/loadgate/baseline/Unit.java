package dev.loadgate.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The unit a limit, a check and its measured value share, and the one way loadgate writes a
 * quantity for people: the console, summary.md, junit.xml, report.html and every verdict reason use
 * {@link #format(double)}, so a limit reads the same everywhere ({@code 500 ms}, {@code 30 s},
 * {@code 2 min}, {@code 2 %}). Locale-independent.
 */
public enum Unit {
  /** A duration in milliseconds. */
  MILLISECONDS("ms"),
  /** A share in percent, 0 to 100. */
  PERCENT("%");

  /** What a missing value reads as. */
  public static final String NOT_AVAILABLE = "n/a";

  private final String symbol;

  Unit(String symbol) {
    this.symbol = symbol;
  }

  /** {@code "ms"} or {@code "%"}: the unit string of stored results and {@code Figure}. */
  public String symbol() {
    return symbol;
  }

  /** The unit with the given symbol, or {@code null}. */
  public static Unit ofSymbol(String symbol) {
    for (Unit unit : values()) {
      if (unit.symbol.equals(symbol)) {
        return unit;
      }
    }
    return null;
  }

  /**
   * How a value of this unit is shown: durations in the unit a person would choose for it ({@code
   * ms} below 1 s, {@code s} below 2 min, {@code min} from 2 min or on whole minutes), percentages
   * in {@code %}.
   *
   * @param symbol what follows the number
   * @param millisPer how many of this unit's values make one shown unit (1 for ms and %)
   */
  public record Scale(String symbol, double millisPer) {}

  /** The scale {@link #format(double)} shows {@code value} in. */
  public Scale scaleFor(double value) {
    if (this == PERCENT) {
      return new Scale("%", 1);
    }
    double abs = Math.abs(value);
    if (abs >= 120_000 || (abs >= 60_000 && value % 60_000 == 0)) {
      return new Scale("min", 60_000);
    }
    if (abs >= 1_000) {
      return new Scale("s", 1_000);
    }
    return new Scale("ms", 1);
  }

  /** {@code value} with its unit, for people: {@code "500 ms"}, {@code "30 s"}, {@code "2 %"}. */
  public String format(double value) {
    return formatIn(value, scaleFor(value));
  }

  /** {@code value} shown in {@code scale}: {@code "2.52 s"}; {@value #NOT_AVAILABLE} for NaN. */
  public static String formatIn(double value, Scale scale) {
    String number = number(value / scale.millisPer());
    return number.equals(NOT_AVAILABLE) ? number : number + " " + scale.symbol();
  }

  /**
   * A number with as many decimals as its size warrants, trailing zeros dropped: {@code 1234},
   * {@code 612.4}, {@code 61.24}, {@code 6.12}, {@code 0.612}; {@value #NOT_AVAILABLE} for NaN or
   * infinity.
   */
  public static String number(double value) {
    return number(value, 0);
  }

  /**
   * {@link #number(double)} with {@code extraDecimals} more decimals, e.g. to tell bounds apart.
   */
  public static String number(double value, int extraDecimals) {
    if (!Double.isFinite(value)) {
      return NOT_AVAILABLE;
    }
    double magnitude = Math.abs(value);
    int decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3;
    BigDecimal rounded =
        BigDecimal.valueOf(value).setScale(decimals + extraDecimals, RoundingMode.HALF_EVEN);
    if (rounded.signum() == 0) {
      return "0";
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  /**
   * An interval's bounds in {@code scale}, without the unit: {@code "590–640"}; with as many more
   * decimals (up to three) as it takes for distinct bounds to read differently.
   */
  public static String range(double lower, double upper, Scale scale) {
    double lo = lower / scale.millisPer();
    double hi = upper / scale.millisPer();
    for (int extra = 0; extra < 3; extra++) {
      String a = number(lo, extra);
      String b = number(hi, extra);
      if (!a.equals(b) || lo == hi) {
        return a + "–" + b;
      }
    }
    return number(lo, 3) + "–" + number(hi, 3);
  }
}
