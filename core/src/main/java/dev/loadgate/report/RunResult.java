package dev.loadgate.report;

import dev.loadgate.measure.Measurements;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.util.List;
import java.util.Objects;

/**
 * Everything a run's reports are written from.
 *
 * @param metadata which run, where
 * @param complete false when the run was interrupted or could not reach its target
 * @param incompleteReason why not complete; empty when complete
 * @param checks every documented check, failures first is the writers' job, not this list's
 * @param measurements the raw measurements behind the checks
 * @param notes remarks for the reader, e.g. environment differences against the accepted run
 */
public record RunResult(
    RunMetadata metadata,
    boolean complete,
    String incompleteReason,
    List<Check> checks,
    Measurements measurements,
    List<String> notes) {
  public RunResult {
    Objects.requireNonNull(metadata, "metadata");
    incompleteReason = incompleteReason == null ? "" : incompleteReason;
    checks = List.copyOf(checks);
    Objects.requireNonNull(measurements, "measurements");
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** The overall verdict: FAIL if incomplete or any gated check fails; WARN if any warns. */
  public Status verdict() {
    if (!complete || checks.isEmpty() || checks.stream().anyMatch(Check::failsGate)) {
      return Status.FAIL;
    }
    return checks.stream().anyMatch(c -> c.status() != Status.PASS) ? Status.WARN : Status.PASS;
  }

  /** 0 pass (warnings allowed), 1 gate failed, 3 run incomplete. */
  public int exitCode() {
    if (!complete) {
      return 3;
    }
    return verdict() == Status.FAIL ? 1 : 0;
  }

  /** The same result with other metadata, e.g. another run id. */
  public RunResult withMetadata(RunMetadata newMetadata) {
    return new RunResult(newMetadata, complete, incompleteReason, checks, measurements, notes);
  }
}
