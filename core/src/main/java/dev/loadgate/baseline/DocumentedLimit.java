package dev.loadgate.baseline;

import java.util.Objects;

/**
 * One documented number, in a form both the operations guide and the baselines file can be brought
 * to, so that the two can be compared.
 *
 * @param key the check id ({@code "latency.auth.p95"}), {@code "<id>.warning"} for an alert's
 *     warning level, {@code "capacity.scaling.<name>"} or {@code "capacity.growth.<name>"}
 * @param comparator which side the value must stay on: {@code "<"} or {@code ">"}; for a scaling
 *     trigger the side that triggers; empty for growth projections
 * @param value the number in {@code unit}
 * @param unit {@code "ms"}, {@code "%"} or {@code "x"} (a growth factor)
 * @param where where it was read, e.g. {@code "guide.md:312"} or {@code "paths.auth"}
 */
public record DocumentedLimit(
    String key, String comparator, double value, String unit, String where) {
  public DocumentedLimit {
    Objects.requireNonNull(key, "key");
    comparator = comparator == null ? "" : comparator;
    Objects.requireNonNull(unit, "unit");
    where = where == null ? "" : where;
  }

  /** {@code "< 500 ms"}, {@code "20 %"}, {@code "10x"}. */
  public String describe() {
    String number =
        unit.equals("ms")
            ? TimeAmount.humanMillis(value)
            : unit.equals("%") ? Percent.human(value) : Percentile.format(value) + "x";
    return comparator.isEmpty() ? number : comparator + " " + number;
  }

  /** Whether {@code other} states the same limit (key, side, unit and value). */
  public boolean sameLimit(DocumentedLimit other) {
    return key.equals(other.key)
        && comparator.equals(other.comparator)
        && unit.equals(other.unit)
        && Math.abs(value - other.value) <= 1e-9 * Math.max(1, Math.abs(value));
  }
}
