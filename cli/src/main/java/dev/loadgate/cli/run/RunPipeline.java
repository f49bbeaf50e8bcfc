package dev.loadgate.cli.run;

import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.progress.Progress;
import dev.loadgate.cli.scaleout.ShardAssignment;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.LiveMeasurementLog;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Recording;
import dev.loadgate.report.RunMetadata;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.run.RunIds;
import dev.loadgate.verdict.Check;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code loadgate run} from validated options to exit code: target, preflight, load with the
 * database probe, e-mail figures, JMH when asked, verdicts, reports, the console summary. Whatever
 * happens after validation (an unhealthy target, a crash, Ctrl-C), the run folder is written,
 * marked incomplete when the run did not finish, and the embedded target is stopped.
 */
public final class RunPipeline {
  private final RunSteps steps;
  private final PrintWriter out;
  private final Progress progress;
  private final Clock clock;
  private final RunControl control;
  private final boolean debug;

  public RunPipeline(
      RunSteps steps,
      PrintWriter out,
      Progress progress,
      Clock clock,
      RunControl control,
      boolean debug) {
    this.steps = steps;
    this.out = out;
    this.progress = progress;
    this.clock = clock;
    this.control = control;
    this.debug = debug;
  }

  /**
   * Runs {@code request} and returns the exit code: 0 pass, 1 gate failed, 3 incomplete.
   *
   * @param optionProblems problems already found in the options; reported with the others
   * @throws BadInputException before anything starts, listing every input problem
   */
  public int run(RunRequest request, List<String> optionProblems) {
    RunPlan plan = validate(request, optionProblems);
    Instant started = clock.instant();
    State state = new State();
    state.runFolder = steps.beginRunFolder(plan, starting(plan, started));
    control.started();
    try {
      execute(plan, state);
    } catch (RunControl.AbortedException e) {
      state.incomplete(e.getMessage() + " during " + state.step);
    } catch (IncompleteRunException e) {
      state.incomplete(e.getMessage());
    } catch (RuntimeException e) {
      state.incomplete(state.step + " failed unexpectedly: " + describe(e));
      if (debug) {
        e.printStackTrace(out);
      }
    }
    int code = ExitCodes.INCOMPLETE;
    try {
      code = finish(plan, started, state);
    } finally {
      if (state.target != null) {
        state.target.close();
      }
      control.finished(code);
    }
    return code;
  }

