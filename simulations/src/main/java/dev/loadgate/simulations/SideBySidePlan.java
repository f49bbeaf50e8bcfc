package dev.loadgate.simulations;

import dev.loadgate.simulations.recording.SampleSink;
import dev.loadgate.targets.TargetProfile;
import java.util.Objects;

/**
 * A side-by-side (duet) run: one arrival schedule at twice each journey's rate, every arrival sent
 * to the baseline or the candidate in randomised blocks of two ({@link BlockAssignment}), so each
 * side gets the suite's rate on average and both see the same moments of the machine.
 *
 * @param plan the suite, durations and the baseline's target; its rates are each side's rates
 * @param candidate the candidate's target
 * @param seed the assignment's seed
 * @param baselineSink where the baseline's samples go
 * @param candidateSink where the candidate's samples go
 */
public record SideBySidePlan(
    LoadPlan plan,
    TargetProfile candidate,
    long seed,
    SampleSink baselineSink,
    SampleSink candidateSink) {
  public SideBySidePlan {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(baselineSink, "baselineSink");
    Objects.requireNonNull(candidateSink, "candidateSink");
  }

  /** The candidate's plan: the same suite and durations against the candidate's target. */
  public LoadPlan candidatePlan() {
    return new LoadPlan(
        candidate,
        plan.suite(),
        plan.durationOverride(),
        plan.rateScale(),
        plan.gatlingResultsDir(),
        plan.gatlingHtmlReport(),
        plan.overrideCaps());
  }

  /** The shared arrival stream's plan: the baseline's plan at twice the rate. */
  LoadPlan streamPlan() {
    return new LoadPlan(
        plan.target(),
        plan.suite(),
        plan.durationOverride(),
        plan.rateScale() * 2,
        plan.gatlingResultsDir(),
        plan.gatlingHtmlReport(),
        true);
  }
}
