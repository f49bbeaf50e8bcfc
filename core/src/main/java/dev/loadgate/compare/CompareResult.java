package dev.loadgate.compare;

import dev.loadgate.measure.Measurements;
import dev.loadgate.run.Environment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a side-by-side comparison produced: its identity, both sides' measurements, the
 * per-check comparisons and how it ended.
 *
 * @param runId the comparison's folder name, e.g. {@code 20261202T150102Z-compare-smoke}
 * @param startedAt when the targets started
 * @param finishedAt when the verdict was taken
 * @param environment where it ran (JDK, cores, suite); its target names both sides
 * @param baselineTarget the baseline as shown to people (a URL or {@code embedded})
 * @param candidateTarget the candidate as shown to people, faults included
 * @param seed the seed of the arrival assignment
 * @param options the decision rule's parameters
 * @param complete whether the whole load ran on both sides
 * @param incompleteReason why not, when not complete; null otherwise
 * @param comparisons one per compared check, empty when incomplete before any load
 * @param baseline the baseline's measurements
 * @param candidate the candidate's measurements
 * @param notes remarks (preflight, environment)
 */
public record CompareResult(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    Environment environment,
    String baselineTarget,
    String candidateTarget,
    long seed,
    CompareOptions options,
    boolean complete,
    String incompleteReason,
    List<PathComparison> comparisons,
    Measurements baseline,
    Measurements candidate,
    List<String> notes) {
  public CompareResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(options, "options");
    comparisons = List.copyOf(comparisons);
    baseline = baseline == null ? Measurements.EMPTY : baseline;
    candidate = candidate == null ? Measurements.EMPTY : candidate;
    notes = List.copyOf(notes);
    if (complete == (incompleteReason != null)) {
      throw new IllegalArgumentException(
          "a complete comparison has no incomplete reason, an incomplete one has one (got complete="
              + complete
              + ", reason="
              + incompleteReason
              + ")");
    }
  }

  /** 3 when incomplete, 1 when a gated check regressed or had no data, else 0. */
  public int exitCode() {
    if (!complete) {
      return 3;
    }
    if (comparisons.isEmpty()) {
      return 1;
    }
    return comparisons.stream().anyMatch(PathComparison::failsGate) ? 1 : 0;
  }

  /** The one-line verdict, e.g. {@code REGRESSED (exit 1): 1 of 6 gated checks regressed}. */
  public String verdictLine() {
    if (!complete) {
      return "INCOMPLETE (exit 3): " + incompleteReason;
    }
    long gated = comparisons.stream().filter(PathComparison::gated).count();
    long regressed =
        comparisons.stream().filter(c -> c.gated() && c.change() == Change.REGRESSED).count();
    long noData =
        comparisons.stream().filter(c -> c.gated() && c.change() == Change.NO_DATA).count();
    if (comparisons.isEmpty()) {
      return "NO_DATA (exit 1): no latency check to compare (expected p95 checks in the baselines)";
    }
    if (regressed + noData == 0) {
      return "SAME OR BETTER (exit 0): none of "
          + gated
          + " gated checks regressed (family-wise α "
          + options.familyAlpha()
          + ", minimum effect "
          + options.describeMinEffect()
          + ")";
    }
    return (regressed > 0 ? "REGRESSED" : "NO_DATA")
        + " (exit 1): "
        + regressed
        + " of "
        + gated
        + " gated checks regressed"
        + (noData > 0 ? ", " + noData + " had too few samples" : "");
  }
}
