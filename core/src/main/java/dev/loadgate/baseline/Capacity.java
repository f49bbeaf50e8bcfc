package dev.loadgate.baseline;

import java.util.List;

/**
 * The guide's capacity planning numbers, for the capacity report.
 *
 * @param scalingTriggers in file order
 * @param growth in file order
 */
public record Capacity(List<ScalingTrigger> scalingTriggers, List<GrowthProjection> growth) {
  public static final Capacity NONE = new Capacity(List.of(), List.of());

  public Capacity {
    scalingTriggers = List.copyOf(scalingTriggers);
    growth = List.copyOf(growth);
  }
}
