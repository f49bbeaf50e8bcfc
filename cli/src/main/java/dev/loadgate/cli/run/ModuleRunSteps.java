package dev.loadgate.cli.run;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.baseline.Suggestions;
import dev.loadgate.benchmarks.BenchmarkPlan;
import dev.loadgate.benchmarks.BenchmarkRunner;
import dev.loadgate.benchmarks.BenchmarkSettings;
import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.safety.StripeKeyGuard;
import dev.loadgate.cli.safety.UserRateCap;
import dev.loadgate.dbprobe.DbProbe;
import dev.loadgate.dbprobe.EmailQueueProbe;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.LiveMeasurementLog;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Recording;
import dev.loadgate.refapp.AppSecrets;
import dev.loadgate.refapp.EmailProvider;
import dev.loadgate.refapp.FaultSpec;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.report.Environment;
import dev.loadgate.report.RunReports;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.RunFolderException;
import dev.loadgate.simulations.LoadOutcome;
import dev.loadgate.simulations.LoadPlan;
import dev.loadgate.simulations.LoadRunner;
import dev.loadgate.simulations.Suite;
import dev.loadgate.simulations.SuiteException;
import dev.loadgate.simulations.Suites;
import dev.loadgate.targets.AccountsFile;
import dev.loadgate.targets.AccountsFileException;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import dev.loadgate.verdict.AcceptedRun;
import dev.loadgate.verdict.AcceptedRunException;
import dev.loadgate.verdict.AcceptedRuns;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.EvaluationOptions;
import dev.loadgate.verdict.VerdictEngine;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real steps of a run, wired to loadgate's modules: baselines and suites (data), the reference
 * app (embedded target), Gatling in this JVM (load), the database and e-mail probes, JMH, the
 * verdict engine and the report writers. One instance per run.
 */
public final class ModuleRunSteps implements RunSteps {
  /** Time between database probe samples: the lock-wait resolution, well below its 50 ms limit. */
  static final Duration PROBE_INTERVAL = Duration.ofMillis(25);

  /** Where Gatling's own results go, below the reports root (git-ignored with it). */
  static final String GATLING_DIR = ".gatling";

