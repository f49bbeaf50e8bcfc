package dev.loadgate.cli.gate;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.compare.CalibrationFile;
import dev.loadgate.cli.options.GateCoverageOptions;
import dev.loadgate.cli.run.ConsoleSummary;
import dev.loadgate.compare.CalibrationException;
import dev.loadgate.config.Glob;
import dev.loadgate.config.Suggestions;
import dev.loadgate.measure.MeasurementFormatException;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.report.ResultsJson;
import dev.loadgate.report.ResultsReader;
import dev.loadgate.report.RunMetadata;
import dev.loadgate.report.RunReports;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.run.RunFolderException;
import dev.loadgate.run.RunIds;
import dev.loadgate.scaleout.RunIdentity;
import dev.loadgate.verdict.AcceptedRun;
import dev.loadgate.verdict.AcceptedRunException;
import dev.loadgate.verdict.AcceptedRuns;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.EvaluationOptions;
import dev.loadgate.verdict.VerdictEngine;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loadgate gate RUN_DIR}: judges a run's stored measurements again, without running load,
 * and writes the verdict as a new run folder beside it (the original is never touched).
 */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Re-evaluate the stored measurements of a run against the baselines (and optionally an"
          + " accepted run) without running load. Writes a new run folder and exits with its"
          + " verdict.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate gate reports/20261129T071502Z-smoke",
      "  loadgate gate reports/20261129T071502Z-smoke --baselines my-limits.yaml",
      "  loadgate gate reports/20261129T071502Z-smoke --against baselines/accepted/20261128T200000Z-smoke",
      "  loadgate gate reports/20261129T071502Z-smoke --gate 'latency.*' --gate 'errors.*'",
      "  loadgate gate reports/20261129T071502Z-smoke --baselines new.yaml --allow-ungated 'db.*'",
      "",
      "A --gate pattern that matches no check, and (without --gate) a check the original run never",
      "judged, are bad input: name such a check with --allow-ungated to leave it ungated on purpose.",
      "",
      "Exit codes: 0 pass (warnings allowed), 1 gate failed, 2 bad input, 3 run incomplete."
    })
