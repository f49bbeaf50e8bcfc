package dev.loadgate.verdict;

import dev.loadgate.measure.Measurements;
import dev.loadgate.run.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An earlier run accepted as the reference for relative gates.
 *
 * @param runId the accepted run's id
 * @param measurements what it measured
 * @param environment where it ran, when recorded
 */
public record AcceptedRun(
    String runId, Measurements measurements, Optional<Environment> environment) {
  public AcceptedRun {
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException(
          "accepted run id must not be blank (got \"" + runId + "\")");
    }
    Objects.requireNonNull(measurements, "measurements");
    Objects.requireNonNull(environment, "environment");
  }

  /**
   * How this run's environment differs from {@code current} in what moves latencies: JDK, cores,
   * maximum heap, operating system, target and suite. One sentence per difference, e.g. {@code
   * "different cores: accepted run 8, this run 2"}; empty when alike. When the accepted run
   * recorded no environment, says so.
   */
  public List<String> environmentDifferences(Environment current) {
    if (environment.isEmpty()) {
      return List.of(
          "the accepted run "
              + runId
              + " recorded no environment; the comparison cannot say whether the runs are alike");
    }
    Environment accepted = environment.get();
    List<String> differences = new ArrayList<>();
    differ(differences, "JDK", accepted.jdk(), current.jdk());
    differ(differences, "cores", accepted.cores(), current.cores());
    differ(differences, "max heap bytes", accepted.maxHeapBytes(), current.maxHeapBytes());
    differ(differences, "OS", accepted.os(), current.os());
    differ(differences, "target", accepted.target(), current.target());
    differ(differences, "suite", accepted.suite(), current.suite());
    return List.copyOf(differences);
  }

  private static void differ(List<String> into, String what, Object accepted, Object current) {
    if (!Objects.equals(accepted, current)) {
      into.add("different " + what + ": accepted run " + accepted + ", this run " + current);
    }
  }
}
