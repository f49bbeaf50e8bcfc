package dev.loadgate.cli.compare;

import dev.loadgate.cli.run.RunRequest;
import dev.loadgate.compare.CompareOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code loadgate compare} (and each repeat of {@code loadgate calibrate}) runs: one run
 * request per side, sharing suite, files, duration and rates, the decision rule and the seed.
 *
 * @param baseline the baseline side as a run request (its injections are empty)
 * @param candidate the candidate side (its injections are {@code --inject-candidate})
 * @param options the decision rule
 * @param seed the seed of the arrival assignment
 * @param reportsRoot where the comparison's folder goes
 */
public record CompareRequest(
    RunRequest baseline,
    RunRequest candidate,
    CompareOptions options,
    long seed,
    Path reportsRoot) {
  public CompareRequest {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(reportsRoot, "reportsRoot");
  }

  /** The candidate as people see it: its URL or {@code embedded}, with its faults. */
  public String candidateDisplay() {
    return candidate.targetDisplay()
        + (candidate.injections().isEmpty() ? "" : " " + candidate.injections());
  }
}
