package dev.loadgate.baseline;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * File-wide defaults a check falls back to.
 *
 * @param minSamples the fewest samples per statistic kind; 0 for {@code percentile} means "the
 *     smallest count for which the interval exists"
 * @param regression the regression rule of checks that set none
 */
public record Defaults(Map<Statistic.Kind, Long> minSamples, Regression regression) {
  /**
   * Documented defaults: percentile auto, rate 100, mean/max/value 1; {@link Regression#DEFAULT}.
   */
  public static final Defaults DEFAULT =
      new Defaults(
          Map.of(
              Statistic.Kind.PERCENTILE, 0L,
              Statistic.Kind.RATE, 100L,
              Statistic.Kind.MEAN, 1L,
              Statistic.Kind.MAX, 1L,
              Statistic.Kind.VALUE, 1L),
          Regression.DEFAULT);

  public Defaults {
    EnumMap<Statistic.Kind, Long> all = new EnumMap<>(Statistic.Kind.class);
    for (Statistic.Kind kind : Statistic.Kind.values()) {
      long value =
          minSamples.getOrDefault(
              kind,
              kind == Statistic.Kind.RATE ? 100L : kind == Statistic.Kind.PERCENTILE ? 0L : 1L);
      if (value < 0) {
        throw new IllegalArgumentException(
            "minimum samples for " + kind.key() + " must not be negative (got " + value + ")");
      }
      all.put(kind, value);
    }
    minSamples = Map.copyOf(all);
    Objects.requireNonNull(regression, "regression");
  }

  public long minSamples(Statistic.Kind kind) {
    return minSamples.get(kind);
  }
}
