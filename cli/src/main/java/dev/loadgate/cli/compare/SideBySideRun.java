package dev.loadgate.cli.compare;

import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.baseline.Source;
import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.cli.progress.Progress;
import dev.loadgate.cli.run.ModuleRunSteps;
import dev.loadgate.cli.run.RunControl;
import dev.loadgate.cli.run.RunPlan;
import dev.loadgate.cli.run.Target;
import dev.loadgate.compare.CompareChecks;
import dev.loadgate.compare.CompareResult;
import dev.loadgate.compare.PathComparison;
import dev.loadgate.compare.SideBySide;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Recording;
import dev.loadgate.run.Environment;
import dev.loadgate.run.RunIds;
import dev.loadgate.simulations.LoadOutcome;
import dev.loadgate.simulations.LoadPlan;
import dev.loadgate.simulations.LoadRunner;
import dev.loadgate.simulations.SideBySidePlan;
import dev.loadgate.simulations.Suite;
import dev.loadgate.simulations.recording.SampleSink;
import dev.loadgate.verdict.EvaluationOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One side-by-side comparison from validated options to a {@link CompareResult}: both targets
 * (started through {@link ModuleRunSteps#startTarget}, the very seam {@code loadgate run} uses, so
 * a change of how the embedded target starts reaches both), both preflights, one load with every
 * arrival assigned to a side, the comparison. Whatever happens after validation, both targets are
 * stopped and the result says whether it is complete.
 */
public final class SideBySideRun {
  private final Supplier<ModuleRunSteps> steps;
  private final Progress progress;
  private final Clock clock;
  private final RunControl control;

  public SideBySideRun(
      Supplier<ModuleRunSteps> steps, Progress progress, Clock clock, RunControl control) {
    this.steps = steps;
    this.progress = progress;
    this.clock = clock;
    this.control = control;
  }

  /** A validated comparison, ready to run. */
  public final class Validated {
    final CompareRequest request;
    final ModuleRunSteps baselineSteps;
    final ModuleRunSteps candidateSteps;
    final RunPlan baselinePlan;
    final RunPlan candidatePlan;

    private Validated(
        CompareRequest request,
        ModuleRunSteps baselineSteps,
        ModuleRunSteps candidateSteps,
        RunPlan baselinePlan,
        RunPlan candidatePlan) {
      this.request = request;
      this.baselineSteps = baselineSteps;
      this.candidateSteps = candidateSteps;
      this.baselinePlan = baselinePlan;
      this.candidatePlan = candidatePlan;
    }

    /** Where each compared check's samples come from (for the charts). */
    public Map<String, Source> sources() {
      Map<String, Source> sources = new LinkedHashMap<>();
      for (CheckSpec spec : baselinePlan.baselines().checks()) {
        sources.put(spec.id(), spec.source());
      }
      return sources;
    }

    public CompareRequest request() {
      return request;
    }

    /** The suite's own measured duration (before any --duration). */
    public Duration suiteDuration() {
      return baselinePlan.suiteSpec().measuredDuration();
    }

    /** The baselines both sides are compared under. */
    public dev.loadgate.baseline.Baselines baselines() {
      return baselinePlan.baselines();
    }
  }

  /**
   * Checks both sides as {@code loadgate run} would (files, suite, faults, safety rules).
   *
   * @throws BadInputException listing every problem of both sides, the candidate's prefixed
   */
  public Validated validate(CompareRequest request, List<String> optionProblems) {
    List<String> problems = new ArrayList<>(optionProblems);
    ModuleRunSteps a = steps.get();
    ModuleRunSteps b = steps.get();
    RunPlan planA = null;
    RunPlan planB = null;
    try {
      planA = a.validate(request.baseline());
    } catch (BadInputException e) {
      e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
    }
    try {
      planB = b.validate(request.candidate());
    } catch (BadInputException e) {
      e.problems().stream()
          .map(p -> p.replaceFirst("^--inject:", "--inject-candidate:"))
          .filter(p -> !problems.contains(p))
          .forEach(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    return new Validated(request, a, b, planA, planB);
  }

  /** Runs a validated comparison; never throws for what happens after validation. */
  public CompareResult run(Validated v) {
    Instant started = clock.instant();
    try (Targets targets = new Targets()) {
      String problem = start(v, targets);
      if (problem != null) {
        return result(
            v,
            started,
            problem,
            Measurements.EMPTY,
            Measurements.EMPTY,
            v.request.seed(),
            targets.notes);
      }
      return measure(v, targets, v.request.seed(), true);
    }
  }

  /** Both sides' started targets and the preflight's notes; closing stops both. */
  public static final class Targets implements AutoCloseable {
    Target baseline;
    Target candidate;
    final List<String> notes = new ArrayList<>();

    @Override
    public void close() {
      if (candidate != null) {
        candidate.close();
      }
      if (baseline != null) {
        baseline.close();
      }
    }
  }

  /**
   * Starts both targets and checks their health.
   *
   * @return null when both are ready, otherwise why not
   */
  public String start(Validated v, Targets targets) {
    try {
      progress.phase("targets", null);
      targets.baseline =
          control.call("baseline target", () -> v.baselineSteps.startTarget(v.baselinePlan));
      progress.message("baseline:  " + targets.baseline.description());
      targets.candidate =
          control.call("candidate target", () -> v.candidateSteps.startTarget(v.candidatePlan));
      progress.message("candidate: " + targets.candidate.description());
      progress.phase("preflight", null);
      targets.notes.addAll(
          control.call("preflight", () -> v.baselineSteps.preflight(targets.baseline)));
      targets.notes.addAll(
          control.call("preflight", () -> v.candidateSteps.preflight(targets.candidate)));
      return null;
    } catch (RuntimeException e) {
      return describe(e);
    }
  }

  /**
   * One side-by-side load against started targets, then the comparison.
   *
   * @param warmup whether the suite's warm-up runs first (later repeats of calibrate skip it)
   */
  public CompareResult measure(Validated v, Targets targets, long seed, boolean warmup) {
    Instant started = clock.instant();
    Recording a = Recording.start();
    Recording b = Recording.start();
    String incomplete = null;
    try {
      progress.counting(
          () -> a.totalSamples() + b.totalSamples(), () -> a.totalErrors() + b.totalErrors());
      progress.load(warmup ? v.baselinePlan.warmup() : Duration.ZERO, v.baselinePlan.measure());
      LoadPlan plan = v.baselinePlan.load().withTarget(targets.baseline.profile());
      if (!warmup) {
        plan = withoutWarmup(plan);
      }
      SideBySidePlan duet =
          new SideBySidePlan(
              plan, targets.candidate.profile(), seed, SampleSink.into(a), SampleSink.into(b));
      quietGatlingConsole();
      LoadOutcome outcome = control.call("load", () -> LoadRunner.runSideBySide(duet));
      if (!outcome.completed()) {
        incomplete = "the load did not complete: " + outcome.problem();
      }
    } catch (RuntimeException e) {
      incomplete = describe(e);
    }
    progress.phase("compare", null);
    return result(v, started, incomplete, a.finish(), b.finish(), seed, targets.notes);
  }

  private CompareResult result(
      Validated v,
      Instant started,
      String incomplete,
      Measurements ma,
      Measurements mb,
      long seed,
      List<String> notes) {
    List<PathComparison> comparisons = List.of();
    if (incomplete == null) {
      EvaluationOptions gating =
          EvaluationOptions.defaults().gating(v.baselinePlan.suiteSpec().gatedChecks());
      comparisons =
          SideBySide.compare(
              CompareChecks.of(v.baselinePlan.baselines(), ma, mb, gating::isGated),
              v.request.options());
    }
    Instant finished = clock.instant();
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("mode", "side by side");
    extra.put("candidate", v.request.candidateDisplay());
    extra.put("seed", Long.toString(seed));
    extra.put("rate-scale", String.valueOf(v.request.baseline().rateScale()));
    Environment environment =
        Environment.capture(v.request.baseline().targetDisplay(), v.baselinePlan.suite(), extra);
    return new CompareResult(
        RunIds.of(started, "compare-" + v.baselinePlan.suite()),
        started,
        finished.isBefore(started) ? started : finished,
        environment,
        v.request.baseline().targetDisplay(),
        v.request.candidateDisplay(),
        seed,
        v.request.options(),
        incomplete == null,
        incomplete,
        comparisons,
        ma,
        mb,
        notes);
  }

  /** As {@code loadgate run}: Gatling's own console statistics off, its file writer kept. */
  private static void quietGatlingConsole() {
    if (System.getProperty("gatling.data.writers") == null
        && System.getProperty("gatling.data.writers.0") == null) {
      System.setProperty("gatling.data.writers.0", "file");
    }
  }

  private static LoadPlan withoutWarmup(LoadPlan plan) {
    Suite s = plan.suite();
    Suite cold =
        new Suite(
            s.name(),
            s.description(),
            Duration.ZERO,
            s.duration(),
            s.soak(),
            s.journeys(),
            s.gatedChecks(),
            s.caps(),
            s.client());
    return new LoadPlan(
        plan.target(),
        cold,
        plan.durationOverride(),
        plan.rateScale(),
        plan.gatlingResultsDir(),
        plan.gatlingHtmlReport(),
        plan.overrideCaps());
  }

  private static String describe(RuntimeException e) {
    if (e instanceof RunControl.AbortedException || e instanceof IncompleteRunException) {
      return e.getMessage();
    }
    return "failed unexpectedly: "
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
