package dev.loadgate.baseline;

/**
 * How the operations guide classes a limit. Descriptive: it orders and labels reports; whether a
 * check can fail the gate is decided by the evaluation's gating patterns.
 */
public enum Severity {
  /** A performance baseline: the service level the product is built to. */
  BASELINE,
  /** A critical alert level: immediate response required. */
  CRITICAL,
  /** A warning alert level: monitor closely. */
  WARNING;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
