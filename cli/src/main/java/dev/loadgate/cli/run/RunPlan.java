package dev.loadgate.cli.run;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.cli.provision.ProvisionSettings;
import dev.loadgate.refapp.FaultSpec;
import dev.loadgate.simulations.LoadPlan;
import dev.loadgate.simulations.Suite;
import dev.loadgate.targets.TargetProfile;
import dev.loadgate.verdict.AcceptedRun;
import dev.loadgate.verdict.EvaluationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated run, built once by {@link RunSteps#validate} and never changed: every later step
 * takes it and returns its result, so no step reads what another one left in a field.
 *
 * @param request what the user asked for
 * @param baselines the loaded limits
 * @param load the load schedule (suite, rates, durations, caps); its target is a loopback
 *     placeholder until the embedded target has started ({@link LoadPlan#withTarget})
 * @param accepted the accepted run of {@code --against}, if any
 * @param faults the faults to inject into the embedded target
 * @param externalTarget the external target's profile; empty for the embedded one
 * @param provisioning the dataset {@code --provision} creates on the external target before load;
 *     empty when the accounts file suffices (or without {@code --provision})
 */
public record RunPlan(
    RunRequest request,
    Baselines baselines,
    LoadPlan load,
    Optional<AcceptedRun> accepted,
    List<FaultSpec> faults,
    Optional<TargetProfile> externalTarget,
    Optional<ProvisionSettings> provisioning) {
  /** A plan with nothing to provision. */
  public RunPlan(
      RunRequest request,
      Baselines baselines,
      LoadPlan load,
      Optional<AcceptedRun> accepted,
      List<FaultSpec> faults,
      Optional<TargetProfile> externalTarget) {
    this(request, baselines, load, accepted, faults, externalTarget, Optional.empty());
  }

  public RunPlan {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(baselines, "baselines");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(accepted, "accepted");
    faults = List.copyOf(faults);
    Objects.requireNonNull(externalTarget, "externalTarget");
    Objects.requireNonNull(provisioning, "provisioning");
  }

  /** The suite's name. */
  public String suite() {
    return load.suite().name();
  }

  /** The suite as read from the suites file. */
  public Suite suiteSpec() {
    return load.suite();
  }

  /** The warm-up phase (excluded from gated statistics). */
  public Duration warmup() {
    return load.suite().warmup();
  }

  /** The measured phase, after any {@code --duration}. */
  public Duration measure() {
    return load.measuredDuration();
  }

  /** How the verdict engine judges this run: the suite's gated checks, the accepted run. */
  public EvaluationOptions evaluation() {
    EvaluationOptions options = EvaluationOptions.defaults().gating(load.suite().gatedChecks());
    return accepted.map(options::against).orElse(options);
  }
}
