package dev.loadgate.baseline;

import java.util.List;
import java.util.Objects;

/**
 * A documented growth assumption, kept as data for capacity reports: either a monthly growth rate
 * or a total growth factor.
 *
 * @param name key in the file, e.g. {@code "users"}
 * @param perMonthPercent month-over-month growth in percent (20 for +20 %/month); {@code NaN} when
 *     the projection is a factor
 * @param factor total growth to plan for (10 for 10x); {@code NaN} when the projection is monthly
 * @param journeys the load journeys that grow at this rate (capacity runway), e.g. {@code [auth]};
 *     may be empty
 * @param guideSection where the guide documents it
 */
public record GrowthProjection(
    String name,
    double perMonthPercent,
    double factor,
    List<String> journeys,
    String guideSection) {
  /** A projection that names no journeys. */
  public GrowthProjection(String name, double perMonthPercent, double factor, String guideSection) {
    this(name, perMonthPercent, factor, List.of(), guideSection);
  }

  public GrowthProjection {
    Objects.requireNonNull(name, "name");
    journeys = List.copyOf(journeys);
    if (Double.isNaN(perMonthPercent) == Double.isNaN(factor)) {
      throw new IllegalArgumentException(
          name
              + ": a growth projection is either perMonth or factor, exactly one (got "
              + perMonthPercent
              + ", "
              + factor
              + ")");
    }
    if (!Double.isNaN(perMonthPercent) && !(perMonthPercent > 0)
        || !Double.isNaN(factor) && !(factor > 1)) {
      throw new IllegalArgumentException(
          name
              + ": growth must be positive, a factor above 1 (got "
              + perMonthPercent
              + " %/month, "
              + factor
              + "x)");
    }
    guideSection = guideSection == null ? "" : guideSection;
  }

  /** The projected multiple after {@code months} months of monthly growth; the factor otherwise. */
  public double multipleAfter(int months) {
    return Double.isNaN(factor) ? Math.pow(1 + perMonthPercent / 100.0, months) : factor;
  }
}
