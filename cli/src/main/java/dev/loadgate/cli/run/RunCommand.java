package dev.loadgate.cli.run;

import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.options.DatabaseUrlOption;
import dev.loadgate.cli.options.GateCoverageOptions;
import dev.loadgate.cli.options.QuantityConverters;
import dev.loadgate.cli.options.TargetSafetyOptions;
import dev.loadgate.cli.progress.Progress;
import dev.loadgate.cli.safety.TargetPolicy;
import dev.loadgate.cli.scaleout.ShardAssignment;
import dev.loadgate.cli.scaleout.ShardOptions;
import dev.loadgate.config.Quantities;
import dev.loadgate.targets.Secret;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadgate run}: load a target, judge it against the baselines, write the report. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Loads a target with a suite of journeys, judges every documented limit in the baselines"
          + " file and writes reports/<run-id>/ (report.html, summary.md, junit.xml,"
          + " results.json, histograms).",
      "The run folder is written as the run goes: a crash or kill -9 leaves every sample up to"
          + " its last second, marked incomplete (loadgate gate judges it: exit 3).",
      "Without --target it starts embedded PostgreSQL and the reference app on free loopback"
          + " ports, seeds them, and stops both at the end.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate run                                   # smoke suite against the embedded app",
      "  loadgate run --inject download=+2500ms         # watch the gate fail on a slow download",
      "  loadgate run --suite auth --max-duration 30s   # one journey, at most 30 s measured",
      "  loadgate run --max-duration 5m                 # stops earlier once every gated check is decided",
      "  loadgate run --target https://staging.example.com --allow-host staging.example.com \\",
      "               --db-url \"$STAGING_JDBC_URL\"       # a staging deployment",
      "  loadgate run --against 20261129T071502Z-smoke  # also gate against an accepted run",
      "  loadgate run --target http://127.0.0.1:8080 --accounts accounts.yaml \\",
      "               --shard 1/3 --run-group rel-7     # shard 1 of 3; see loadgate merge",
      "  loadgate run --target http://127.0.0.1:8080 --accounts lg-accounts.yaml --provision",
      "  loadgate run --suites my.yaml --allow-ungated 'db.*'  # db checks reported, not gated",
      "",
      "Exit codes: 0 pass (warnings allowed), 1 gate failed, 2 bad input, 3 run incomplete.",
      "Secrets for an external target come from the environment: ADMIN_PORTAL_KEY,"
          + " STRIPE_WEBHOOK_SECRET, CRON_SECRET, STRIPE_SECRET_KEY (test keys only),"
          + " SUPABASE_ANON_KEY, LOADGATE_DB_URL. See docs/safety.md."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--target",
      paramLabel = "URL",
      description = "The app's base URL. Default: the embedded reference app.")
  private String target;

  @Option(
      names = "--auth-url",
      paramLabel = "URL",
      description = "The Supabase Auth base URL of an external target. Default: the target URL.")
  private String authUrl;

  @Option(
      names = "--suite",
      paramLabel = "NAME",
      defaultValue = "smoke",
      description =
          "smoke, pre-release or one journey (see baselines/suites.yaml). Default: smoke.")
  private String suite;

  @Option(
      names = "--baselines",
      paramLabel = "FILE",
      description = "The baselines. Default: baselines/production.yaml.")
  private Path baselines;

  @Option(
      names = "--suites",
      paramLabel = "FILE",
      description = "The suite definitions. Default: baselines/suites.yaml.")
  private Path suites;

  @Option(
      names = "--against",
      paramLabel = "ACCEPTED",
      description =
          "Also gate against an accepted run: a folder, or a run id under baselines/accepted/.")
  private String against;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where run folders are written. Default: reports/.")
  private Path out;

  @Option(
      names = {"--max-duration", "--duration"},
      paramLabel = "D",
      converter = QuantityConverters.DurationConverter.class,
      description =
          "The measured phase's longest length, e.g. 30s or 5m; it ends earlier once every gated"
              + " check is decided (suites without a soak). Default: the suite's duration.")
  private Duration duration;

  @Option(
      names = "--rate-scale",
      paramLabel = "X",
      defaultValue = "1",
      description =
          "Multiplies every arrival rate (0.5 halves the load), at most 1000. Default: 1.")
  private String rateScale;

  @Option(
      names = "--inject",
      paramLabel = "PATH=FAULT",
      description =
          "A fault for the embedded app, e.g. download=+2500ms or payment=error:5%%. Repeatable.")
  private List<String> injections = new ArrayList<>();

  @Option(names = "--jmh", description = "Also run the JMH service-time benchmarks.")
  private boolean jmh;

  @Mixin private DatabaseUrlOption databaseUrl;

  @Option(
      names = "--accounts",
      paramLabel = "FILE",
      description = "Synthetic accounts of an external target (YAML; see docs/safety.md).")
  private Path accounts;

  @Option(
      names = "--provision",
      description =
          "When the --accounts file is missing or short, create the dataset on the external target"
              + " first, as loadgate provision does, and write the file (see loadgate provision"
              + " --help for its variables).")
  private boolean provision;

  @Mixin private TargetSafetyOptions targetSafety;

  @Option(
      names = "--max-rate",
      paramLabel = "USERS_PER_SEC",
      description = "Your own cap on the total arrival rate; required for production hosts.")
  private String maxRate;

  @Option(
      names = "--override-caps",
      description = "Lift the suite's hard caps on arrival rate and duration.")
  private boolean overrideCaps;

  @Mixin private GateCoverageOptions gateCoverage;

  @Mixin private ShardOptions shardOptions = new ShardOptions();

  private final Supplier<RunSteps> stepsFactory;

  /** The command with the real modules behind it. */
  public RunCommand() {
    this(ModuleRunSteps::new);
  }

  /** The command with other steps behind it (tests). */
  public RunCommand(Supplier<RunSteps> stepsFactory) {
    this.stepsFactory = stepsFactory;
  }

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    RunRequest request = request(problems);
    PrintWriter console = spec.commandLine().getOut();
    RunControl control = new RunControl();
    boolean debug = debug();
    ShutdownGuard guard = ShutdownGuard.install(control, spec.commandLine().getErr());
    try (Progress progress = Progress.start(console, Progress.interactiveTerminal())) {
      return new RunPipeline(
              stepsFactory.get(), console, progress, Clock.systemUTC(), control, debug)
          .run(request, problems);
    } finally {
      guard.close();
    }
  }

  private boolean debug() {
    var option = spec.findOption("--debug");
    return option != null && Boolean.TRUE.equals(option.getValue());
  }

  /**
   * The request the options describe. Every problem with the options and the safety rules is added
   * to {@code problems}; the pipeline reports them together with those of the files.
   */
  RunRequest request(List<String> problems) {
    Optional<URI> targetUrl = url("--target", target, problems);
    Optional<URI> authUri = url("--auth-url", authUrl, problems);
    if (authUri.isPresent() && targetUrl.isEmpty()) {
      problems.add(
          "--auth-url: only an external target has a separate auth URL (expected --target too,"
              + " got --auth-url alone). The embedded app serves auth itself.");
    }
    Optional<Double> scale = number("--rate-scale", rateScale, Quantities.MAX_SCALE, problems);
    Optional<Double> cap =
        maxRate == null
            ? Optional.empty()
            : number("--max-rate", maxRate, Quantities.MAX_RATE_PER_SEC, problems);
    if (!injections.isEmpty() && targetUrl.isPresent()) {
      problems.add(
          "--inject: faults can only be injected into the embedded reference app (expected no"
              + " --target, got --target "
              + target
              + "). Drop --target to see the fault on the embedded app.");
    }
    if (provision && (targetUrl.isEmpty() || accounts == null)) {
      problems.add(
          "--provision: provisioning needs an external target and the file to keep its accounts in"
              + " (expected --target URL and --accounts FILE, got "
              + (targetUrl.isEmpty() ? "no --target" : "no --accounts")
              + "). The embedded target is seeded already.");
    }
    Optional<Secret> database = databaseUrl.value(System.getenv(), problems);
    List<String> hosts = targetSafety.allowedHosts(problems);
    ShardAssignment shard = shardOptions.resolve(System.getenv(), problems);
    if (shardOptions.asksForShards(System.getenv()) && target == null) {
      problems.add(
          "--shard: the shards of a run load one shared target (expected --target URL, got the"
              + " embedded app, which each shard would start for itself). Start one with loadgate"
              + " serve and pass its URL to every shard.");
    }
    RunRequest request =
        new RunRequest(
            targetUrl,
            authUri,
            suite,
            LoadgateHome.orDefault(baselines, LoadgateHome.DEFAULT_BASELINES),
            LoadgateHome.orDefault(suites, LoadgateHome.DEFAULT_SUITES),
            Optional.ofNullable(against),
            LoadgateHome.orDefault(out, LoadgateHome.DEFAULT_REPORTS),
            // Invalid values are reported above; neutral ones let the files still be checked.
            Optional.ofNullable(duration),
            scale.orElse(1.0),
            injections,
            jmh,
            database,
            Optional.ofNullable(accounts).map(p -> p.toAbsolutePath().normalize()),
            new RunRequest.SafetyOptions(
                hosts,
                targetSafety.productionDomains(),
                targetSafety.productionAcknowledged(),
                cap,
                overrideCaps),
            gateCoverage.allowUngated(),
            provision,
            shard);
    problems.addAll(targetProblems(request));
    return request;
  }

  private static List<String> targetProblems(RunRequest request) {
    RunRequest.SafetyOptions safety = request.safety();
    TargetPolicy policy =
        new TargetPolicy(
            safety.allowHosts(),
            safety.productionDomains(),
            safety.productionAcknowledged(),
            safety.maxRatePerSec().isPresent());
    List<String> problems = new ArrayList<>();
    request.target().ifPresent(url -> problems.addAll(policy.problems("--target", url)));
    request.authUrl().ifPresent(url -> problems.addAll(policy.problems("--auth-url", url)));
    return problems;
  }

  /** A plain positive number through the one grammar; its problem names the option. */
  private static Optional<Double> number(
      String option, String text, double max, List<String> problems) {
    try {
      return Optional.of(Quantities.positiveNumber(text, max));
    } catch (IllegalArgumentException e) {
      problems.add(option + ": " + e.getMessage() + ".");
      return Optional.empty();
    }
  }

  private static Optional<URI> url(String option, String text, List<String> problems) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        problems.add(
            option
                + ": not an absolute URL (expected e.g. https://staging.example.com, got \""
                + text
                + "\").");
        return Optional.empty();
      }
      if (uri.getUserInfo() != null) {
        problems.add(
            option
                + ": credentials in the URL are not accepted (expected a URL without user:password@"
                + "). Secrets go in environment variables; see docs/safety.md.");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      problems.add(
          option
              + ": not a valid URL (expected e.g. https://staging.example.com, got \""
              + text
              + "\").");
      return Optional.empty();
    }
  }
}
