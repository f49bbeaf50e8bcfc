package dev.loadgate.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs a staircase and narrows its knee: steps at rising rates until the first that breaks a gated
 * limit, then geometric bisection between the highest step that held and the lowest that broke.
 * Steps whose checks are undecided (too few samples) neither stop the staircase nor count as the
 * knee: only a step that held is evidence that a rate holds. When the step just below the first
 * break was undecided, it is measured once more ({@code "confirm"}; the runner sizes such steps for
 * the samples the checks need) before the bisection.
 */
public final class KneeSearch {
  private KneeSearch() {}

  /**
   * Runs one step at a rate; {@code kind} is {@code "stair"}, {@code "confirm"} or {@code
   * "bisect"}.
   */
  @FunctionalInterface
  public interface StepRunner extends BiFunction<Double, String, CapacityStep> {}

  /**
   * The steps run, in order, and the knee they bracket.
   *
   * @param runner runs one step; throwing stops the search (the caller keeps the steps so far)
   * @param done receives each step as it finishes, e.g. to write it to the run folder
   */
  public static Knee run(
      StaircasePlan plan, StepRunner runner, java.util.function.Consumer<CapacityStep> done) {
    List<CapacityStep> steps = new ArrayList<>();
    double held = Double.NaN;
    double broke = Double.NaN;
    for (double rate : plan.stairRates()) {
      CapacityStep step = runner.apply(rate, "stair");
      steps.add(step);
      done.accept(step);
      if (step.outcome() == StepOutcome.HOLDS) {
        held = rate;
      } else if (step.outcome() == StepOutcome.BREAKS) {
        broke = rate;
        break;
      }
    }
    if (!Double.isNaN(broke)) {
      // The step just below the break had too few samples to hold: measure it again, longer.
      double below = highestUndecidedBelow(steps, broke);
      if (below > (Double.isNaN(held) ? 0 : held)) {
        CapacityStep step = runner.apply(below, "confirm");
        steps.add(step);
        done.accept(step);
        if (step.outcome() == StepOutcome.HOLDS) {
          held = below;
        } else if (step.outcome() == StepOutcome.BREAKS) {
          broke = below;
        }
      }
    }
    if (!Double.isNaN(broke) && !Double.isNaN(held)) {
      double narrowEnough = 1 + (plan.stepFactor() - 1) / 4;
      for (int i = 0; i < plan.maxBisections() && broke / held > narrowEnough; i++) {
        double mid = Math.sqrt(held * broke);
        CapacityStep step = runner.apply(mid, "bisect");
        steps.add(step);
        done.accept(step);
        if (step.outcome() == StepOutcome.HOLDS) {
          held = mid;
        } else if (step.outcome() == StepOutcome.BREAKS) {
          broke = mid;
        } else {
          break;
        }
      }
    }
    return Knee.of(steps, held, broke);
  }

  private static double highestUndecidedBelow(List<CapacityStep> steps, double broke) {
    return steps.stream()
        .filter(s -> s.outcome() == StepOutcome.UNDECIDED && s.offeredRatePerSec() < broke)
        .mapToDouble(CapacityStep::offeredRatePerSec)
        .max()
        .orElse(Double.NaN);
  }
}
