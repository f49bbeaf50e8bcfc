package dev.loadgate.cli.run;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.benchmarks.BenchmarkPlan;
import dev.loadgate.benchmarks.BenchmarkRunner;
import dev.loadgate.benchmarks.BenchmarkSettings;
import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.VersionCommand;
import dev.loadgate.cli.compare.CalibrationFile;
import dev.loadgate.cli.provision.ProvisionException;
import dev.loadgate.cli.provision.ProvisionInputs;
import dev.loadgate.cli.provision.ProvisionSettings;
import dev.loadgate.cli.provision.Provisioner;
import dev.loadgate.cli.safety.StripeKeyGuard;
import dev.loadgate.cli.safety.UserRateCap;
import dev.loadgate.cli.targets.EmbeddedTarget;
import dev.loadgate.cli.targets.EmbeddedTargetSpec;
import dev.loadgate.cli.targets.EmbeddedTargets;
import dev.loadgate.compare.CalibrationException;
import dev.loadgate.config.Suggestions;
import dev.loadgate.dbprobe.DbProbe;
import dev.loadgate.dbprobe.EmailQueueProbe;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.LiveMeasurementLog;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Recording;
import dev.loadgate.refapp.AppSecrets;
import dev.loadgate.refapp.FaultSpec;
import dev.loadgate.report.RunReports;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.run.RunFolderException;
import dev.loadgate.scaleout.RunIdentity;
import dev.loadgate.simulations.LoadOutcome;
import dev.loadgate.simulations.LoadPlan;
import dev.loadgate.simulations.LoadRunner;
import dev.loadgate.simulations.Suite;
import dev.loadgate.simulations.SuiteException;
import dev.loadgate.simulations.Suites;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.AccountsFile;
import dev.loadgate.targets.AccountsFileException;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import dev.loadgate.verdict.AcceptedRun;
import dev.loadgate.verdict.AcceptedRunException;
import dev.loadgate.verdict.AcceptedRuns;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.EarlyStopRule;
import dev.loadgate.verdict.EvaluationOptions;
import dev.loadgate.verdict.RunSizing;
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
import java.util.function.Consumer;

/**
 * The real steps of a run, wired to loadgate's modules: baselines and suites (data), the reference
 * app (embedded target), Gatling in this JVM (load), the database and e-mail probes, JMH, the
 * verdict engine and the report writers. Holds no state of a run: {@link #validate} builds the
 * immutable {@link RunPlan} once and every later step reads it.
 */
public final class ModuleRunSteps implements RunSteps {
  /** Time between database probe samples: the lock-wait resolution, well below its 50 ms limit. */
  static final Duration PROBE_INTERVAL = Duration.ofMillis(25);

  /** Where Gatling's own results go, below the reports root (git-ignored with it). */
  static final String GATLING_DIR = ".gatling";

  private final Map<String, String> environment;
  private int seedScale = 1;

  /** Steps that read secrets and settings from the process environment. */
  public ModuleRunSteps() {
    this(System.getenv());
  }