  private final Map<String, String> environment;
  private final List<FaultSpec> faults = new ArrayList<>();
  private Baselines baselines;
  private Suite suite;
  private Optional<AcceptedRun> accepted = Optional.empty();
  private TargetProfile externalProfile;
  private Path runFolder;
  private RunLog runLog;
  private LiveMeasurementLog liveLog;
  private final List<String> liveProblems = new java.util.concurrent.CopyOnWriteArrayList<>();

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
    loadSuite(request, problems);
    request.against().ifPresent(against -> loadAccepted(against, request.suite(), problems));
    for (String injection : request.injections()) {
      try {
        faults.add(FaultSpec.parse(injection));
      } catch (IllegalArgumentException e) {
        problems.add("--inject: " + e.getMessage());
      }
    }
    problems.addAll(OutFolder.problems(request.reportsRoot()));
    if (!request.embedded()) {
      externalProfile = externalProfile(request, problems);
    }
    if (suite == null) {
      throw new BadInputException(problems);
    }
    LoadPlan plan;
    try {
      plan = loadPlan(request, placeholderProfile(request));
    } catch (IllegalArgumentException e) {
      // A rate scale or duration the options check reports already; the plan cannot be judged.
      problems.add("--rate-scale/--duration: " + e.getMessage());
      throw new BadInputException(problems);
    }
    if (!request.safety().overrideCaps()) {
      problems.addAll(plan.capViolations());
    }
    UserRateCap.problem(plan.peakArrivalRatePerSec(), request.safety().maxRatePerSec())
        .ifPresent(problems::add);
    StripeKeyGuard.problem(
            environment.get(StripeKeyGuard.ENV), plan.arrivalRatePerSec("payment") > 0)
        .ifPresent(problems::add);
    if (externalProfile != null && problems.isEmpty()) {
      problems.addAll(LoadRunner.problems(loadPlan(request, externalProfile)));
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    return new RunPlan(request, suite.name(), suite.warmup(), plan.measuredDuration());
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

  private void loadSuite(RunRequest request, List<String> problems) {
    Map<String, Suite> suites;
    try {
      suites = Suites.load(request.suitesFile());
    } catch (SuiteException e) {
      problems.addAll(e.problems());
      return;
    }
    suite = suites.get(request.suite());
    if (suite == null) {
      problems.add(
          "--suite: unknown suite \""
              + request.suite()
              + "\" (expected one of "
              + String.join(", ", suites.keySet())
              + ")."
              + Suggestions.closest(request.suite(), suites.keySet())
                  .map(s -> " Did you mean \"" + s + "\"?")
                  .orElse(""));
    }
  }

  private void loadAccepted(String against, String suiteName, List<String> problems) {
    Path given = Path.of(against);
    Path folder =
        Files.isDirectory(given)
            ? given
            : LoadgateHome.resolveDefault(LoadgateHome.DEFAULT_ACCEPTED).resolve(against);
    try {
      Optional<String> unfit =
          Files.isDirectory(folder)
              ? AcceptedRuns.unfitAsReferenceFor(folder, suiteName)
              : Optional.empty();
      if (unfit.isPresent()) {
        problems.add("--against " + unfit.get());
        return;
      }
      accepted = Optional.of(AcceptedRuns.load(folder));
    } catch (AcceptedRunException e) {
      problems.add("--against: " + e.getMessage());
    }
  }

  private LoadPlan loadPlan(RunRequest request, TargetProfile profile) {
    return new LoadPlan(
        profile,
        suite,
        request.duration(),
        request.rateScale(),
        request.reportsRoot().resolve(GATLING_DIR),
        false,
        request.safety().overrideCaps());
  }

  /** For checks that need a plan before the target exists; nothing is sent to it. */
  private TargetProfile placeholderProfile(RunRequest request) {
    return externalProfile != null
        ? externalProfile
        : new TargetProfile(
            URI.create("http://127.0.0.1"),
            null,
            null,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of());
  }

  private TargetProfile externalProfile(RunRequest request, List<String> problems) {
    AccountsFile accounts = new AccountsFile(Optional.empty(), List.of());
    if (request.accountsFile().isPresent()) {
      try {
        Path file = request.accountsFile().get();
        accounts =
            AccountsFile.read(file, "--accounts: " + LoadgateHome.display(file), environment);
      } catch (AccountsFileException e) {
        problems.addAll(e.problems());
      }
    }
    return new TargetProfile(
        request.target().orElseThrow(),
        request.authUrl().orElse(null),
        Secret.of(environment.getOrDefault("SUPABASE_ANON_KEY", "")),
        accounts.admin(),
        secret("ADMIN_PORTAL_KEY"),
        secret("STRIPE_WEBHOOK_SECRET"),
        secret(StripeKeyGuard.ENV),
        secret("CRON_SECRET"),
        request.databaseUrl(),
        accounts.accounts());
  }

  private Optional<Secret> secret(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Secret.of(value));
  }

  @Override
  public Target startTarget(RunPlan plan) {
    if (externalProfile != null) {
      return new ExternalTarget(externalProfile, plan.request());
    }
    ReferenceAppSettings settings =
        ReferenceAppSettings.defaults()
            .withSecrets(AppSecrets.fromEnvironment(environment))
            .withFaults(faults)
            .withEmailProvider(deliveringEmailProvider())
            .withRateLimits(RateLimits.disabled());
    RunningReferenceApp app;
    try {
      app = ReferenceApp.start(settings);
    } catch (RuntimeException e) {
      throw new IncompleteRunException(
          "the embedded target did not start ("
              + e.getMessage()
              + "). Embedded PostgreSQL needs util-linux (unshare) when run as root; see"
              + " docs/safety.md.",
          e);
    }
    return new EmbeddedTarget(app, faults);
  }

  /**
   * The embedded target is the reference of a healthy system, so its e-mail provider stand-in
   * delivers every message, at the healthy profile's speed. The healthy profile's 1 % failures and
   * 0.5 % bounces would, at the 50 to 100 e-mails of a smoke run, breach the documented 98 % and 2
   * % by chance in a good share of runs, because the e-mail figures are judged as point values.
   */
  private static EmailProvider deliveringEmailProvider() {
    EmailProvider healthy = EmailProvider.healthy();
    return new EmailProvider(healthy.latency(), 0, 0, healthy.retryBackoffUnit());
  }

