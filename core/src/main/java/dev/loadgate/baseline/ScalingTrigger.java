package dev.loadgate.baseline;

import java.util.Objects;

/**
 * A documented point at which a component needs scaling, kept as data for capacity reports.
 *
 * @param name key in the file, e.g. {@code "database"}
 * @param metric what is watched, e.g. {@code "CPU utilization"}
 * @param bound {@link Bound#ABOVE} for "scale when above"
 * @param value the trigger level, in {@code unit}
 * @param unit the level's unit
 * @param guideSection where the guide documents it
 */
public record ScalingTrigger(
    String name, String metric, Bound bound, double value, Unit unit, String guideSection) {
  public ScalingTrigger {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bound, name + ": bound");
    Objects.requireNonNull(unit, name + ": unit");
    if (!(value > 0)) {
      throw new IllegalArgumentException(
          name + ": a scaling trigger must be positive (got " + value + ")");
    }
    metric = metric == null ? name : metric;
    guideSection = guideSection == null ? "" : guideSection;
  }
}
