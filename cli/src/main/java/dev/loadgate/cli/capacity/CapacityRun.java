package dev.loadgate.cli.capacity;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.baseline.GrowthProjection;
import dev.loadgate.capacity.CapacityAnalysis;
import dev.loadgate.capacity.CapacityFolder;
import dev.loadgate.capacity.CapacityReport;
import dev.loadgate.capacity.CapacityStep;
import dev.loadgate.capacity.CapacityText;
import dev.loadgate.capacity.CpuMeter;
import dev.loadgate.capacity.Knee;
import dev.loadgate.capacity.KneeSearch;
import dev.loadgate.capacity.Runway;
import dev.loadgate.capacity.StaircasePlan;
import dev.loadgate.capacity.StepThroughput;
import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.progress.Progress;
import dev.loadgate.cli.run.LoadResult;
import dev.loadgate.cli.run.ModuleRunSteps;
import dev.loadgate.cli.run.RunControl;
import dev.loadgate.cli.run.RunPlan;
import dev.loadgate.cli.run.RunRequest;
import dev.loadgate.cli.run.RunSteps;
import dev.loadgate.cli.run.Target;
import dev.loadgate.cli.safety.TargetPolicy;
import dev.loadgate.config.Suggestions;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Recording;
import dev.loadgate.run.RunIds;
import dev.loadgate.simulations.Suite;
import dev.loadgate.simulations.SuiteException;
import dev.loadgate.simulations.Suites;
import dev.loadgate.verdict.Check;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code loadgate capacity} from options to exit code: validate everything, then for each seed
 * scale start the target, run the staircase (each step a load of the mix at one rate, judged by the
 * verdict engine), stop the target; after every step the run folder is rewritten, so an interrupt
 * or a crash leaves the steps so far, marked incomplete.
 */
final class CapacityRun {
  private final CapacityRequest request;
  private final Map<String, String> environment;
  private final PrintWriter out;
  private final Progress progress;
  private final RunControl control;

  private Baselines baselines;
  private Suite mix;
  private StaircasePlan plan;
  private Runway runway;
  private String runwaySource;
  private final List<String> notes = new ArrayList<>();

  CapacityRun(
      CapacityRequest request,
      Map<String, String> environment,
      PrintWriter out,
      Progress progress,
      RunControl control) {
    this.request = request;
    this.environment = Map.copyOf(environment);
    this.out = out;
    this.progress = progress;
    this.control = control;
  }

