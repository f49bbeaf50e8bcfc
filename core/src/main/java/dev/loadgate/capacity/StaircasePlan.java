package dev.loadgate.capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The shape of a capacity staircase: rates {@code start × factor^k} up to {@code max}, each step
 * settled for {@code settle} (not measured) and then measured for {@code measure}; after the first
 * breaking step, at most {@code maxBisections} more steps narrow the knee by geometric bisection.
 *
 * @param startRatePerSec the first step's rate, journeys per second of the whole mix; above 0
 * @param stepFactor each step's rate over the previous one's; above 1 and at most 4
 * @param maxRatePerSec no step goes above this; at least the start rate
 * @param settle how long each step runs before it is measured; zero or positive
 * @param measure each step's measured time; positive
 * @param maxBisections how many narrowing steps at most, 0 to 6
 */
public record StaircasePlan(
    double startRatePerSec,
    double stepFactor,
    double maxRatePerSec,
    Duration settle,
    Duration measure,
    int maxBisections) {

  public StaircasePlan {
    if (!(startRatePerSec > 0) || Double.isInfinite(startRatePerSec)) {
      throw new IllegalArgumentException(
          "--start-rate: must be above 0 (expected e.g. 2, got " + startRatePerSec + ")");
    }
    if (!(stepFactor > 1 && stepFactor <= 4)) {
      throw new IllegalArgumentException(
          "--step-factor: must be above 1 and at most 4 (expected e.g. 1.5, got "
              + stepFactor
              + ")");
    }
    if (!(maxRatePerSec >= startRatePerSec) || Double.isInfinite(maxRatePerSec)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--max-rate: must not be below the start rate (expected at least %s, got %s)",
              startRatePerSec,
              maxRatePerSec));
    }
    Objects.requireNonNull(settle, "settle");
    if (settle.isNegative()) {
      throw new IllegalArgumentException("settle must not be negative (got " + settle + ")");
    }
    if (measure == null || measure.isZero() || measure.isNegative()) {
      throw new IllegalArgumentException(
          "--step-duration: must be positive (expected e.g. 45s, got " + measure + ")");
    }
    if (maxBisections < 0 || maxBisections > 6) {
      throw new IllegalArgumentException("bisections must be 0 to 6 (got " + maxBisections + ")");
    }
  }

  /** The staircase's rates, lowest first; the last is at most {@link #maxRatePerSec()}. */
  public List<Double> stairRates() {
    List<Double> rates = new ArrayList<>();
    for (double r = startRatePerSec; r <= maxRatePerSec * (1 + 1e-9); r *= stepFactor) {
      rates.add(r);
    }
    return List.copyOf(rates);
  }

  /** The longest the staircase can take: every stair and bisection step, settle and measure. */
  public Duration longest() {
    return settle.plus(measure).multipliedBy(stairRates().size() + maxBisections);
  }
}