public final class GateCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR",
      description = "A run folder written by loadgate (reports/<run-id>) or an accepted run.")
  private Path runDir;

  @Option(
      names = "--baselines",
      paramLabel = "FILE",
      description = "The documented limits (default: baselines/production.yaml).")
  private Path baselinesFile;

  @Option(
      names = "--against",
      paramLabel = "ACCEPTED",
      description = "An accepted run folder (baselines/accepted/<run-id>) for regression gates.")
  private Path acceptedDir;

  @Option(
      names = "--out",
      paramLabel = "REPORTS_ROOT",
      description =
          "Where the new run folder goes (default: the folder that holds RUN_DIR when it is a"
              + " run folder, else reports/).")
  private Path reportsRoot;

  @Option(
      names = "--gate",
      paramLabel = "PATTERN",
      split = ",",
      description =
          "Check ids (globs) that can fail the gate. Default: the checks the original run gated,"
              + " or every check when RUN_DIR has no results.json.")
  private List<String> gatePatterns;

  @Mixin private GateCoverageOptions gateCoverage;

  @Option(
      names = "--fail-undecided",
      description = "A check whose 95 %% interval contains its limit fails instead of warning.")
  private boolean failUndecided;

  private final Clock clock;

  /** The command as the CLI registers it. */
  public GateCommand() {
    this(Clock.systemUTC());
  }

  /** The command with a fixed clock, for tests. */
  public GateCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      RunResult result = evaluate();
      Path written = RunReports.write(outputRoot(), result);
      out.println(ConsoleSummary.render(result));
      out.println("report: " + LoadgateHome.display(written.resolve("report.html")));
      out.flush();
      return result.exitCode();
    } catch (GateInputException | BaselineException | AcceptedRunException | RunFolderException e) {
      err.println(spec.qualifiedName() + ": " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
  }

  private RunResult evaluate() {
    Path run = runDir.toAbsolutePath().normalize();
    checkRunFolder(run);
    Measurements measurements = readMeasurements(run);
    Optional<RunResult> original = readOriginal(run);
    original.ifPresent(r -> refuseShard(run, r));
    Path baselinesPath = LoadgateHome.orDefault(baselinesFile, LoadgateHome.DEFAULT_BASELINES);
    Baselines baselines = BaselinesLoader.load(baselinesPath);
    EvaluationOptions options = options(original);
    Environment environment = original.map(r -> r.metadata().environment()).orElse(null);
    if (environment == null) {
      // An accepted run keeps its environment in environment.json instead of results.json.
      environment =
          AcceptedRuns.load(run)
              .environment()
              .orElseGet(() -> Environment.capture("unknown", "unknown", Map.of()));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "re-evaluated from the stored measurements of run "
            + run.getFileName()
            + "; no load was run");
    String acceptedRunId = null;
    if (acceptedDir != null) {
      AcceptedRun accepted = AcceptedRuns.load(acceptedDir);
      Optional<String> unfit = AcceptedRuns.unfitAsReferenceFor(acceptedDir, environment.suite());
      if (unfit.isPresent()) {
        throw new GateInputException("--against " + unfit.get());
      }
      try {
        options = options.against(accepted).calibrated(CalibrationFile.load());
      } catch (CalibrationException e) {
        throw new GateInputException(e.getMessage());
      }
      acceptedRunId = accepted.runId();
      notes.addAll(accepted.environmentDifferences(environment));
    }
    List<Check> checks = VerdictEngine.evaluate(baselines, measurements, options);
    checkGating(checks, original, LoadgateHome.display(baselinesPath));
    Instant now = clock.instant();
    RunMetadata metadata =
        new RunMetadata(
            RunIds.of(now, environment.suite() + "-gate"),
            now,
            now,
            environment,
            LoadgateHome.display(baselinesPath),
            acceptedRunId);
    boolean complete = original.map(RunResult::complete).orElse(true);
    String incompleteReason =
        original
            .map(
                r -> r.complete() ? "" : "the original run was incomplete: " + r.incompleteReason())
            .orElse("");
    return new RunResult(metadata, complete, incompleteReason, checks, measurements, notes);
  }

  private EvaluationOptions options(Optional<RunResult> original) {
    EvaluationOptions options = EvaluationOptions.defaults().failingUndecided(failUndecided);
    List<String> patterns = gatePatterns;
    if (patterns == null && original.isPresent() && !original.get().checks().isEmpty()) {
      patterns = original.get().checks().stream().filter(Check::gated).map(Check::id).toList();
    }
    if (patterns == null) {
      return options;
    }
    try {
      return options.gating(patterns);
    } catch (IllegalArgumentException e) {
      throw new GateInputException("--gate: " + e.getMessage());
    }
  }

  /**
   * The gate cannot be configured into gating nothing: every {@code --gate} pattern must match a
   * check, and without {@code --gate} every check must be gated as the original run gated it (a
   * check the original never judged, such as a renamed one, is not silently ungated), unless named
   * by {@code --allow-ungated}.
   */
  private void checkGating(List<Check> checks, Optional<RunResult> original, String baselines) {
    List<String> ids = checks.stream().map(Check::id).toList();
    List<String> problems = new ArrayList<>();
    if (gatePatterns != null) {
      for (String pattern : gatePatterns) {
        if (!Glob.matchesSome(pattern, ids)) {
          problems.add(
              "--gate: pattern \""
                  + pattern
                  + "\" matches no check"
                  + Suggestions.inline(pattern, Glob.suggestionsFor(ids))
                  + " (expected a check id or glob such as \"latency.auth.*\" matching a check of "
                  + baselines
                  + ")");
        }
      }
    } else if (original.isPresent() && !original.get().checks().isEmpty()) {
      List<String> judgedBefore = original.get().checks().stream().map(Check::id).toList();
      List<String> vanished = judgedBefore.stream().filter(id -> !ids.contains(id)).toList();
      for (Check check : checks) {
        if (!check.gated()
            && !judgedBefore.contains(check.id())
            && !Glob.matchesAny(gateCoverage.allowUngated(), check.id())) {
          problems.add(
              "check \""
                  + check.id()
                  + "\" of "
                  + baselines
                  + " is gated by no pattern: the original run never judged it"
                  + Suggestions.inline(check.id(), vanished)
                  + " (expected every check gated as the original run gated it, got a check it did"
                  + " not have). Gate it with --gate, or pass --allow-ungated "
                  + check.id()
                  + " to leave it out on purpose.");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new GateInputException(String.join(System.lineSeparator(), problems));
    }
  }

  private Path outputRoot() {
    if (reportsRoot != null) {
      return reportsRoot.toAbsolutePath().normalize();
    }
    Path run = runDir.toAbsolutePath().normalize();
    // A run folder's parent is a reports root; an accepted run's is baselines/accepted, which
    // must only ever hold accepted runs.
    if (Files.isRegularFile(run.resolve(ResultsJson.FILE)) && run.getParent() != null) {
      return run.getParent();
    }
    return LoadgateHome.resolveDefault(LoadgateHome.DEFAULT_REPORTS);
  }

  private void checkRunFolder(Path run) {
    if (!Files.isDirectory(run)) {
      throw new GateInputException(
          runDir
              + ": no such run folder (expected a folder written by loadgate run, got a path that"
              + " does not exist). Runs are listed in reports/index.html.");
    }
    if (!Files.isRegularFile(run.resolve(MeasurementStore.INDEX_FILE))) {
      throw new GateInputException(
          runDir
              + ": not a run folder (expected "
              + MeasurementStore.INDEX_FILE
              + " inside, got none). Pass reports/<run-id> or baselines/accepted/<run-id>.");
    }
  }

  private Measurements readMeasurements(Path run) {
    try {
      return MeasurementStore.read(run);
    } catch (MeasurementFormatException e) {
      throw new GateInputException(e.getMessage());
    } catch (UncheckedIOException | IllegalArgumentException e) {
      String detail = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      throw new GateInputException(
          runDir
              + ": the stored measurements cannot be read ("
              + firstLine(detail)
              + "). The folder may be damaged or from another loadgate version.");
    }
  }

  private Optional<RunResult> readOriginal(Path run) {
    if (!Files.isRegularFile(run.resolve(ResultsJson.FILE))) {
      return Optional.empty();
    }
    try {
      return Optional.of(ResultsReader.read(run));
    } catch (IllegalArgumentException e) {
      throw new GateInputException(e.getMessage());
    }
  }

  /** One shard's share is not a run: judging it alone would be a verdict on part of the load. */
  private void refuseShard(Path run, RunResult result) {
    RunIdentity identity;
    try {
      identity = RunIdentity.of(run, result);
    } catch (IllegalArgumentException e) {
      throw new GateInputException(runDir + ": " + e.getMessage() + ".");
    }
    if (identity.shard().isPresent()) {
      throw new GateInputException(
          runDir
              + ": one shard of a run (expected a whole run, got shard "
              + identity.shard().get()
              + " of run group "
              + identity.runGroup().orElse("?")
              + "). Merge the shards first: loadgate merge --from "
              + LoadgateHome.display(run.getParent())
              + " --run-group "
              + identity.runGroup().orElse("ID")
              + ", then gate the merged folder.");
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unknown error";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** Input the user can fix; the message stands alone. */
  private static final class GateInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GateInputException(String message) {
      super(message);
    }
  }
}
