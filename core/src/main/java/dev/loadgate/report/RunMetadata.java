package dev.loadgate.report;

import dev.loadgate.run.Environment;
import java.time.Instant;
import java.util.Objects;

/**
 * Identifies a run.
 *
 * @param runId folder name under {@code reports/}, e.g. {@code "20261129T071502Z-smoke"}
 * @param startedAt when load (or the gate re-evaluation) began
 * @param finishedAt when it ended; not before {@code startedAt}
 * @param environment where it ran
 * @param baselinesFile the baselines file the checks came from
 * @param acceptedRunId the accepted run compared against, or {@code null}
 */
public record RunMetadata(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    Environment environment,
    String baselinesFile,
    String acceptedRunId) {
  public RunMetadata {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    if (finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "run " + runId + " finished before it started (" + startedAt + " > " + finishedAt + ")");
    }
  }

  /** The same metadata under another run id (when the preferred folder name was taken). */
  public RunMetadata withRunId(String newRunId) {
    return new RunMetadata(
        newRunId, startedAt, finishedAt, environment, baselinesFile, acceptedRunId);
  }
}
