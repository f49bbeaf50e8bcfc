package dev.loadgate.cli.run;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.safety.StripeKeyGuard;
import dev.loadgate.dbprobe.DbProbe;
import dev.loadgate.dbprobe.EmailQueueProbe;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Recording;
import dev.loadgate.refapp.FaultSpec;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.report.Environment;
import dev.loadgate.report.RunReports;
import dev.loadgate.report.RunResult;
import dev.loadgate.target.Secret;
import dev.loadgate.target.TargetProfile;
import dev.loadgate.verdict.AcceptedRun;
import dev.loadgate.verdict.AcceptedRunException;
import dev.loadgate.verdict.AcceptedRuns;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.EvaluationOptions;
import dev.loadgate.verdict.VerdictEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The real steps of a run, wired to loadgate's modules. One instance per run. */
public final class ModuleRunSteps implements RunSteps {
  /** Time between database probe samples: the lock-wait resolution, well below its 50 ms limit. */
  static final Duration PROBE_INTERVAL = Duration.ofMillis(25);

  private final Map<String, String> environment;
  private final List<FaultSpec> faults = new ArrayList<>();
  private Baselines baselines;
  private Optional<AcceptedRun> accepted = Optional.empty();
  private List<String> gatedChecks = List.of("*");

  /** Steps that read secrets and settings from the process environment. */
  public ModuleRunSteps() {
    this(System.getenv());
  }

  /** Steps that read secrets and settings from {@code environment} (tests plant values here). */
  public ModuleRunSteps(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public RunPlan validate(RunRequest request) {
    List<String> problems = new ArrayList<>();
    loadBaselines(request.baselinesFile(), problems);
    request.against().ifPresent(against -> loadAccepted(against, problems));
    for (String injection : request.injections()) {
      try {
        faults.add(FaultSpec.parse(injection));
      } catch (IllegalArgumentException e) {
        problems.add("--inject: " + e.getMessage());
      }
    }
    List<String> journeys =
        List.of("auth", "letter_generation", "payment", "download", "admin_dashboard", "email");
    StripeKeyGuard.problem(environment.get(StripeKeyGuard.ENV), journeys.contains("payment"))
        .ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    Duration measure = request.duration().orElse(Duration.ofSeconds(60));
    return new RunPlan(request, request.suite(), journeys, Duration.ofSeconds(10), measure, 1);
  }

  private void loadBaselines(Path file, List<String> problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(
          "--baselines: file not found (expected a baselines YAML, got "
              + LoadgateHome.display(file)
              + "). The default is baselines/production.yaml in the loadgate folder.");
      return;
    }
    try {
      baselines = BaselinesLoader.load(file);
    } catch (BaselineException e) {
      e.problems().forEach(problem -> problems.add(problem.toString()));
    }
  }

  private void loadAccepted(String against, List<String> problems) {
    Path given = Path.of(against);
    Path folder =
        Files.isDirectory(given)
            ? given
            : LoadgateHome.resolveDefault(LoadgateHome.DEFAULT_ACCEPTED).resolve(against);
    try {
      accepted = Optional.of(AcceptedRuns.load(folder));
    } catch (AcceptedRunException e) {
      problems.add("--against: " + e.getMessage());
    }
  }

  @Override
  public Target startTarget(RunPlan plan) {
    if (!plan.request().embedded()) {
      return external(plan.request());
    }
    ReferenceAppSettings settings =
        ReferenceAppSettings.defaults().withFaults(faults).withRateLimits(RateLimits.disabled());
    RunningReferenceApp app;
    try {
      app = ReferenceApp.start(settings);
    } catch (RuntimeException e) {
      throw new IncompleteRunException(
          "the embedded target did not start (" + e.getMessage() + ").", e);
    }
    return new Target() {
      @Override
      public TargetProfile profile() {
        return app.targetProfile();
      }

      @Override
      public Optional<Secret> jdbcUrl() {
        return app.targetProfile().databaseUrl();
      }

      @Override
      public String description() {
        return "embedded reference app at "
            + app.baseUrl()
            + (faults.isEmpty() ? "" : " with faults " + faults);
      }

      @Override
      public void close() {
        app.close();
      }
    };
  }

  private Target external(RunRequest request) {
    TargetProfile profile =
        new TargetProfile(
            request.target().orElseThrow(),
            request.authUrl().orElse(null),
            Secret.of(environment.getOrDefault("SUPABASE_ANON_KEY", "")),
            Optional.empty(),
            secret("ADMIN_PORTAL_KEY"),
            secret("STRIPE_WEBHOOK_SECRET"),
            secret(StripeKeyGuard.ENV),
            secret("CRON_SECRET"),
            request.databaseUrl(),
            List.of());
    return new Target() {
      @Override
      public TargetProfile profile() {
        return profile;
      }

      @Override
      public Optional<Secret> jdbcUrl() {
        return request.databaseUrl();
      }

      @Override
      public String description() {
        return request.targetDisplay();
      }

      @Override
      public void close() {}
    };
  }

  private Optional<Secret> secret(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Secret.of(value));
  }

  @Override
  public List<String> preflight(Target target) {
    return new HealthPreflight().check(target.profile());
  }

  @Override
  public LoadResult load(RunPlan plan, Target target, Recording recording) {
    return LoadResult.failed("the load engine is not wired into this build yet");
  }

  @Override
  public ProbeSession startDatabaseProbe(Target target) {
    DbProbe probe = DbProbe.start(target.jdbcUrl().orElseThrow().reveal(), PROBE_INTERVAL);
    return probe::stop;
  }

  @Override
  public List<Figure> emailFigures(Target target, Instant since) {
    return EmailQueueProbe.measure(target.jdbcUrl().orElseThrow().reveal(), since);
  }

  @Override
  public List<Figure> benchmarks(RunPlan plan, Target target) {
    return List.of();
  }

  @Override
  public List<Check> judge(RunPlan plan, Measurements measurements) {
    EvaluationOptions options = EvaluationOptions.defaults().gating(gatedChecks);
    if (accepted.isPresent()) {
      options = options.against(accepted.get());
    }
    return VerdictEngine.evaluate(baselines, measurements, options);
  }

  @Override
  public List<String> notes(RunPlan plan, Environment environment) {
    return accepted.map(run -> run.environmentDifferences(environment)).orElse(List.of());
  }

  @Override
  public Environment environment(RunPlan plan) {
    Map<String, String> extra = new java.util.LinkedHashMap<>();
    extra.put("rate-scale", String.valueOf(plan.request().rateScale()));
    plan.request().duration().ifPresent(d -> extra.put("duration", d.toString()));
    if (!faults.isEmpty()) {
      extra.put("faults", faults.toString());
    }
    if (plan.request().jmh()) {
      extra.put("jmh", "true");
    }
    return Environment.capture(plan.request().targetDisplay(), plan.suite(), extra);
  }

  @Override
  public Path writeReports(RunPlan plan, RunResult result) {
    return RunReports.write(plan.request().reportsRoot(), result);
  }
}
