package dev.loadgate.simulations;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a load run ended.
 *
 * @param completed whether the whole plan ran; when false the samples recorded so far are still
 *     valid but the run is incomplete
 * @param gatlingExitCode Gatling's own result: 0 ok, 2 its assertions failed, -1 when it did not
 *     run or crashed
 * @param gatlingReportDir Gatling's results folder for this run (HTML report when asked for)
 * @param problem empty when completed; otherwise what went wrong, in the house error format
 */
public record LoadOutcome(
    boolean completed, int gatlingExitCode, Optional<Path> gatlingReportDir, String problem) {
  public LoadOutcome {
    gatlingReportDir = gatlingReportDir == null ? Optional.empty() : gatlingReportDir;
    problem = Objects.requireNonNullElse(problem, "");
  }

  static LoadOutcome refused(String problem) {
    return new LoadOutcome(false, -1, Optional.empty(), problem);
  }
}
