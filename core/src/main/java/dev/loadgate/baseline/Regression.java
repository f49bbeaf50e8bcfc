package dev.loadgate.baseline;

import java.util.Objects;

/**
 * When a change against an accepted run counts as a regression: worse by more than {@code
 * tolerance} of the accepted value AND by at least {@code minEffect}, with the two confidence
 * intervals apart.
 *
 * @param tolerance relative worsening allowed, e.g. 10 %
 * @param minEffectMillis smallest absolute worsening that counts for a latency check, in ms; > 0
 * @param minEffectPercentPoints smallest absolute worsening that counts for a percentage check, in
 *     percentage points; > 0
 */
public record Regression(Percent tolerance, double minEffectMillis, double minEffectPercentPoints) {
  /** Documented defaults: 10 %, 10 ms, 0.5 percentage points. */
  public static final Regression DEFAULT = new Regression(new Percent(10), 10, 0.5);

  public Regression {
    Objects.requireNonNull(tolerance, "tolerance");
    if (!(minEffectMillis > 0) || !(minEffectPercentPoints > 0)) {
      throw new IllegalArgumentException(
          "minimum effects must be positive (got "
              + minEffectMillis
              + " ms, "
              + minEffectPercentPoints
              + " %)");
    }
  }

  /** The smallest absolute worsening that counts, in {@code unit}. */
  public double minEffect(Unit unit) {
    return unit == Unit.MILLISECONDS ? minEffectMillis : minEffectPercentPoints;
  }

  /** Whether a worsening of {@code worsening} from {@code accepted} (in {@code unit}) is beyond. */
  public boolean beyond(double worsening, double accepted, Unit unit) {
    return worsening > Math.abs(accepted) * tolerance.fraction() && worsening >= minEffect(unit);
  }
}