  private RunPlan validate(RunRequest request, List<String> optionProblems) {
    List<String> problems = new ArrayList<>(optionProblems);
    RunPlan plan = null;
    try {
      plan = steps.validate(request);
    } catch (BadInputException e) {
      e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    return plan;
  }

  private void execute(RunPlan plan, State state) {
    state.step = "starting the target";
    progress.phase("target", null);
    Target target = control.call("target", () -> steps.startTarget(plan));
    state.target = target;
    progress.message("target: " + target.description());

    state.step = "the preflight check";
    progress.phase("preflight", null);
    state.notes.addAll(control.call("preflight", () -> steps.preflight(target)));

    state.step = "load";
    boolean probes = plan.request().shard().runsProbes();
    if (!probes) {
      state.notes.add(
          plan.request().shard().describe()
              + ": the database and e-mail probes (and JMH) run on shard 0 only; the merged run"
              + " takes their figures from there.");
    }
    Recording recording = Recording.start();
    state.recording = recording;
    state.runFolder.ifPresent(
        folder -> state.liveLog = steps.recordLive(folder, recording, state.liveProblems::add));
    progress.counting(recording::totalSamples, recording::totalErrors);
    if (probes && target.jdbcUrl().isPresent()) {
      state.probe = steps.startDatabaseProbe(target);
    }
    steps.sizing(plan).forEach(progress::message);
    state.loadStarted = clock.instant();
    progress.load(plan.warmup(), plan.measure());
    EarlyStop earlyStop =
        steps.stopsWhenDecided(plan)
            ? EarlyStop.start(
                () -> steps.everyGatedCheckDecided(plan, recording.snapshot()),
                () -> {
                  steps.closeArrivals();
                  progress.message(EarlyStop.NOTE);
                })
            : null;
    LoadResult load;
    try {
      load = control.call("load", () -> steps.load(plan, target, recording));
    } finally {
      if (earlyStop != null) {
        earlyStop.stop();
        if (earlyStop.fired()) {
          state.notes.add(EarlyStop.NOTE);
        }
      }
    }
    recording.finish();
    stopProbe(state);
    if (!load.completed()) {
      state.incomplete("the load did not complete: " + load.problem());
      return;
    }

    state.step = "the e-mail queue probe";
    if (probes && target.jdbcUrl().isPresent()) {
      state.figures.addAll(steps.emailFigures(target, state.loadStarted));
    }
    if (probes && plan.request().jmh()) {
      state.step = "the JMH benchmarks";
      progress.phase("benchmarks", null);
      state.figures.addAll(control.call("benchmarks", () -> steps.benchmarks(plan, target)));
    }
  }

  private int finish(RunPlan plan, Instant started, State state) {
    progress.phase("verdicts", null);
    // finish() is idempotent: after a completed load it returns what the load step recorded.
    Measurements measurements =
        state.recording != null ? state.recording.finish() : Measurements.EMPTY;
    stopProbe(state);
    measurements = measurements.withFigures(state.figures);
    List<Check> checks = List.of();
    try {
      checks = steps.judge(plan, measurements);
    } catch (RuntimeException e) {
      state.incomplete("the verdicts could not be evaluated: " + describe(e));
    }
    Instant finished = clock.instant();
    Environment environment = steps.environment(plan);
    state.notes.addAll(steps.notes(plan, environment));
    RunResult result =
        new RunResult(
            metadata(plan, started, finished.isBefore(started) ? started : finished, environment),
            state.incompleteReason == null,
            state.incompleteReason,
            checks,
            measurements,
            state.notes);
    state.liveLog.ifPresent(LiveMeasurementLog::close);
    if (!state.liveProblems.isEmpty()) {
      state.notes.addAll(state.liveProblems);
      result =
          new RunResult(
              result.metadata(),
              result.complete(),
              result.incompleteReason(),
              checks,
              measurements,
              state.notes);
    }
    Path runDir = null;
    try {
      runDir =
          state.runFolder.isPresent()
              ? steps.finishRunFolder(plan, state.runFolder.get(), result)
              : steps.writeReports(plan, result);
    } catch (RuntimeException e) {
      // A full disk must not cost the verdict: it still reaches the console, as incomplete.
      String problem = "the reports could not be written: " + e.getMessage();
      state.incomplete(problem);
      result =
          new RunResult(
              result.metadata(),
              false,
              result.complete() ? problem : result.incompleteReason() + "; " + problem,
              checks,
              measurements,
              state.notes);
    }
    progress.close();
    out.println();
    out.println(ConsoleSummary.render(result));
    steps.loggedProblems().forEach(out::println);
    if (runDir != null) {
      out.println("report: " + LoadgateHome.display(runDir.resolve("report.html")));
    } else {
      out.println(
          "reports: not written; what was measured is in "
              + state.runFolder.map(LoadgateHome::display).orElse("no run folder")
              + " (kept, marked incomplete)");
    }
    ShardAssignment shard = plan.request().shard();
    if (!shard.isWhole() && runDir != null) {
      // One shard's share is not the run: its exit code says only whether the share ran.
      out.println(
          shard.describe()
              + ": these checks judge one shard's share; the run's verdict is the merge's:"
              + " loadgate merge --from "
              + LoadgateHome.display(runDir.getParent())
              + " --run-group "
              + shard.runGroup());
      out.flush();
      return result.complete() ? ExitCodes.PASS : ExitCodes.INCOMPLETE;
    }
    out.flush();
    return result.exitCode();
  }

  /** What the run folder holds from the start: the plan, marked incomplete until the end. */
  private RunResult starting(RunPlan plan, Instant started) {
    RunRequest request = plan.request();
    String note =
        "plan: suite "
            + plan.suite()
            + ", warm-up "
            + plan.warmup()
            + ", measured "
            + plan.measure()
            + ", rate scale "
            + request.rateScale()
            + ", baselines "
            + LoadgateHome.display(request.baselinesFile())
            + request.against().map(a -> ", against " + a).orElse("");
    return new RunResult(
        metadata(plan, started, started, steps.environment(plan)),
        false,
        STOPPED_EARLY,
        List.of(),
        Measurements.EMPTY,
        List.of(note));
  }

  /**
   * Why a run folder reads as incomplete until the run replaces its results: loadgate was killed or
   * crashed before the end.
   */
  static final String STOPPED_EARLY =
      "loadgate stopped before the end of the run (killed or crashed); the folder holds what was"
          + " measured up to then";

  private static RunMetadata metadata(
      RunPlan plan, Instant started, Instant finished, Environment environment) {
    return new RunMetadata(
        RunIds.of(started, plan.request().shard().runLabel(plan.suite())),
        started,
        finished,
        environment,
        LoadgateHome.display(plan.request().baselinesFile()),
        plan.request().against().orElse(null));
  }

  private static void stopProbe(State state) {
    if (state.probe != null) {
      state.figures.addAll(state.probe.stop());
      state.probe = null;
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** What a run has gathered so far; only the run's own thread touches it. */
  private static final class State {
    String step = "validation";
    Target target;
    Recording recording;
    RunSteps.ProbeSession probe;
    Instant loadStarted;
    final List<Figure> figures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String incompleteReason;
    Optional<Path> runFolder = Optional.empty();
    Optional<LiveMeasurementLog> liveLog = Optional.empty();
    final List<String> liveProblems = new java.util.concurrent.CopyOnWriteArrayList<>();

    void incomplete(String reason) {
      if (incompleteReason == null) {
        incompleteReason = reason;
      }
    }
  }
}