  int run(List<String> optionProblems) {
    validate(optionProblems);
    control.started();
    Instant started = Instant.now();
    String runId = RunIds.unique(request.reportsRoot(), RunIds.of(started, "capacity"));
    Path dir = request.reportsRoot().resolve(runId);
    List<Integer> scales = request.seedScale() > 1 ? List.of(1, request.seedScale()) : List.of(1);
    List<CapacityReport.Staircase> runs = new ArrayList<>();
    String incomplete = "";
    String targetText = request.target().map(Object::toString).orElse("embedded reference app");
    int code = ExitCodes.INCOMPLETE;
    try {
      for (int scale : scales) {
        List<CapacityStep> steps = new ArrayList<>();
        runs.add(new CapacityReport.Staircase(scale, partial(steps)));
        int index = runs.size() - 1;
        try (Target target = startTarget(scale)) {
          targetText = target.description();
          StepContext context = new StepContext(target, scale, meters(target));
          Knee knee =
              KneeSearch.run(
                  plan,
                  (rate, kind) -> step(context, steps.size() + 1, rate, kind),
                  step -> {
                    steps.add(step);
                    runs.set(index, new CapacityReport.Staircase(scale, partial(steps)));
                    write(
                        dir,
                        runId,
                        started,
                        runs,
                        "the run is still going",
                        notes,
                        target.description());
                  });
          runs.set(index, new CapacityReport.Staircase(scale, knee));
        }
      }
    } catch (RunControl.AbortedException e) {
      incomplete = e.getMessage() + " during the staircase";
    } catch (IncompleteRunException e) {
      incomplete = e.getMessage();
    } catch (RuntimeException e) {
      incomplete =
          "the staircase failed unexpectedly ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")";
    }
    try {
      CapacityReport report = write(dir, runId, started, runs, incomplete, notes, targetText);
      progress.close();
      out.println();
      out.print(CapacityText.console(report));
      out.println("report: " + LoadgateHome.display(dir.resolve(CapacityFolder.HTML)));
      out.flush();
      code = report.exitCode();
    } finally {
      control.finished(code);
    }
    return code;
  }

  /** The steps so far as a knee: the highest that held below the lowest that broke. */
  private static Knee partial(List<CapacityStep> steps) {
    double broke =
        steps.stream()
            .filter(s -> s.outcome() == dev.loadgate.capacity.StepOutcome.BREAKS)
            .mapToDouble(CapacityStep::offeredRatePerSec)
            .min()
            .orElse(Double.NaN);
    double held =
        steps.stream()
            .filter(s -> s.outcome() == dev.loadgate.capacity.StepOutcome.HOLDS)
            .mapToDouble(CapacityStep::offeredRatePerSec)
            .filter(r -> Double.isNaN(broke) || r < broke)
            .max()
            .orElse(Double.NaN);
    return new Knee(
        steps,
        held,
        broke,
        steps.stream()
            .filter(s -> s.offeredRatePerSec() == broke)
            .findFirst()
            .flatMap(s -> s.failures().stream().findFirst()));
  }

  private CapacityReport write(
      Path dir,
      String runId,
      Instant started,
      List<CapacityReport.Staircase> runs,
      String incomplete,
      List<String> extraNotes,
      String targetText) {
    Map<String, Double> shares = mix.mix();
    CapacityReport report =
        CapacityAnalysis.analyse(
            new CapacityAnalysis.Header(
                runId, started, Instant.now(), targetText, mix.name(), shares, plan),
            runs,
            Optional.of(runway),
            runwaySource,
            baselines.capacity().scalingTriggers(),
            request.minRunwayMonths(),
            incomplete,
            extraNotes);
    CapacityFolder.write(dir, report);
    return report;
  }

  // ---- validation ------------------------------------------------------------------------------

  private void validate(List<String> optionProblems) {
    List<String> problems = new ArrayList<>(optionProblems);
    try {
      baselines = BaselinesLoader.load(request.baselinesFile());
    } catch (BaselineException e) {
      e.problems().forEach(p -> problems.add(p.toString()));
    } catch (RuntimeException e) {
      problems.add(
          "--baselines: cannot read "
              + LoadgateHome.display(request.baselinesFile())
              + " (expected a baselines YAML, got "
              + e.getClass().getSimpleName()
              + ").");
    }
    try {
      Map<String, Suite> suites =
          baselines == null ? Map.of() : Suites.load(request.suitesFile(), baselines);
      mix = suites.get(request.mix());
      if (mix == null && baselines != null) {
        problems.add(
            "--mix: unknown mix \""
                + request.mix()
                + "\" (expected a suite of "
                + LoadgateHome.display(request.suitesFile())
                + ": "
                + String.join(", ", suites.keySet())
                + ")."
                + Suggestions.closest(request.mix(), suites.keySet())
                    .map(s -> " Did you mean \"" + s + "\"?")
                    .orElse(""));
      }
    } catch (SuiteException e) {
      problems.addAll(e.problems());
    }
    Duration measure =
        request.stepDuration().orElse(mix == null ? Duration.ofSeconds(40) : mix.duration());
    try {
      plan =
          new StaircasePlan(
              request.startRatePerSec(),
              request.stepFactor(),
              request.maxRatePerSec(),
              mix == null ? Duration.ZERO : mix.warmup(),
              measure,
              request.bisections());
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage() + ".");
    }
    if (request.seedScale() < 1 || request.seedScale() > 100) {
      problems.add(
          "--seed-scale: out of range (expected 1 to 100, got "
              + request.seedScale()
              + "). 10 models the guide's 10x data growth.");
    }
    if (request.target().isPresent()
        && (request.seedScale() != 1 || !request.injections().isEmpty())) {
      problems.add(
          "--target: --seed-scale and --inject apply to the embedded app only (expected no"
              + " --target with them, got --target "
              + request.target().get()
              + ").");
    }
    if (!(request.minRunwayMonths() >= 0)) {
      problems.add(
          "--min-runway: must be 0 or more months (expected e.g. 3, got "
              + request.minRunwayMonths()
              + ").");
    }
    request
        .target()
        .ifPresent(
            url ->
                problems.addAll(
                    new TargetPolicy(
                            request.allowHosts(),
                            List.of(TargetPolicy.DEFAULT_PRODUCTION_DOMAIN),
                            false,
                            false)
                        .problems("--target", url)));
    if (baselines != null && mix != null) {
      runway(problems);
    }
    if (problems.isEmpty()) {
      // The mix, options and safety rules as loadgate run checks them, at the highest rate.
      try {
        new ModuleRunSteps(environment).validate(stepRequest(plan.maxRatePerSec()));
      } catch (BadInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
  }

  private void runway(List<String> problems) {
    double current;
    if (request.currentRatePerSec().isPresent()) {
      current = request.currentRatePerSec().get();
      runwaySource = "--current-rate";
      if (!(current > 0) || Double.isInfinite(current)) {
        problems.add(
            "--current-rate: must be above 0 journeys/s (expected e.g. 1.5, got " + current + ").");
        return;
      }
    } else if (!Double.isNaN(baselines.capacity().currentJourneysPerSec())) {
      current = baselines.capacity().currentJourneysPerSec();
      runwaySource = LoadgateHome.display(request.baselinesFile()) + " capacity.current";
    } else {
      problems.add(
          "--current-rate: no current production rate (expected --current-rate R or"
              + " capacity.current.rate in "
              + LoadgateHome.display(request.baselinesFile())
              + ", got neither). The runway is months from today's rate.");
      return;
    }
    Map<String, Double> growth = new LinkedHashMap<>();
    for (String journey : mix.mix().keySet()) {
      Optional<GrowthProjection> projection =
          baselines.capacity().growth().stream()
              .filter(g -> g.journeys().contains(journey) && !Double.isNaN(g.perMonthPercent()))
              .findFirst();
      if (projection.isEmpty()) {
        problems.add(
            LoadgateHome.display(request.baselinesFile())
                + ": capacity.growth: no monthly growth for journey "
                + journey
                + " (expected it in one projection's journeys list, got none). The runway needs"
                + " every journey of the mix to grow at a documented rate.");
      } else {
        growth.put(journey, projection.get().perMonthPercent() / 100);
      }
    }
    if (growth.size() == mix.mix().size()) {
      runway = new Runway(current, mix.mix(), growth);
    }
  }

  private RunRequest stepRequest(double ratePerSec) {
    return stepRequest(ratePerSec, plan.measure());
  }

  /**
   * How long a step is measured: a stair for the step duration; a confirming or bisection step,
   * which decides the knee, long enough that the rarest journey of the mix is expected to reach
   * {@value #SAMPLE_TARGET} journeys (a quarter above the 100 an error rate rests on and the 72 a
   * p95 needs), at most four step durations and within the mix's duration cap.
   */
  private Duration measureFor(double ratePerSec, String kind) {
    if (kind.equals("stair")) {
      return plan.measure();
    }
    double rarest = mix.mix().values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
    long sized = (long) Math.ceil(SAMPLE_TARGET / (ratePerSec * rarest));
    Duration longest = plan.measure().multipliedBy(4);
    Duration capped = mix.caps().maxDuration().minus(plan.settle());
    if (capped.compareTo(longest) < 0) {
      longest = capped;
    }
    Duration wanted = Duration.ofSeconds(sized);
    if (wanted.compareTo(plan.measure()) < 0) {
      return plan.measure();
    }
    return wanted.compareTo(longest) > 0 ? longest : wanted;
  }

  /** Journeys of the rarest kind a deciding step aims for. */
  static final int SAMPLE_TARGET = 125;

  private RunRequest stepRequest(double ratePerSec, Duration measure) {
    return new RunRequest(
        request.target(),
        Optional.empty(),
        request.mix(),
        request.baselinesFile(),
        request.suitesFile(),
        Optional.empty(),
        request.reportsRoot(),
        Optional.of(measure),
        ratePerSec / mix.totalArrivalRatePerSec(),
        request.injections(),
        false,
        request.target().isEmpty()
            ? Optional.empty()
            : Optional.ofNullable(environment.get("LOADGATE_DB_URL"))
                .filter(v -> v.startsWith("jdbc:postgresql:"))
                .map(dev.loadgate.targets.Secret::of),
        request.accountsFile(),
        new RunRequest.SafetyOptions(
            request.allowHosts(),
            List.of(TargetPolicy.DEFAULT_PRODUCTION_DOMAIN),
            false,
            Optional.empty(),
            false));
  }

  // ---- the target ------------------------------------------------------------------------------

  private Target startTarget(int scale) {
    progress.phase("target", null);
    ModuleRunSteps steps = new ModuleRunSteps(environment).seedScale(scale);
    RunPlan targetPlan = steps.validate(stepRequest(plan.startRatePerSec()));
    Target target = control.call("target", () -> steps.startTarget(targetPlan));
    try {
      progress.message(
          "target: " + target.description() + (scale > 1 ? ", seed scale " + scale + "x" : ""));
      progress.phase("preflight", null);
      control.call("preflight", () -> steps.preflight(target)).forEach(notes::add);
      return target;
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  private record Meters(CpuMeter target, CpuMeter database) {}

  private record StepContext(Target target, int seedScale, Meters meters) {}

  private Meters meters(Target target) {
    CpuMeter app =
        target.pid().isPresent()
            ? CpuMeter.process(
                target.pid().getAsLong(),
                "process "
                    + target.pid().getAsLong()
                    + ": the embedded reference app's own JVM (its PostgreSQL counts as the"
                    + " database)")
            : CpuMeter.unavailable(
                request.target().isPresent()
                    ? "an external target's CPU is not readable from here"
                    : "the target reported no process id");
    CpuMeter db =
        target
            .jdbcUrl()
            .map(url -> DatabaseCpu.meter(url.reveal()))
            .orElse(CpuMeter.unavailable("no database URL for this target"));
    String appNote = "target CPU: " + app.describes();
    String dbNote = "database CPU: " + db.describes();
    if (!notes.contains(appNote)) {
      notes.add(appNote);
    }
    if (!notes.contains(dbNote)) {
      notes.add(dbNote);
    }
    return new Meters(app, db);
  }

  // ---- one step --------------------------------------------------------------------------------

  private CapacityStep step(StepContext context, int index, double rate, String kind) {
    Duration measure = measureFor(rate, kind);
    ModuleRunSteps steps = new ModuleRunSteps(environment).seedScale(context.seedScale());
    RunPlan stepPlan = steps.validate(stepRequest(rate, measure));
    Recording recording = Recording.start();
    progress.counting(recording::totalSamples, recording::totalErrors);
    progress.phase(
        String.format(
            Locale.ROOT,
            "step %d%s %s/s",
            index,
            context.seedScale() > 1 ? " (" + context.seedScale() + "x)" : "",
            rateText(rate)),
        plan.settle().plus(measure));
    RunSteps.ProbeSession probe =
        context.target().jdbcUrl().isPresent() ? steps.startDatabaseProbe(context.target()) : null;
    CpuWindow cpu = new CpuWindow(context.meters(), plan.settle(), measure);
    LoadResult load;
    try {
      load = control.call("load", () -> steps.load(stepPlan, context.target(), recording));
    } finally {
      cpu.close();
    }
    Measurements measurements = recording.finish();
    List<Figure> figures = probe == null ? List.of() : probe.stop();
    if (!load.completed()) {
      throw new IncompleteRunException("step " + index + ": " + load.problem());
    }
    measurements = measurements.withFigures(figures);
    List<Check> checks = steps.judge(stepPlan, measurements);
    double seconds = measure.toMillis() / 1000.0;
    StepThroughput throughput = StepThroughput.of(measurements, plan.settle(), measure);
    return new CapacityStep(
        index,
        kind,
        rate,
        measure,
        throughput.okCompleted() / seconds,
        throughput.completed() / seconds * throughput.meanJourneySeconds(),
        checks,
        figures,
        cpu.targetPercent(),
        context.meters().target().describes(),
        cpu.databasePercent(),
        context.meters().database().describes());
  }

  private static String rateText(double rate) {
    return String.format(Locale.ROOT, rate >= 10 ? "%.1f" : "%.2f", rate);
  }

  /** CPU readings at the start and the end of a step's measured time, taken on a timer. */
  private static final class CpuWindow implements AutoCloseable {
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "loadgate-capacity-cpu");
              t.setDaemon(true);
              return t;
            });
    private final Meters meters;
    private volatile CpuMeter.Reading[] start;
    private volatile CpuMeter.Reading[] end;
    private final ScheduledFuture<?> startTask;
    private final ScheduledFuture<?> endTask;

    CpuWindow(Meters meters, Duration settle, Duration measure) {
      this.meters = meters;
      startTask = timer.schedule(() -> start = read(), settle.toMillis(), TimeUnit.MILLISECONDS);
      endTask =
          timer.schedule(
              () -> end = read(), settle.plus(measure).toMillis(), TimeUnit.MILLISECONDS);
    }

    private CpuMeter.Reading[] read() {
      return new CpuMeter.Reading[] {meters.target().read(), meters.database().read()};
    }

    double targetPercent() {
      return start == null || end == null ? Double.NaN : end[0].percentSince(start[0]);
    }

    double databasePercent() {
      return start == null || end == null ? Double.NaN : end[1].percentSince(start[1]);
    }

    @Override
    public void close() {
      startTask.cancel(false);
      endTask.cancel(false);
      timer.shutdown();
    }
  }
}
