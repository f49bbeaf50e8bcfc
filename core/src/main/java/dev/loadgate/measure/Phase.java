package dev.loadgate.measure;

/** The part of a run a sample belongs to. Only {@link #MEASURE} samples feed gated statistics. */
public enum Phase {
  /** Samples taken while the injector and the target warm up; reported, never gated. */
  WARMUP,
  /** Samples taken during the measured load; the verdicts are computed from these alone. */
  MEASURE
}
