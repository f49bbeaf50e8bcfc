package dev.loadgate.baseline;

/** Which side of its limit a value must stay on. */
public enum Bound {
  /** The value must stay below the limit ({@code below: 500ms}); larger is worse. */
  BELOW("<"),
  /** The value must stay above the limit ({@code above: 99%}); smaller is worse. */
  ABOVE(">");

  private final String comparator;

  Bound(String comparator) {
    this.comparator = comparator;
  }

  /** {@code "<"} or {@code ">"}, as in {@code Check.comparator()}. */
  public String comparator() {
    return comparator;
  }

  /** Whether {@code value} is strictly on the allowed side of {@code limit}. */
  public boolean within(double value, double limit) {
    return this == BELOW ? value < limit : value > limit;
  }

  /** How much worse {@code value} is than {@code reference}: positive when worse. */
  public double worsening(double value, double reference) {
    return this == BELOW ? value - reference : reference - value;
  }
}
