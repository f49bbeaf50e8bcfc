package dev.loadgate.compare;

/** What a side-by-side comparison concluded for one check. */
public enum Change {
  /** The candidate is slower, significantly (Holm-corrected) and by at least the minimum effect. */
  REGRESSED,
  /** No significant change of at least the minimum effect either way. */
  SAME,
  /** The candidate is faster, significantly and by at least the minimum effect. */
  IMPROVED,
  /** Too few samples on one side to compare: fails a gated comparison (fail closed). */
  NO_DATA;

  /** Whether this outcome fails the comparison when the check is gated. */
  public boolean failsGate() {
    return this == REGRESSED || this == NO_DATA;
  }
}
