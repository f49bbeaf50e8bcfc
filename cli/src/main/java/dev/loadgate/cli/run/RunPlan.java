package dev.loadgate.cli.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A validated run: what the pipeline needs to know to drive and show it. The loaded baselines and
 * suite stay with the {@link RunSteps} that loaded them.
 *
 * @param request what the user asked for
 * @param suite the suite's name
 * @param journeys the journeys the suite loads, e.g. {@code [auth, payment]}
 * @param warmup the warm-up phase (excluded from gated statistics)
 * @param measure the measured phase
 * @param arrivalRatePerSec the total planned arrival rate, users per second, after scaling
 */
public record RunPlan(
    RunRequest request,
    String suite,
    List<String> journeys,
    Duration warmup,
    Duration measure,
    double arrivalRatePerSec) {
  public RunPlan {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(suite, "suite");
    journeys = List.copyOf(journeys);
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(measure, "measure");
  }

  /** Warm-up plus measured load. */
  public Duration loadDuration() {
    return warmup.plus(measure);
  }
}
