package dev.loadgate.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a capacity run found, as its reports show it. Immutable.
 *
 * @param runId the run folder's name
 * @param started when the first step started
 * @param finished when the last step ended (or the run stopped)
 * @param target what was loaded, e.g. {@code embedded reference app at http://127.0.0.1:4711}
 * @param mix the journey mix's name in suites.yaml
 * @param shares each journey's share of the mix's arrivals
 * @param plan the staircase's shape
 * @param runs one staircase per seed scale, the first at the scale asked for when only one
 * @param usl the USL fit of the first staircase, or why there is none
 * @param apiP95Curve {@code latency.api.p95} against offered load, or why there is none
 * @param dbCpuCurve the database CPU against offered load, or why there is none
 * @param runway today's rate and its growth, or empty when no current rate is known
 * @param runwaySource where today's rate comes from ({@code --current-rate} or {@code
 *     production.yaml capacity.current})
 * @param triggers every documented scaling trigger, measured or not
 * @param knee the runway to the knee
 * @param minRunwayMonths the shortest runway that passes ({@code --min-runway})
 * @param incompleteReason why the run did not finish; empty when it did
 * @param notes remarks, e.g. what the CPU figures cover
 */
public record CapacityReport(
    String runId,
    Instant started,
    Instant finished,
    String target,
    String mix,
    Map<String, Double> shares,
    StaircasePlan plan,
    List<Staircase> runs,
    Fitted<UslFit> usl,
    LoadCurve.Fitted apiP95Curve,
    LoadCurve.Fitted dbCpuCurve,
    Optional<Runway> runway,
    String runwaySource,
    List<TriggerRunway> triggers,
    RunwayFigure knee,
    double minRunwayMonths,
    String incompleteReason,
    List<String> notes) {

  public CapacityReport {
    shares = Map.copyOf(shares);
    runs = List.copyOf(runs);
    triggers = List.copyOf(triggers);
    notes = List.copyOf(notes);
    incompleteReason = Objects.requireNonNullElse(incompleteReason, "");
  }

  /** One staircase at one seed scale. */
  public record Staircase(int seedScale, Knee knee) {}

  /** A fit, or the reason there is none. */
  public record Fitted<T>(Optional<T> value, String reason) {}

  /**
   * Months until a rate is reached.
   *
   * @param ratePerSec the rate, journeys per second; {@code NaN} when unknown
   * @param bound {@code "="} measured, {@code ">="} a lower bound (the limit lies beyond the steps
   *     run), {@code "<="} an upper bound (it lies below the first step)
   * @param months months of growth from today's rate; {@code NaN} when unknown
   * @param note how the rate was found, or why it is unknown
   */
  public record RunwayFigure(double ratePerSec, String bound, double months, String note) {}

  /**
   * One scaling trigger of production.yaml and when growth reaches it.
   *
   * @param name e.g. {@code "database"}
   * @param metric e.g. {@code "Database CPU utilization"}
   * @param level e.g. {@code "> 80 %"}
   * @param measured whether this run could observe the metric
   * @param runway when measured, the rate and the months; otherwise its note says why not
   */
  public record TriggerRunway(
      String name, String metric, String level, boolean measured, RunwayFigure runway) {}

  public boolean complete() {
    return incompleteReason.isEmpty();
  }

  /** The first staircase, at the seed scale the runway is judged on. */
  public Staircase primary() {
    return runs.get(0);
  }

  /**
   * The shortest runway: to the knee and to each measured trigger, whichever comes first; {@code
   * NaN} when the knee's runway is unknown.
   */
  public double runwayMonths() {
    double months = knee.months();
    for (TriggerRunway t : triggers) {
      if (t.measured() && !Double.isNaN(t.runway().months())) {
        months = Math.min(months, t.runway().months());
      }
    }
    return months;
  }

  /**
   * 0 when the runway is at least {@link #minRunwayMonths()} and rests on a knee that was measured
   * or lies beyond every step; 1 when shorter, unknown, or only an upper bound; 3 when incomplete.
   */
  public int exitCode() {
    if (!complete()) {
      return 3;
    }
    double months = runwayMonths();
    boolean trustworthy = !knee.bound().equals("<=") && !Double.isNaN(months);
    return trustworthy && months >= minRunwayMonths ? 0 : 1;
  }
}
