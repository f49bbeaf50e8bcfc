package dev.loadgate.cli.run;

import dev.loadgate.measure.Figure;
import dev.loadgate.measure.LiveMeasurementLog;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Recording;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The steps of {@code loadgate run} that use the other modules: baselines and suites, the reference
 * app, Gatling, the probes, JMH, the verdict engine and the report writers. {@link RunPipeline}
 * drives them in order and owns everything else (safety of the order, interrupts, progress, the
 * summary); {@link ModuleRunSteps} wires the real modules, tests wire fakes.
 *
 * <p>One instance serves one run: {@link #validate} may keep what it loaded for later steps.
 */
public interface RunSteps {
  /**
   * Loads and checks everything before any load: baselines, suites, options, the safety rules.
   *
   * @throws dev.loadgate.cli.BadInputException listing every problem found
   */
  RunPlan validate(RunRequest request);

  /**
   * Starts the embedded target, or describes the external one.
   *
   * @throws dev.loadgate.cli.IncompleteRunException when it cannot be started
   */
  Target startTarget(RunPlan plan);

  /**
   * Checks the target is healthy before loading it.
   *
   * @return remarks for the report, e.g. a degraded service that does not stop the run
   * @throws dev.loadgate.cli.IncompleteRunException saying what was wrong
   */
  List<String> preflight(Target target);

  /** Runs warm-up and measured load, recording every sample; blocks until done. */
  LoadResult load(RunPlan plan, Target target, Recording recording);

  /** Starts sampling the target's database while load runs. */
  ProbeSession startDatabaseProbe(Target target);

  /** The e-mail queue figures for rows created since {@code since}. */
  List<Figure> emailFigures(Target target, Instant since);

  /** The JMH service-time (and SQL) figures. */
  List<Figure> benchmarks(RunPlan plan, Target target);

  /** Judges the measurements against the baselines (and the accepted run, when given). */
  List<Check> judge(RunPlan plan, Measurements measurements);

  /**
   * Whether the measured phase may end as soon as every gated check is decided (early stop). False
   * by default, and for suites with a soak phase, whose point is its length.
   */
  default boolean stopsWhenDecided(RunPlan plan) {
    return false;
  }

  /**
   * Whether every gated check that the load's own samples decide (percentiles, error rates, and the
   * other statistics of series) is decided on {@code snapshot}: PASS or FAIL, and not short of
   * data. Checks on probe figures are judged after the load and do not hold it up.
   */
  default boolean everyGatedCheckDecided(RunPlan plan, Measurements snapshot) {
    return false;
  }

  /** Ends the measured phase early: no new journey begins; those under way finish. */
  default void closeArrivals() {}

  /**
   * What the plan needs to decide, printed before load: per gated check the samples and the time at
   * the suite's rates. Empty when there is nothing to say.
   */
  default List<String> sizing(RunPlan plan) {
    return List.of();
  }

  /** Remarks for the report, e.g. how this environment differs from the accepted run's. */
  default List<String> notes(RunPlan plan, Environment environment) {
    return List.of();
  }

  /** Where the run happened; the target as {@link RunRequest#targetDisplay()} shows it. */
  Environment environment(RunPlan plan);

  /**
   * Creates the run folder before anything starts, holding {@code started} (marked incomplete), so
   * that a crash or a kill leaves a folder that reads as incomplete.
   *
   * @return the run folder; empty when these steps write their reports only at the end
   * @throws dev.loadgate.cli.BadInputException when the folder cannot be created (nothing started)
   */
  default Optional<Path> beginRunFolder(RunPlan plan, RunResult started) {
    return Optional.empty();
  }

  /**
   * Starts writing what {@code recording} cuts into {@code runFolder} as the run goes.
   *
   * @param onError told why a flush failed (a full disk); the run goes on
   * @return the live log, closed before the reports are written; empty when not written live
   */
  default Optional<LiveMeasurementLog> recordLive(
      Path runFolder, Recording recording, Consumer<String> onError) {
    return Optional.empty();
  }

  /**
   * What libraries logged as warnings or errors during the run, one console line each, and where
   * the details are; empty when nothing was logged.
   */
  default List<String> loggedProblems() {
    return List.of();
  }

  /**
   * Writes the reports into the folder {@link #beginRunFolder} made, and refreshes the run index.
   *
   * @throws RuntimeException when a report cannot be written (a full disk); what was written stays
   *     and the folder still reads as incomplete
   */
  default Path finishRunFolder(RunPlan plan, Path runFolder, RunResult result) {
    return writeReports(plan, result);
  }

  /**
   * Writes the run folder and refreshes the run index; returns the run folder.
   *
   * @throws RuntimeException when a report cannot be written (a full disk); what was written stays
   */
  Path writeReports(RunPlan plan, RunResult result);

  /** A running database probe. */
  interface ProbeSession {
    /** Stops sampling and returns the figures; never throws (a failure is a missing figure). */
    List<Figure> stop();
  }
}
