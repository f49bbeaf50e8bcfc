package dev.loadgate.capacity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many months of growth today's load has before it reaches a rate. Each journey grows at its
 * own monthly rate (letters faster than users), so the mix shifts; the load after {@code m} months
 * is {@code current × Σ share_j × (1 + g_j)^m}, in journeys per second, and it is compared with a
 * rate measured at the test mix. That comparison treats a journey of any kind as one unit of load:
 * docs/capacity.md says what that assumes.
 *
 * @param currentRatePerSec today's production rate of all journeys together, per second; above 0
 * @param shares each journey's share of today's load, summing to 1
 * @param monthlyGrowth each journey's growth per month as a fraction (0.25 for +25 %/month)
 */
public record Runway(
    double currentRatePerSec, Map<String, Double> shares, Map<String, Double> monthlyGrowth) {

  /** Months beyond which the runway is reported as "at least this". */
  public static final double HORIZON_MONTHS = 120;

  public Runway {
    if (!(currentRatePerSec > 0) || Double.isInfinite(currentRatePerSec)) {
      throw new IllegalArgumentException(
          "--current-rate: must be above 0 (expected e.g. 1.5, got " + currentRatePerSec + ")");
    }
    shares = Map.copyOf(shares);
    monthlyGrowth = new LinkedHashMap<>(monthlyGrowth);
    for (String journey : shares.keySet()) {
      Objects.requireNonNull(
          monthlyGrowth.get(journey), () -> journey + ": no growth rate for this journey");
    }
    monthlyGrowth = Map.copyOf(monthlyGrowth);
  }

  /** The projected rate after {@code months} months (fractional months allowed). */
  public double rateAfter(double months) {
    double total = 0;
    for (Map.Entry<String, Double> share : shares.entrySet()) {
      total += share.getValue() * Math.pow(1 + monthlyGrowth.get(share.getKey()), months);
    }
    return currentRatePerSec * total;
  }

  /**
   * The months until the projected rate reaches {@code ratePerSec}: 0 when it already has, {@link
   * #HORIZON_MONTHS} when it does not within that horizon.
   */
  public double monthsUntil(double ratePerSec) {
    if (rateAfter(0) >= ratePerSec) {
      return 0;
    }
    if (rateAfter(HORIZON_MONTHS) < ratePerSec) {
      return HORIZON_MONTHS;
    }
    double lo = 0;
    double hi = HORIZON_MONTHS;
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      if (rateAfter(mid) < ratePerSec) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }
}
