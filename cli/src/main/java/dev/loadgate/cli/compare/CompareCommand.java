package dev.loadgate.cli.compare;

import dev.loadgate.baseline.Percent;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.options.QuantityConverters;
import dev.loadgate.cli.options.TargetSafetyOptions;
import dev.loadgate.cli.progress.Progress;
import dev.loadgate.cli.run.ModuleRunSteps;
import dev.loadgate.cli.run.RunControl;
import dev.loadgate.cli.run.RunRequest;
import dev.loadgate.cli.run.ShutdownGuard;
import dev.loadgate.cli.safety.TargetPolicy;
import dev.loadgate.compare.CompareOptions;
import dev.loadgate.compare.CompareReports;
import dev.loadgate.compare.CompareResult;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadgate compare}: a baseline and a candidate loaded side by side, per-path verdicts. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Loads a baseline and a candidate at the same moment with one arrival schedule: each"
          + " arriving journey goes to one of them, in seeded randomised blocks of two, so both"
          + " see the same machine noise (duet benchmarking). Per latency check: the ratio of the"
          + " p95s with its interval and a test for a shift of the whole distribution, Holm-corrected"
          + " over all checks, with a minimum effect; REGRESSED, SAME or IMPROVED.",
      "Without --baseline and --candidate it starts two embedded reference apps, each with its"
          + " own PostgreSQL, exactly as loadgate run starts one. Writes reports/<run-id>/"
          + " (report.html, summary.md, junit.xml, compare.json, both sides' histograms).",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate compare                                   # two embedded apps: expect no change",
      "  loadgate compare --inject-candidate auth=+40ms     # auth REGRESSED, exit 1",
      "  loadgate compare --baseline https://main.example.com --candidate https://pr-42.example.com \\",
      "                   --allow-host main.example.com --allow-host pr-42.example.com \\",
      "                   --baseline-accounts main.yaml --candidate-accounts pr.yaml",
      "",
      "Each side gets the suite's arrival rates (the shared schedule runs at twice them).",
      "Exit codes: 0 no gated check regressed, 1 a gated check regressed or had too few samples,"
          + " 2 bad input, 3 incomplete. Method and measured error rates: docs/verdicts.md."
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--baseline", paramLabel = "URL", description = "The baseline app's URL.")
  private String baselineUrl;

  @Option(names = "--candidate", paramLabel = "URL", description = "The candidate app's URL.")
  private String candidateUrl;

  @Option(
      names = "--inject-candidate",
      paramLabel = "PATH=FAULT",
      description =
          "A fault in the embedded candidate only, e.g. auth=+40ms or payment=error:5%%."
              + " Repeatable.")
  private List<String> injections = new ArrayList<>();

  @Option(
      names = "--suite",
      paramLabel = "NAME",
      defaultValue = "smoke",
      description = "smoke, pre-release or one journey. Default: smoke.")
  private String suite;

  @Option(
      names = "--baselines",
      paramLabel = "FILE",
      description = "Default: baselines/production.yaml.")
  private Path baselines;

  @Option(names = "--suites", paramLabel = "FILE", description = "Default: baselines/suites.yaml.")
  private Path suites;

  @Option(names = "--out", paramLabel = "DIR", description = "Default: reports/.")
  private Path out;

  @Option(
      names = "--duration",
      paramLabel = "D",
      converter = QuantityConverters.DurationConverter.class,
      description = "The measured phase, e.g. 30s or 5m. Default: the suite's.")
  private Duration duration;

  @Option(
      names = "--rate-scale",
      paramLabel = "X",
      defaultValue = "1",
      description = "Multiplies every arrival rate of each side. Default: 1.")
  private double rateScale;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of the arrival assignment (reproduces it). Default: a random one, recorded.")
  private Long seed;

  @Option(
      names = "--min-effect",
      paramLabel = "PERCENT",
      defaultValue = "5%",
      description = "The smallest change that counts, e.g. 5%%. Default: 5%%.")
  private String minEffect;

  @Option(
      names = "--min-effect-ms",
      paramLabel = "MS",
      defaultValue = "2",
      description = "The smallest change that counts in milliseconds. Default: 2.")
  private double minEffectMillis;

  @Option(
      names = "--baseline-accounts",
      paramLabel = "FILE",
      description = "Accounts of an external baseline.")
  private Path baselineAccounts;

  @Option(
      names = "--candidate-accounts",
      paramLabel = "FILE",
      description = "Accounts of an external candidate.")
  private Path candidateAccounts;

  @Mixin private TargetSafetyOptions targetSafety;

  @Option(
      names = "--max-rate",
      paramLabel = "USERS_PER_SEC",
      description = "Your cap on each side's total arrival rate.")
  private Double maxRate;

  @Option(names = "--override-caps", description = "Lift the suite's caps on rate and duration.")
  private boolean overrideCaps;

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    CompareRequest request = request(problems);
    PrintWriter console = spec.commandLine().getOut();
    RunControl control = new RunControl();
    ShutdownGuard guard = ShutdownGuard.install(control, spec.commandLine().getErr());
    int code = 3;
    try {
      CompareResult result;
      Path dir;
      try (Progress progress = Progress.start(console, Progress.interactiveTerminal())) {
        SideBySideRun runner =
            new SideBySideRun(ModuleRunSteps::new, progress, Clock.systemUTC(), control);
        SideBySideRun.Validated validated = runner.validate(request, problems);
        control.started();
        progress.message("seed " + request.seed() + "; each side gets the suite's arrival rates");
        result = runner.run(validated);
        dir = CompareReports.write(request.reportsRoot(), result, validated.sources());
      }
      console.println();
      console.println(CompareConsole.render(result));
      console.println("report: " + LoadgateHome.display(dir.resolve("report.html")));
      console.flush();
      code = result.exitCode();
      return code;
    } finally {
      control.finished(code);
      guard.close();
    }
  }

  /** Both sides' run requests and the rule; every problem with the options goes to problems. */
  CompareRequest request(List<String> problems) {
    Optional<URI> base = url("--baseline", baselineUrl, problems);
    Optional<URI> cand = url("--candidate", candidateUrl, problems);
    if ((baselineUrl == null) != (candidateUrl == null)) {
      problems.add(
          "--baseline/--candidate: give both URLs or neither (expected two external targets or"
              + " two embedded ones, got only "
              + (baselineUrl == null ? "--candidate" : "--baseline")
              + "). Without URLs loadgate starts two embedded reference apps.");
    }
    if (!injections.isEmpty() && candidateUrl != null) {
      problems.add(
          "--inject-candidate: faults can only be injected into the embedded candidate (expected"
              + " no --candidate, got --candidate "
              + candidateUrl
              + "). Drop the URLs to see the fault on the embedded apps.");
    }
    boolean rateScaleValid = rateScale > 0 && !Double.isInfinite(rateScale);
    if (!rateScaleValid) {
      problems.add(
          "--rate-scale: must be a positive number (expected e.g. 0.5 or 2, got "
              + rateScale
              + ").");
    }
    boolean durationValid = duration == null || !(duration.isZero() || duration.isNegative());
    if (!durationValid) {
      problems.add("--duration: must be positive (expected e.g. 30s, got " + duration + ").");
    }
    CompareOptions options = CompareOptions.DEFAULT;
    try {
      double percent = Percent.parse(minEffect).fraction();
      options =
          new CompareOptions(CompareOptions.DEFAULT.familyAlpha(), 1 + percent, minEffectMillis);
    } catch (IllegalArgumentException e) {
      problems.add(
          "--min-effect/--min-effect-ms: "
              + e.getMessage()
              + (e.getMessage().endsWith(".") ? "" : ".")
              + " (expected e.g. --min-effect 5% --min-effect-ms 2, got "
              + minEffect
              + " and "
              + minEffectMillis
              + ").");
    }
    if (maxRate != null && !(maxRate > 0)) {
      problems.add("--max-rate: must be positive (expected e.g. 2, got " + maxRate + ").");
    }
    List<String> hosts = targetSafety.allowedHosts(problems);
    RunRequest.SafetyOptions safety =
        new RunRequest.SafetyOptions(
            hosts,
            targetSafety.productionDomains(),
            targetSafety.productionAcknowledged(),
            Optional.ofNullable(maxRate),
            overrideCaps);
    TargetPolicy policy =
        new TargetPolicy(
            hosts, safety.productionDomains(), safety.productionAcknowledged(), maxRate != null);
    base.ifPresent(u -> problems.addAll(policy.problems("--baseline", u)));
    cand.ifPresent(u -> problems.addAll(policy.problems("--candidate", u)));
    Path reports = LoadgateHome.orDefault(out, LoadgateHome.DEFAULT_REPORTS);
    RunRequest baseline =
        side(base, List.of(), baselineAccounts, reports, durationValid, rateScaleValid, safety);
    RunRequest candidate =
        side(cand, injections, candidateAccounts, reports, durationValid, rateScaleValid, safety);
    long theSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
    return new CompareRequest(baseline, candidate, options, theSeed, reports);
  }

  private RunRequest side(
      Optional<URI> target,
      List<String> faults,
      Path accounts,
      Path reports,
      boolean durationValid,
      boolean rateScaleValid,
      RunRequest.SafetyOptions safety) {
    return new RunRequest(
        target,
        Optional.empty(),
        suite,
        LoadgateHome.orDefault(baselines, LoadgateHome.DEFAULT_BASELINES),
        LoadgateHome.orDefault(suites, LoadgateHome.DEFAULT_SUITES),
        Optional.empty(),
        reports,
        Optional.ofNullable(durationValid ? duration : null),
        rateScaleValid ? rateScale : 1,
        faults,
        false,
        Optional.empty(),
        Optional.ofNullable(accounts).map(p -> p.toAbsolutePath().normalize()),
        safety,
        List.of());
  }

  static Optional<URI> url(String option, String text, List<String> problems) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (uri.getScheme() == null || uri.getHost() == null || uri.getUserInfo() != null) {
        problems.add(
            option
                + ": not an absolute URL without credentials (expected e.g."
                + " https://staging.example.com, got \""
                + (uri.getUserInfo() != null ? uri.getScheme() + "://…@" + uri.getHost() : text)
                + "\"). Secrets go in environment variables; see docs/safety.md.");
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