  /** Steps that read secrets and settings from {@code environment} (tests plant values here). */
  public ModuleRunSteps(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * Seeds the embedded app with {@code scale} times the synthetic data (capacity's data growth).
   */
  public ModuleRunSteps seedScale(int scale) {
    this.seedScale = scale;
    return this;
  }

  @Override
  public RunPlan validate(RunRequest request) {
    List<String> problems = new ArrayList<>();
    Optional<Baselines> baselines = loadBaselines(request.baselinesFile(), problems);
    Optional<Suite> suite = baselines.flatMap(b -> loadSuite(request, b, problems));
    Optional<AcceptedRun> accepted =
        request.against().flatMap(against -> loadAccepted(against, request.suite(), problems));
    if (request.against().isPresent()) {
      calibrationProblem().ifPresent(problems::add);
    }
    List<FaultSpec> faults = new ArrayList<>();
    for (String injection : request.injections()) {
      try {
        faults.add(FaultSpec.parse(injection));
      } catch (IllegalArgumentException e) {
        problems.add("--inject: " + e.getMessage());
      }
    }
    Optional<TargetProfile> external =
        request.embedded() ? Optional.empty() : Optional.of(externalProfile(request, problems));
    problems.addAll(OutFolder.problems(request.reportsRoot()));
    if (suite.isEmpty()) {
      throw new BadInputException(problems);
    }
    problems.addAll(Suites.coverageProblems(suite.get(), baselines.get(), request.allowUngated()));
    LoadPlan plan;
    try {
      plan =
          new LoadPlan(
              external.orElse(LOOPBACK_PLACEHOLDER),
              suite.get(),
              request.duration(),
              request.rateScale(),
              request.reportsRoot().resolve(GATLING_DIR),
              false,
              request.safety().overrideCaps(),
              request.shard().shard());
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
    Optional<ProvisionSettings> provisioning = Optional.empty();
    if (external.isPresent() && problems.isEmpty()) {
      List<String> unmet = LoadRunner.problems(plan);
      if (!unmet.isEmpty() && request.provision()) {
        // The accounts file is missing or short: the dataset is provisioned when the target
        // "starts"; until then the journeys are checked against the dataset that will exist.
        provisioning = provisionSettings(request, external.get(), problems);
        unmet =
            provisioning
                .map(p -> LoadRunner.problems(plan.withTarget(planned(external.get(), p))))
                .orElse(List.of());
      }
      problems.addAll(unmet);
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    return new RunPlan(request, baselines.get(), plan, accepted, faults, external, provisioning);
  }

  /** A calibration file the relative gate would read but cannot, checked before any load. */
  private static Optional<String> calibrationProblem() {
    try {
      CalibrationFile.load();
      return Optional.empty();
    } catch (CalibrationException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Where an embedded run's plan points until its target has started; nothing is sent to it. */
  private static final TargetProfile LOOPBACK_PLACEHOLDER =
      TargetProfile.builder(URI.create("http://127.0.0.1")).build();

  private static Optional<Baselines> loadBaselines(Path file, List<String> problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(
          "--baselines: file not found (expected a baselines YAML, got "
              + LoadgateHome.display(file)
              + "). The default is baselines/production.yaml in the loadgate folder.");
      return Optional.empty();
    }
    try {
      return Optional.of(BaselinesLoader.load(file));
    } catch (BaselineException e) {
      e.problems().forEach(problem -> problems.add(problem.toString()));
      return Optional.empty();
    }
  }

  private static Optional<Suite> loadSuite(
      RunRequest request, Baselines baselines, List<String> problems) {
    Map<String, Suite> suites;
    try {
      suites = Suites.load(request.suitesFile(), baselines);
    } catch (SuiteException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
    Suite suite = suites.get(request.suite());
    if (suite == null) {
      problems.add(
          "--suite: unknown suite \""
              + request.suite()
              + "\" (expected one of "
              + String.join(", ", suites.keySet())
              + ")."
              + Suggestions.hint(request.suite(), suites.keySet()));
    }
    return Optional.ofNullable(suite);
  }

  private static Optional<AcceptedRun> loadAccepted(
      String against, String suiteName, List<String> problems) {
    Path given = Path.of(against);
    Path folder =
        Files.isDirectory(given)
            ? given
            : LoadgateHome.resolveDefault(LoadgateHome.DEFAULT_ACCEPTED).resolve(against);
    try {
      AcceptedRun accepted = AcceptedRuns.load(folder);
      Optional<String> unfit = AcceptedRuns.unfitAsReferenceFor(folder, suiteName);
      if (unfit.isPresent()) {
        problems.add("--against " + unfit.get());
        return Optional.empty();
      }
      return Optional.of(accepted);
    } catch (AcceptedRunException e) {
      problems.add("--against: " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<ProvisionSettings> provisionSettings(
      RunRequest request, TargetProfile external, List<String> problems) {
    return ProvisionInputs.read(
        request.target().orElseThrow(),
        request.authUrl().orElse(null),
        ProvisionInputs.DEFAULT_SUBSCRIBERS,
        ProvisionInputs.DEFAULT_EMPLOYEES,
        ProvisionInputs.DEFAULT_APPROVED_LETTERS,
        external.admin().map(Account::email).orElse(null),
        request.accountsFile().orElseThrow(),
        environment,
        problems);
  }

  /** {@code profile} with placeholders for the accounts {@code settings} will provision. */
  private static TargetProfile planned(TargetProfile profile, ProvisionSettings settings) {
    List<Account> accounts = new ArrayList<>();
    int readers = Provisioner.readers(settings.subscribers(), settings.approvedLetters());
    for (int i = 0; i < settings.subscribers(); i++) {
      accounts.add(
          new Account(
              "planned-" + i + "@" + Account.SYNTHETIC_DOMAIN,
              settings.accountPassword(),
              "subscriber",
              "",
              i < readers ? List.of("planned") : List.of()));
    }
    for (int i = 0; i < settings.employees(); i++) {
      accounts.add(
          new Account(
              "planned-emp-" + i + "@" + Account.SYNTHETIC_DOMAIN,
              settings.accountPassword(),
              "employee",
              "EMP-PLANNED",
              List.of()));
    }
    return withAccounts(profile, settings.admin().or(profile::admin), accounts);
  }

  private static TargetProfile withAccounts(
      TargetProfile profile, Optional<Account> admin, List<Account> accounts) {
    return new TargetProfile(
        profile.appUrl(),
        profile.authUrl(),
        profile.supabaseAnonKey(),
        admin,
        profile.adminPortalKey(),
        profile.stripeWebhookSecret(),
        profile.stripeSecretKey(),
        profile.cronSecret(),
        profile.databaseUrl(),
        accounts);
  }

  private TargetProfile externalProfile(RunRequest request, List<String> problems) {
    AccountsFile accounts = new AccountsFile(Optional.empty(), List.of());
    boolean toProvision =
        request.provision()
            && request.accountsFile().filter(f -> !Files.isRegularFile(f)).isPresent();
    if (request.accountsFile().isPresent() && !toProvision) {
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
    if (plan.externalTarget().isPresent()) {
      return plan.provisioning().isEmpty()
          ? new ExternalTarget(plan.externalTarget().get(), plan.request(), List.of())
          : provisioned(plan, plan.provisioning().get());
    }
    EmbeddedTarget target =
        EmbeddedTargets.start(
            EmbeddedTargetSpec.forLoad(AppSecrets.fromEnvironment(environment))
                .withFaults(plan.faults())
                .withSeedScale(seedScale));
    return new ChildTarget(target, plan.faults());
  }

  /** {@code run --provision}: the dataset is created first, then the target is what it gives. */
  private static Target provisioned(RunPlan plan, ProvisionSettings settings) {
    Provisioner.Result result;
    try {
      result = new Provisioner(settings, step -> {}).run();
    } catch (ProvisionException e) {
      throw new IncompleteRunException("--provision: " + e.getMessage(), e);
    }
    Path file = plan.request().accountsFile().orElseThrow();
    try {
      ProvisionInputs.write(file, plan.request().target().orElseThrow(), result);
    } catch (java.io.UncheckedIOException e) {
      throw new IncompleteRunException(
          "--accounts: cannot write " + LoadgateHome.display(file) + " (" + e.getMessage() + ").",
          e);
    }
    TargetProfile profile =
        withAccounts(plan.externalTarget().orElseThrow(), result.admin(), result.accounts());
    String note =
        String.format(
            java.util.Locale.ROOT,
            "provisioned on the target (--provision): %d users created, %d reused; %d annual"
                + " plans bought; %d letters approved, %d reused; accounts in %s",
            result.usersCreated(),
            result.usersReused(),
            result.plansBought(),
            result.lettersApproved(),
            result.lettersReused(),
            LoadgateHome.display(file));
    return new ExternalTarget(profile, plan.request(), List.of(note));
  }

  @Override
  public List<String> preflight(Target target) {
    List<String> notes = new ArrayList<>();
    if (target instanceof ExternalTarget external) {
      notes.addAll(external.notes());
    }
    notes.addAll(new HealthPreflight().check(target.profile()));
    return notes;
  }

  @Override
  public LoadResult load(RunPlan plan, Target target, Recording recording) {
    quietGatlingConsole();
    LoadOutcome outcome = LoadRunner.run(plan.load().withTarget(target.profile()), recording);
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
        switch (plan.suiteSpec().jmh()) {
          case PRE_RELEASE -> BenchmarkSettings.preRelease();
          case SMOKE -> BenchmarkSettings.smoke();
        };
    return BenchmarkRunner.run(
        new BenchmarkPlan(target.profile(), target.jdbcUrl().map(Secret::reveal), settings));
  }

  @Override
  public List<Check> judge(RunPlan plan, Measurements measurements) {
    EvaluationOptions options = plan.evaluation();
    if (plan.accepted().isPresent()) {
      // The relative gate allows for this machine's run-to-run drift (loadgate calibrate).
      options = options.calibrated(CalibrationFile.load());
    }
    return VerdictEngine.evaluate(plan.baselines(), measurements, options);
  }

  @Override
  public boolean stopsWhenDecided(RunPlan plan) {
    return plan.load().measuredStages().size() == 1;
  }

  @Override
  public boolean everyGatedCheckDecided(RunPlan plan, Measurements snapshot) {
    return EarlyStopRule.decided(plan.baselines(), judge(plan, snapshot));
  }

  @Override
  public void closeArrivals() {
    LoadRunner.closeArrivals();
  }

  @Override
  public List<String> sizing(RunPlan plan) {
    return RunSizing.lines(
        plan.baselines(),
        plan.evaluation(),
        plan.suiteSpec().detectShare(),
        plan.load()::arrivalRatePerSec,
        plan.measure().toSeconds());
  }

  @Override
  public List<String> notes(RunPlan plan, Environment environment) {
    return plan.accepted().map(run -> run.environmentDifferences(environment)).orElse(List.of());
  }

  @Override
  public Environment environment(RunPlan plan) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("rate-scale", String.valueOf(plan.request().rateScale()));
    plan.request().duration().ifPresent(d -> extra.put("duration", d.toString()));
    if (!plan.faults().isEmpty()) {
      extra.put("faults", plan.faults().toString());
    }
    if (plan.request().jmh()) {
      extra.put("jmh", "true");
    }
    extra.put(RunIdentity.VERSION_KEY, VersionCommand.version());
    extra.put(RunIdentity.BASELINES_DIGEST_KEY, RunIdentity.digest(plan.request().baselinesFile()));
    extra.putAll(plan.request().shard().environmentExtra());
    return Environment.capture(plan.request().targetDisplay(), plan.suite(), extra);
  }

  @Override
  public Path writeReports(RunPlan plan, RunResult result) {
    return RunReports.write(plan.request().reportsRoot(), result);
  }

  @Override
  public Optional<Path> beginRunFolder(RunPlan plan, RunResult started) {
    Path folder;
    try {
      folder = RunReports.begin(plan.request().reportsRoot(), started);
    } catch (RunFolderException | java.io.UncheckedIOException e) {
      throw new BadInputException(List.of("--out: " + e.getMessage()));
    }
    RunLog.into(folder);
    return Optional.of(folder);
  }

  @Override
  public Optional<LiveMeasurementLog> recordLive(
      Path runFolder, Recording recording, Consumer<String> onError) {
    return Optional.of(
        LiveMeasurementLog.start(
            runFolder, recording, LiveMeasurementLog.DEFAULT_FLUSH_INTERVAL, onError));
  }

  @Override
  public List<String> loggedProblems() {
    return RunLog.active().map(RunLog::consoleLines).orElse(List.of());
  }

  @Override
  public Path finishRunFolder(RunPlan plan, Path runFolder, RunResult result) {
    try {
      return RunReports.finish(runFolder, result);
    } catch (RuntimeException e) {
      try {
        // Best effort: say why in results.json; on a full disk the folder keeps the start's
        // results.json, which marks it incomplete too.
        RunReports.rewriteResults(
            runFolder,
            new RunResult(
                result.metadata(),
                false,
                "the reports could not be written: " + e.getMessage(),
                result.checks(),
                result.measurements(),
                result.notes()));
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
  }

  /**
   * The reference app with its embedded database in a child JVM, stopped by {@link #close()} (and
   * with loadgate, however it ends).
   */
  private record ChildTarget(EmbeddedTarget target, List<FaultSpec> faults) implements Target {
    ChildTarget {
      faults = List.copyOf(faults);
    }

    @Override
    public TargetProfile profile() {
      return target.profile();
    }

    @Override
    public Optional<Secret> jdbcUrl() {
      return Optional.of(target.jdbcUrl());
    }

    @Override
    public java.util.OptionalLong pid() {
      return java.util.OptionalLong.of(target.pid());
    }

    @Override
    public String description() {
      return "embedded reference app at "
          + target.baseUrl()
          + " (own JVM, pid "
          + target.pid()
          + ")"
          + (faults.isEmpty() ? "" : ", injecting " + faults);
    }

    @Override
    public void close() {
      target.close();
    }
  }

  /** A target loadgate did not start and does not stop. */
  private record ExternalTarget(TargetProfile profile, RunRequest request, List<String> notes)
      implements Target {
    ExternalTarget {
      notes = List.copyOf(notes);
    }

    @Override
    public Optional<Secret> jdbcUrl() {
      return request.databaseUrl();
    }

    @Override
    public String description() {
      return request.targetDisplay() + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }

    @Override
    public void close() {}
  }
}
