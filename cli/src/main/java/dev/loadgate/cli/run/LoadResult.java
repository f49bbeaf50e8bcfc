package dev.loadgate.cli.run;

import java.util.Objects;
import java.util.Optional;

/**
 * How the load step ended.
 *
 * @param completed whether every planned phase ran to its end
 * @param problem why not, in one sentence; empty when completed
 * @param gatlingReport Gatling's own HTML report folder, when one was written
 */
public record LoadResult(boolean completed, String problem, Optional<String> gatlingReport) {
  public LoadResult {
    problem = problem == null ? "" : problem;
    Objects.requireNonNull(gatlingReport, "gatlingReport");
  }

  public static LoadResult done() {
    return new LoadResult(true, "", Optional.empty());
  }

  public static LoadResult failed(String problem) {
    return new LoadResult(false, problem, Optional.empty());
  }
}
