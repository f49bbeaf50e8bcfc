package dev.loadgate.cli;

/** The exit codes of every loadgate command; documented in the README. */
public final class ExitCodes {
  /** Every gated check passed (warnings allowed). */
  public static final int PASS = 0;

  /** At least one gated check failed, or had no data. */
  public static final int GATE_FAILED = 1;

  /** Bad input: an unknown option, a malformed baselines file, a target that is not allowed. */
  public static final int BAD_INPUT = 2;

  /** The run could not complete: unreachable or unhealthy target, interrupted, crashed. */
  public static final int INCOMPLETE = 3;

  private ExitCodes() {}
}