  @Override
  public List<String> preflight(Target target) {
    return new HealthPreflight().check(target.profile());
  }

  @Override
  public LoadResult load(RunPlan plan, Target target, Recording recording) {
    quietGatlingConsole();
    LoadOutcome outcome = LoadRunner.run(loadPlan(plan.request(), target.profile()), recording);
    return new LoadResult(
        outcome.completed(), outcome.problem(), outcome.gatlingReportDir().map(Path::toString));
  }

  /**
   * Gatling prints its own statistics every 5 s; loadgate's progress line already says what a
   * person needs, and the report holds the rest. Its file writer stays for its HTML report. A
   * {@code -Dgatling.data.writers...} of the user's wins.
   */
  private static void quietGatlingConsole() {
    if (System.getProperty("gatling.data.writers") == null
        && System.getProperty("gatling.data.writers.0") == null) {
      System.setProperty("gatling.data.writers.0", "file");
    }
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
    BenchmarkSettings settings =
        plan.suite().equals("pre-release")
            ? BenchmarkSettings.preRelease()
            : BenchmarkSettings.smoke();
    return BenchmarkRunner.run(
        new BenchmarkPlan(target.profile(), target.jdbcUrl().map(Secret::reveal), settings));
  }

  @Override
  public List<Check> judge(RunPlan plan, Measurements measurements) {
    EvaluationOptions options = EvaluationOptions.defaults().gating(suite.gatedChecks());
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
    Map<String, String> extra = new LinkedHashMap<>();
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
  public void beginRunFolder(RunPlan plan, RunResult started) {
    try {
      runFolder = RunReports.begin(plan.request().reportsRoot(), started);
    } catch (RunFolderException | java.io.UncheckedIOException e) {
      throw new BadInputException(List.of("--out: " + e.getMessage()));
    }
    runLog = RunLog.into(runFolder);
  }

  @Override
  public List<String> loggedProblems() {
    return runLog == null ? List.of() : runLog.consoleLines();
  }

  @Override
  public void recordLive(Recording recording) {
    if (runFolder != null) {
      liveLog =
          LiveMeasurementLog.start(
              runFolder, recording, LiveMeasurementLog.DEFAULT_FLUSH_INTERVAL, liveProblems::add);
    }
  }

  @Override
  public Optional<Path> runFolder() {
    return Optional.ofNullable(runFolder);
  }

  @Override
  public Path writeReports(RunPlan plan, RunResult result) {
    if (liveLog != null) {
      liveLog.close();
      liveLog = null;
    }
    if (runFolder == null) {
      return RunReports.write(plan.request().reportsRoot(), result);
    }
    RunResult noted = result;
    if (!liveProblems.isEmpty()) {
      List<String> notes = new ArrayList<>(result.notes());
      notes.addAll(liveProblems);
      noted =
          new RunResult(
              result.metadata(),
              result.complete(),
              result.incompleteReason(),
              result.checks(),
              result.measurements(),
              notes);
    }
    try {
      return RunReports.finish(runFolder, noted);
    } catch (RuntimeException e) {
      try {
        // Best effort: say why in results.json; on a full disk the folder keeps the start's
        // results.json, which marks it incomplete too.
        RunReports.rewriteResults(
            runFolder,
            new RunResult(
                noted.metadata(),
                false,
                "the reports could not be written: " + e.getMessage(),
                noted.checks(),
                noted.measurements(),
                noted.notes()));
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
  }

  /** The reference app with its embedded database, stopped by {@link #close()}. */
  private record EmbeddedTarget(RunningReferenceApp app, List<FaultSpec> faults) implements Target {
    EmbeddedTarget {
      faults = List.copyOf(faults);
    }

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
          + (faults.isEmpty() ? "" : ", injecting " + faults);
    }

    @Override
    public void close() {
      app.close();
    }
  }

  /** A target loadgate did not start and does not stop. */
  private record ExternalTarget(TargetProfile profile, RunRequest request) implements Target {
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
  }
}
