package dev.loadgate.capacity;

import dev.loadgate.verdict.Check;
import java.util.List;
import java.util.Optional;

/**
 * Where the staircase stopped holding.
 *
 * @param steps every step run, in order
 * @param heldRatePerSec the highest rate at which every gated check held: the knee; {@code NaN}
 *     when no step held
 * @param brokeRatePerSec the lowest rate at which a gated check failed; {@code NaN} when none did
 *     up to the highest step run
 * @param firstFailure the check that failed at {@link #brokeRatePerSec()} furthest beyond its
 *     limit; empty when nothing broke
 */
public record Knee(
    List<CapacityStep> steps,
    double heldRatePerSec,
    double brokeRatePerSec,
    Optional<Check> firstFailure) {

  public Knee {
    steps = List.copyOf(steps);
  }

  static Knee of(List<CapacityStep> steps, double held, double broke) {
    Optional<Check> first =
        steps.stream()
            .filter(s -> s.offeredRatePerSec() == broke)
            .findFirst()
            .flatMap(s -> s.failures().stream().findFirst());
    return new Knee(steps, held, broke, first);
  }

  /** Whether both sides of the knee were observed: a step that held and a higher one that broke. */
  public boolean bracketed() {
    return !Double.isNaN(heldRatePerSec) && !Double.isNaN(brokeRatePerSec);
  }

  /** The step that broke first, if any. */
  public Optional<CapacityStep> breakingStep() {
    return steps.stream().filter(s -> s.offeredRatePerSec() == brokeRatePerSec).findFirst();
  }

  /** The step at the knee, if any held. */
  public Optional<CapacityStep> kneeStep() {
    return steps.stream().filter(s -> s.offeredRatePerSec() == heldRatePerSec).findFirst();
  }
}
