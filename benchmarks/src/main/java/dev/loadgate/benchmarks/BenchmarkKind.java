package dev.loadgate.benchmarks;

/** The three families of benchmarks, each with its own package and its own figures. */
public enum BenchmarkKind {
  /**
   * Single-client service time per journey endpoint over HTTP ({@code Mode.SampleTime}); figures
   * {@code service.<path>.p95} in ms.
   */
  SERVICE,
  /** The app's key SQL over JDBC ({@code Mode.AverageTime}); figures {@code sql.<query>.mean}. */
  SQL,
  /** loadgate's own hot paths (recording, merging, verdicts, reports); {@code harness.*.mean}. */
  HARNESS
}
