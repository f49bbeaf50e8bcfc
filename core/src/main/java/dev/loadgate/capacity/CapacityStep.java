package dev.loadgate.capacity;

import dev.loadgate.measure.Figure;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured step of the staircase: the load offered, what the target did with it, and the gate's
 * verdicts on it.
 *
 * @param index 1 for the first step, in the order run
 * @param kind {@code "stair"} for a step of the staircase, {@code "bisect"} for one that narrows
 *     the knee
 * @param offeredRatePerSec journeys started per second, all journeys of the mix together
 * @param measured the measured time (the settle time before it is not measured)
 * @param achievedPerSec journeys completed per second during the measured time, any outcome
 * @param concurrency journeys in the system at once, by Little's law: completions per second times
 *     the mean journey time
 * @param checks the gate's verdicts on the step's measurements, in baselines order
 * @param figures the database probe's figures for the step
 * @param targetCpuPercent the target's CPU over the measured time, percent of all cores of its
 *     host; {@code NaN} when it could not be read
 * @param targetCpuSource what the target CPU figure covers, e.g. {@code "process 4711 (the embedded
 *     reference app)"}, or why it is missing
 * @param dbCpuPercent the database server's CPU, percent of all cores; {@code NaN} when unreadable
 * @param dbCpuSource what the database CPU figure covers, or why it is missing
 */
public record CapacityStep(
    int index,
    String kind,
    double offeredRatePerSec,
    Duration measured,
    double achievedPerSec,
    double concurrency,
    List<Check> checks,
    List<Figure> figures,
    double targetCpuPercent,
    String targetCpuSource,
    double dbCpuPercent,
    String dbCpuSource) {

  public CapacityStep {
    Objects.requireNonNull(kind, "kind");
    if (!(offeredRatePerSec > 0)) {
      throw new IllegalArgumentException(
          "a step offers load (expected a rate above 0/s, got " + offeredRatePerSec + ")");
    }
    Objects.requireNonNull(measured, "measured");
    checks = List.copyOf(checks);
    figures = List.copyOf(figures);
    targetCpuSource = Objects.requireNonNullElse(targetCpuSource, "");
    dbCpuSource = Objects.requireNonNullElse(dbCpuSource, "");
  }

  public StepOutcome outcome() {
    return StepOutcome.of(checks);
  }

  public Optional<Check> check(String id) {
    return checks.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The gated checks that failed, the furthest beyond its limit first. */
  public List<Check> failures() {
    return checks.stream()
        .filter(c -> c.gated() && c.status() == Status.FAIL)
        .sorted(Comparator.comparingDouble(CapacityStep::excess).reversed())
        .toList();
  }

  /** The gated checks without enough data. */
  public List<Check> undecided() {
    return checks.stream().filter(c -> c.gated() && c.status() == Status.NO_DATA).toList();
  }

  /** How far beyond its limit a check is, as a ratio: 1.2 for 20 % over an upper limit. */
  static double excess(Check c) {
    if (c.limit() == 0 || Double.isNaN(c.measured())) {
      return Double.isNaN(c.measured()) ? 0 : Double.MAX_VALUE;
    }
    return ">".equals(c.comparator()) ? c.limit() / c.measured() : c.measured() / c.limit();
  }
}
