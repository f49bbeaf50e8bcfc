package dev.loadgate.baseline;

import java.util.List;

/**
 * The guide's capacity planning numbers, for the capacity report.
 *
 * @param scalingTriggers in file order
 * @param growth in file order
 * @param currentJourneysPerSec today's production rate of all journeys together, per second (the
 *     team's figure; the guide has none); {@code NaN} when the file gives none
 */
public record Capacity(
    List<ScalingTrigger> scalingTriggers,
    List<GrowthProjection> growth,
    double currentJourneysPerSec) {
  public static final Capacity NONE = new Capacity(List.of(), List.of());

  public Capacity {
    scalingTriggers = List.copyOf(scalingTriggers);
    growth = List.copyOf(growth);
  }

  /** Triggers and growth without a current rate. */
  public Capacity(List<ScalingTrigger> scalingTriggers, List<GrowthProjection> growth) {
    this(scalingTriggers, growth, Double.NaN);
  }
}
