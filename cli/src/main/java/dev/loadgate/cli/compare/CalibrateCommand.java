package dev.loadgate.cli.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.options.QuantityConverters;
import dev.loadgate.cli.progress.Progress;
import dev.loadgate.cli.run.ModuleRunSteps;
import dev.loadgate.cli.run.RunControl;
import dev.loadgate.cli.run.ShutdownGuard;
import dev.loadgate.compare.Calibration;
import dev.loadgate.compare.CalibrationSummary;
import dev.loadgate.compare.CompareReports;
import dev.loadgate.compare.CompareResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadgate calibrate}: repeated A/A side by side; this machine's noise, for the gates. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Starts two identical embedded reference apps once and compares them side by side"
          + " --repeats times (A/A). Reports per check how often the comparison called a change"
          + " that is not there (false alarms), the spread of the p95 ratio, the run-to-run drift of"
          + " the p95 beyond its sampling error, and the smallest change a comparison of"
          + " --for-duration could detect. Writes the drift to baselines/calibration.json, which"
          + " the relative gate (run --against, gate --against) reads.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate calibrate                                 # 20 repeats of 30 s measured",
      "  loadgate calibrate --repeats 40 --duration 20s --for-duration 5m",
      "  loadgate calibrate --write /tmp/calibration.json   # look before replacing the file",
      "",
      "Exit codes: 0 written, 1 A/A false alarms above 1 %% of comparisons (the file is still"
          + " written), 2 bad input, 3 incomplete (nothing written)."
    })
public final class CalibrateCommand implements Callable<Integer> {
  static final int MAX_REPEATS = 200;

  @Spec private CommandSpec spec;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      defaultValue = "20",
      description = "Side-by-side A/A comparisons, 2 to " + MAX_REPEATS + ". Default: 20.")
  private int repeats;

  @Option(
      names = "--duration",
      paramLabel = "D",
      defaultValue = "30s",
      converter = QuantityConverters.DurationConverter.class,
      description = "The measured phase of each repeat. Default: 30s.")
  private Duration duration;

  @Option(
      names = "--for-duration",
      paramLabel = "D",
      converter = QuantityConverters.DurationConverter.class,
      description = "The run length to print the detectable effect for. Default: the suite's.")
  private Duration forDuration;

  @Option(
      names = "--suite",
      paramLabel = "NAME",
      defaultValue = "smoke",
      description = "The suite each repeat runs. Default: smoke.")
  private String suite;

  @Option(
      names = "--baselines",
      paramLabel = "FILE",
      description = "Default: baselines/production.yaml.")
  private Path baselines;

  @Option(names = "--suites", paramLabel = "FILE", description = "Default: baselines/suites.yaml.")
  private Path suites;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where each repeat's folder goes. Default: reports/.")
  private Path out;

  @Option(
      names = "--write",
      paramLabel = "FILE",
      description = "Where the calibration goes. Default: " + CalibrationFile.DEFAULT + ".")
  private Path write;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "First repeat's seed (then +1 each). Default: 1.")
  private long seed;

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    if (repeats < 2 || repeats > MAX_REPEATS) {
      problems.add(
          "--repeats: must be between 2 and "
              + MAX_REPEATS
              + " (expected e.g. 20, got "
              + repeats
              + "). A spread needs at least two comparisons.");
    }
    CompareCommand compare = new CompareCommand();
    CommandLine.populateCommand(compare, args());
    CompareRequest request = compare.request(problems);
    PrintWriter console = spec.commandLine().getOut();
    RunControl control = new RunControl();
    ShutdownGuard guard = ShutdownGuard.install(control, spec.commandLine().getErr());
    int code = 3;
    try {
      List<CompareResult> results = new ArrayList<>();
      SideBySideRun.Validated validated;
      String incomplete = null;
      try (Progress progress = Progress.start(console, Progress.interactiveTerminal())) {
        SideBySideRun runner =
            new SideBySideRun(ModuleRunSteps::new, progress, Clock.systemUTC(), control);
        validated = runner.validate(request, problems);
        control.started();
        try (SideBySideRun.Targets targets = new SideBySideRun.Targets()) {
          incomplete = runner.start(validated, targets);
          for (int i = 0; i < repeats && incomplete == null; i++) {
            progress.message("repeat " + (i + 1) + " of " + repeats);
            CompareResult result = runner.measure(validated, targets, seed + i, i == 0);
            CompareReports.write(request.reportsRoot(), result, validated.sources());
            if (!result.complete()) {
              incomplete = "repeat " + (i + 1) + ": " + result.incompleteReason();
            }
            results.add(result);
          }
        }
      }
      console.println();
      if (incomplete != null) {
        console.println("calibrate: incomplete (exit 3), nothing written: " + incomplete);
        console.flush();
        return code;
      }
      Duration target = forDuration != null ? forDuration : validated.suiteDuration();
      CalibrationSummary summary =
          CalibrationSummary.of(results, validated.baselines(), duration, target);
      Path file =
          write != null
              ? write.toAbsolutePath()
              : LoadgateHome.resolveDefault(CalibrationFile.DEFAULT);
      ObjectNode evidence = Calibration.newEvidence();
      evidence.put("measuredAt", Instant.now().toString());
      summary.describe(evidence, results.get(0).environment());
      Calibration.write(file, evidence);
      console.println(summary.render());
      console.println("calibration: " + LoadgateHome.display(file));
      console.flush();
      code = summary.falseAlarmShare() > 0.01 ? 1 : 0;
      return code;
    } finally {
      control.finished(code);
      guard.close();
    }
  }

  private String[] args() {
    List<String> args =
        new ArrayList<>(List.of("--suite", suite, "--duration", duration.getSeconds() + "s"));
    if (baselines != null) {
      args.addAll(List.of("--baselines", baselines.toString()));
    }
    if (suites != null) {
      args.addAll(List.of("--suites", suites.toString()));
    }
    if (out != null) {
      args.addAll(List.of("--out", out.toString()));
    }
    return args.toArray(String[]::new);
  }
}
