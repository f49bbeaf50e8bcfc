package dev.loadgate.baseline;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One documented limit, as the baselines file states it.
 *
 * @param id stable check id, e.g. {@code "latency.auth.p95"}; lower case, dot separated
 * @param title short human name, e.g. {@code "Authentication"}
 * @param path the journey this check belongs to ({@code "auth"}), for the {@code paths} section;
 *     {@code null} for other checks
 * @param statistic what is computed from the source
 * @param source where the data comes from
 * @param bound whether the value must stay below or above the limit
 * @param limit the documented limit, in {@code unit}; positive, at most 100 for percentages
 * @param unit the unit of {@code limit}, {@code warning} and the measured value
 * @param warning an alert's warning level inside the limit (e.g. 2 s under a 5 s critical limit),
 *     in {@code unit}; {@code NaN} when there is none
 * @param severity how the guide classes the limit
 * @param guideSection where in the operations guide the limit is documented
 * @param minSamples the fewest samples the statistic may rest on; 0 means the statistic's own
 *     minimum (for a percentile, the smallest count for which its interval exists)
 * @param regression when a change against an accepted run is a regression
 * @param windowMillis the alert window the guide names ("in 15 minutes"), in ms; {@code NaN} when
 *     none. Kept as data; a run's measure phase is the window loadgate judges.
 */
public record CheckSpec(
    String id,
    String title,
    String path,
    Statistic statistic,
    Source source,
    Bound bound,
    double limit,
    Unit unit,
    double warning,
    Severity severity,
    String guideSection,
    long minSamples,
    Regression regression,
    double windowMillis) {
  /** What a check id looks like: {@code family.name[.more]}, lower case, digits and underscores. */
  public static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");

  public CheckSpec {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "check id must be lower-case words joined by dots (expected e.g. \"errors.all.rate\","
              + " got \""
              + id
              + "\")");
    }
    Objects.requireNonNull(statistic, id + ": statistic");
    Objects.requireNonNull(source, id + ": source");
    Objects.requireNonNull(bound, id + ": bound");
    Objects.requireNonNull(unit, id + ": unit");
    Objects.requireNonNull(severity, id + ": severity");
    Objects.requireNonNull(regression, id + ": regression");
    if (!(limit > 0) || Double.isInfinite(limit) || (unit == Unit.PERCENT && limit > 100)) {
      throw new IllegalArgumentException(
          id
              + ": limit must be positive"
              + (unit == Unit.PERCENT ? " and at most 100 %" : "")
              + " (got "
              + limit
              + " "
              + unit.symbol()
              + ")");
    }
    if (!Double.isNaN(warning) && !bound.within(warning, limit)) {
      throw new IllegalArgumentException(
          id
              + ": the warning level must lie inside the limit (expected "
              + bound.comparator()
              + " "
              + unit.format(limit)
              + ", got "
              + unit.format(warning)
              + ")");
    }
    if (minSamples < 0) {
      throw new IllegalArgumentException(
          id + ": minimum samples must not be negative (got " + minSamples + ")");
    }
    title = title == null || title.isBlank() ? id : title;
    guideSection = guideSection == null ? "" : guideSection;
  }

  public boolean hasWarning() {
    return !Double.isNaN(warning);
  }

  /** {@code "< 500 ms"}. */
  public String describeLimit() {
    return bound.comparator() + " " + unit.format(limit);
  }
}
