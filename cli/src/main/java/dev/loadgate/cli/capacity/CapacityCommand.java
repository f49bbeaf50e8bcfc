package dev.loadgate.cli.capacity;

import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.options.QuantityConverters;
import dev.loadgate.cli.progress.Progress;
import dev.loadgate.cli.run.RunControl;
import dev.loadgate.cli.run.ShutdownGuard;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadgate capacity}: the staircase to the knee, the USL fit and the runway. */
@Command(
    name = "capacity",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    subcommands = CapacityFitCommand.class,
    description = {
      "Capacity planning: loads the target with an open-model staircase of the journey mix"
          + " (each step settled, then measured), judges every step with the gate's verdicts,"
          + " stops at the first step that breaks a documented limit or error budget and narrows"
          + " the knee by bisection. Reports the knee and the check that breaks first, a"
          + " Universal Scalability Law fit, and the months of growth until the knee and each"
          + " scaling trigger, in reports/<run-id>/capacity.{html,md,json}.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate capacity                                  # production mix, embedded app",
      "  loadgate capacity --current-rate 2.5 --min-runway 6",
      "  loadgate capacity --seed-scale 10                  # also at 10x data, beside 1x",
      "  loadgate capacity --mix download --start-rate 2 --step-duration 20s",
      "  loadgate capacity --inject 'download=capacity:8/s' # a known capacity limit",
      "  loadgate capacity fit steps.csv --json             # the USL fit alone",
      "",
      "Exit codes: 0 runway at least --min-runway, 1 shorter (or unknown), 2 bad input,"
          + " 3 incomplete (the run folder keeps the steps measured so far)."
    })
public final class CapacityCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--target", paramLabel = "URL", description = "Default: the embedded app.")
  private String target;

  @Option(
      names = "--allow-host",
      paramLabel = "HOST",
      description = "Allow loading this non-loopback host. Repeatable.")
  private List<String> allowHosts = new ArrayList<>();

  @Option(
      names = "--accounts",
      paramLabel = "FILE",
      description =
          "Synthetic accounts of an external target (YAML; docs/safety.md). Its database for the"
              + " probes comes from LOADGATE_DB_URL.")
  private Path accounts;

  @Option(
      names = "--mix",
      paramLabel = "NAME",
      defaultValue = "production",
      description = "The journey mix: a suite of suites.yaml whose rates give the proportions.")
  private String mix;

  @Option(
      names = "--start-rate",
      paramLabel = "R",
      defaultValue = "4",
      description = "The first step, journeys per second of the whole mix. Default: 4.")
  private double startRate;

  @Option(
      names = "--step-factor",
      paramLabel = "F",
      defaultValue = "1.4",
      description = "Each step's rate over the previous one's. Default: 1.4.")
  private double stepFactor;

  @Option(
      names = "--step-duration",
      paramLabel = "D",
      converter = QuantityConverters.DurationConverter.class,
      description = "Each step's measured time. Default: the mix's duration (40s for production).")
  private Duration stepDuration;

  @Option(
      names = "--max-rate",
      paramLabel = "R",
      defaultValue = "40",
      description = "No step goes above this many journeys per second. Default: 40.")
  private double maxRate;

  @Option(
      names = "--bisections",
      paramLabel = "N",
      defaultValue = "2",
      description = "Steps that narrow the knee after the first break, 0 to 6. Default: 2.")
  private int bisections;

  @Option(
      names = "--current-rate",
      paramLabel = "R",
      description = "Today's production rate, journeys/s. Default: capacity.current in baselines.")
  private Double currentRate;

  @Option(
      names = "--seed-scale",
      paramLabel = "K",
      defaultValue = "1",
      description =
          "Seed the embedded app with K times the data; above 1 runs the staircase at 1x and then"
              + " at Kx, side by side. Default: 1.")
  private int seedScale;

  @Option(
      names = "--min-runway",
      paramLabel = "MONTHS",
      defaultValue = "3",
      description = "The shortest runway that passes (exit 0). Default: 3.")
  private double minRunway;

  @Option(
      names = "--inject",
      paramLabel = "PATH=FAULT",
      description = "A fault for the embedded app, e.g. download=capacity:8/s. Repeatable.")
  private List<String> injections = new ArrayList<>();

  @Option(names = "--baselines", paramLabel = "FILE", description = "Default: production.yaml.")
  private Path baselines;

  @Option(names = "--suites", paramLabel = "FILE", description = "Default: suites.yaml.")
  private Path suites;

  @Option(names = "--out", paramLabel = "DIR", description = "Default: reports/.")
  private Path out;

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    Optional<URI> targetUrl = Optional.empty();
    if (target != null) {
      try {
        URI uri = new URI(target.endsWith("/") ? target.substring(0, target.length() - 1) : target);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new URISyntaxException(target, "not absolute");
        }
        targetUrl = Optional.of(uri);
      } catch (URISyntaxException e) {
        problems.add(
            "--target: not an absolute URL (expected e.g. https://staging.example.com, got \""
                + target
                + "\").");
      }
    }
    CapacityRequest request =
        new CapacityRequest(
            targetUrl,
            allowHosts,
            Optional.ofNullable(accounts).map(p -> p.toAbsolutePath().normalize()),
            mix,
            startRate,
            stepFactor,
            Optional.ofNullable(stepDuration),
            maxRate,
            bisections,
            Optional.ofNullable(currentRate),
            seedScale,
            minRunway,
            injections,
            LoadgateHome.orDefault(baselines, LoadgateHome.DEFAULT_BASELINES),
            LoadgateHome.orDefault(suites, LoadgateHome.DEFAULT_SUITES),
            LoadgateHome.orDefault(out, LoadgateHome.DEFAULT_REPORTS));
    RunControl control = new RunControl();
    ShutdownGuard guard = ShutdownGuard.install(control, spec.commandLine().getErr());
    try (Progress progress =
        Progress.start(spec.commandLine().getOut(), Progress.interactiveTerminal())) {
      return new CapacityRun(
              request, System.getenv(), spec.commandLine().getOut(), progress, control)
          .run(problems);
    } finally {
      guard.close();
    }
  }
}
