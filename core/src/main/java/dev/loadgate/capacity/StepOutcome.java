package dev.loadgate.capacity;

import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.util.List;

/** What one step of the staircase showed, judged by the gate's own verdicts. */
public enum StepOutcome {
  /** Every gated check passed (warnings allowed), as the gate would pass it. */
  HOLDS,
  /** At least one gated check failed: its whole 95 % interval is beyond the limit. */
  BREAKS,
  /** Nothing failed, but a gated check had too few samples to be judged: not proven to hold. */
  UNDECIDED;

  /** The outcome of a step's checks: any gated FAIL breaks, then any gated NO_DATA is undecided. */
  public static StepOutcome of(List<Check> checks) {
    if (checks.stream().anyMatch(c -> c.gated() && c.status() == Status.FAIL)) {
      return BREAKS;
    }
    if (checks.isEmpty()
        || checks.stream().anyMatch(c -> c.gated() && c.status() == Status.NO_DATA)) {
      return UNDECIDED;
    }
    return HOLDS;
  }
}
