package dev.loadgate.cli.run;

import java.time.Duration;
import java.util.Objects;

/**
 * A validated run: what the pipeline needs to know to drive and show it. The loaded baselines and
 * suite stay with the {@link RunSteps} that loaded them.
 *
 * @param request what the user asked for
 * @param suite the suite's name
 * @param warmup the warm-up phase (excluded from gated statistics)
 * @param measure the measured phase
 */
public record RunPlan(RunRequest request, String suite, Duration warmup, Duration measure) {
  public RunPlan {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(measure, "measure");
  }
}
