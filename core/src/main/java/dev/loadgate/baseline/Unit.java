package dev.loadgate.baseline;

/** The unit a limit, a check and its measured value share. */
public enum Unit {
  /** A duration in milliseconds. */
  MILLISECONDS("ms"),
  /** A share in percent, 0 to 100. */
  PERCENT("%");

  private final String symbol;

  Unit(String symbol) {
    this.symbol = symbol;
  }

  /** {@code "ms"} or {@code "%"}: the unit string of {@code Check} and {@code Figure}. */
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

  /** {@code value} with its unit, for humans: {@code "500 ms"}, {@code "30 s"}, {@code "2 %"}. */
  public String format(double value) {
    return this == MILLISECONDS ? TimeAmount.humanMillis(value) : Percent.human(value);
  }
}
