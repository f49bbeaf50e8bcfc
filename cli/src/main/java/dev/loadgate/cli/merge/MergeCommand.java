package dev.loadgate.cli.merge;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.run.ConsoleSummary;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.report.ResultsFormatException;
import dev.loadgate.report.RunMetadata;
import dev.loadgate.report.RunReports;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.run.RunFolderException;
import dev.loadgate.run.RunIds;
import dev.loadgate.scaleout.RunGroups;
import dev.loadgate.scaleout.RunIdentity;
import dev.loadgate.scaleout.RunSet;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.EvaluationOptions;
import dev.loadgate.verdict.VerdictEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loadgate merge}: combines the run folders of one run, typically its shards, exactly
 * (histograms add, counts sum) into a new run folder judged by the same verdict engine, with every
 * report. Inputs that do not belong together are refused ({@link RunSet}); inputs that are one run
 * but not all of it make the merged run incomplete.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Combines the run folders of one run (the shards of loadgate run --shard I/N, or several"
          + " runs of one suite) exactly: histograms add, counts sum. The merged run is judged by"
          + " the same verdict engine and written as a new run folder with every report.",
      "Refused (exit 2): the same folder twice, different suites, baselines, injected faults,"
          + " targets, plans or loadgate versions, shards of different run groups or shard counts,"
          + " shard clock windows that do not overlap, damaged histogram logs.",
      "Incomplete (exit 3, never a verdict on part of a run): an incomplete input, a missing or"
          + " duplicated shard.",
      "Figures (database, e-mail, JMH) come from shard 0, the one shard that runs the probes;"
          + " the report says so.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate merge --from /results --run-group rel-7      # every shard of run group rel-7",
      "  loadgate merge reports/20261202T150000Z-smoke-shard-0-of-2 \\",
      "                 reports/20261202T150001Z-smoke-shard-1-of-2",
      "",
      "Exit codes: 0 pass (warnings allowed), 1 gate failed, 2 bad input, 3 merged run incomplete."
    })
public final class MergeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", arity = "0..*", description = "Run folders to merge.")
  private List<Path> runDirs = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "DIR",
      description =
          "Also merge every run folder directly in DIR that belongs to --run-group (a shared"
              + " results volume).")
  private Path from;

  @Option(
      names = "--run-group",
      paramLabel = "ID",
      description = "With --from: the run group whose shards to merge.")
  private String runGroup;

  @Option(
      names = "--wait",
      paramLabel = "D",
      converter = dev.loadgate.cli.options.QuantityConverters.DurationConverter.class,
      description =
          "With --from: wait up to D (e.g. 2h) until every shard of the group has written its"
              + " folder, looking every 5 s; then merge what is there (a missing shard makes the"
              + " merged run incomplete). A Kubernetes merge Job started beside the shards uses"
              + " it. Default: no wait.")
  private java.time.Duration wait = java.time.Duration.ZERO;

  @Option(
      names = "--out",
      paramLabel = "REPORTS_ROOT",
      description =
          "Where the merged run folder goes. Default: the folder holding the first input.")
  private Path reportsRoot;

  @Option(
      names = "--baselines",
      paramLabel = "FILE",
      description =
          "The limits to judge with; must be the file the inputs ran with (compared by content)."
              + " Default: baselines/production.yaml.")
  private Path baselinesFile;

  @Override
  public Integer call() {
    List<Path> folders = inputs();
    List<MergeInput> inputs = identify(folders);
    RunSet set = RunSet.check(inputs.stream().map(MergeInput::identity).toList());
    if (!set.mismatches().isEmpty()) {
      throw new BadInputException(set.mismatches());
    }
    Path baselinesPath = LoadgateHome.orDefault(baselinesFile, LoadgateHome.DEFAULT_BASELINES);
    Baselines baselines = baselines(baselinesPath, set);
    List<MergeInput> ordered = new ArrayList<>();
    List<String> damaged = new ArrayList<>();
    for (RunIdentity identity : set.inShardOrder()) {
      MergeInput input =
          inputs.stream().filter(i -> i.identity() == identity).findFirst().orElseThrow();
      try {
        ordered.add(input.withMeasurements());
      } catch (IllegalArgumentException e) {
        damaged.add(e.getMessage());
      }
    }
    if (!damaged.isEmpty()) {
      throw new BadInputException(damaged);
    }
    List<String> notes = new ArrayList<>();
    Measurements merged = merge(ordered, set, notes);
    RunResult result = judge(ordered, set, baselines, baselinesPath, merged, notes);
    Path root =
        reportsRoot != null
            ? reportsRoot.toAbsolutePath().normalize()
            : folders.get(0).toAbsolutePath().normalize().getParent();
    Path written;
    try {
      written = RunReports.write(root, result);
    } catch (RunFolderException e) {
      throw new BadInputException("--out: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "merged "
            + ordered.size()
            + (set.shardCount() > 0
                ? " shards of run group " + set.runGroup().orElse("?")
                : " run folders")
            + " into "
            + LoadgateHome.display(written));
    out.println();
    out.println(ConsoleSummary.render(result));
    out.println("report: " + LoadgateHome.display(written.resolve("report.html")));
    out.flush();
    return result.exitCode();
  }

  private List<Path> inputs() {
    List<Path> folders = new ArrayList<>(runDirs);
    List<String> problems = new ArrayList<>();
    if (from != null || runGroup != null) {
      if (from == null || runGroup == null) {
        problems.add(
            (from == null ? "--run-group" : "--from")
                + ": --from and --run-group go together (expected both, got "
                + (from == null ? "--run-group alone" : "--from alone")
                + "). Name the folder of the shards and their run group.");
      } else {
        awaitShards();
        folders.addAll(groupFolders(from, runGroup, problems));
      }
    }
    // With --from, one shard alone is a (very) incomplete run, not bad input.
    if (problems.isEmpty() && folders.size() < (from != null ? 1 : 2)) {
      problems.add(
          "inputs: too few run folders (expected at least 2, got "
              + folders.size()
              + "). Name the folders, or --from DIR --run-group ID.");
    }
    for (Path folder : folders) {
      MergeInput.shapeProblem(folder).ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    return folders;
  }

  /**
   * Waits, at most {@link #wait}, until the folders of run group {@link #runGroup} in {@link #from}
   * are shards 0..N-1, each finished (a folder written as its run goes reads as begun, with no
   * checks and no time elapsed, until the run ends; one that stays so was killed).
   */
  private void awaitShards() {
    long deadline = System.nanoTime() + wait.toNanos();
    PrintWriter err = spec.commandLine().getErr();
    boolean announced = false;
    while (System.nanoTime() < deadline) {
      List<String> ignored = new ArrayList<>();
      List<MergeInput> found =
          Files.isDirectory(from)
              ? groupFolders(from, runGroup, ignored).stream().map(MergeInput::identify).toList()
              : List.of();
      if (!found.isEmpty()
          && found.stream().noneMatch(MergeInput::stillRunning)
          && RunSet.check(found.stream().map(MergeInput::identity).toList()).gaps().stream()
              .noneMatch(g -> g.contains(" missing (expected shards"))) {
        return;
      }
      if (!announced) {
        err.println(
            "merge: waiting up to "
                + dev.loadgate.config.Quantities.format(wait)
                + " for the shards of run group "
                + runGroup
                + " in "
                + LoadgateHome.display(from));
        err.flush();
        announced = true;
      }
      try {
        Thread.sleep(
            Math.min(
                WAIT_POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** How often {@code --wait} looks for the shards' folders. */
  private static final java.time.Duration WAIT_POLL = java.time.Duration.ofSeconds(5);

  private static List<Path> groupFolders(Path dir, String group, List<String> problems) {
    try {
      RunGroups.check(group);
    } catch (IllegalArgumentException e) {
      problems.add("--run-group: " + e.getMessage() + ".");
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      problems.add(
          "--from: "
              + LoadgateHome.display(dir)
              + " is not a folder (expected the folder the shards wrote their run folders in,"
              + " got no such folder).");
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.sorted().toList()) {
        if (MergeInput.shapeProblem(child).isEmpty() && inGroup(child, group)) {
          found.add(child);
        }
      }
    } catch (IOException e) {
      problems.add("--from: " + LoadgateHome.display(dir) + " cannot be listed (" + e + ").");
    }
    if (found.isEmpty()) {
      problems.add(
          "--from: no run folder of run group "
              + group
              + " in "
              + LoadgateHome.display(dir)
              + " (expected the shards' folders, got none). Check --run-group against the"
              + " shards' LOADGATE_RUN_GROUP.");
    }
    return found;
  }

  private static boolean inGroup(Path folder, String group) {
    try {
      return MergeInput.identify(folder).identity().runGroup().filter(group::equals).isPresent();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<MergeInput> identify(List<Path> folders) {
    List<MergeInput> inputs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path folder : folders) {
      try {
        inputs.add(MergeInput.identify(folder));
      } catch (ResultsFormatException e) {
        problems.add(e.getMessage());
      } catch (IllegalArgumentException e) {
        problems.add(LoadgateHome.display(folder) + ": " + e.getMessage() + ".");
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    return inputs;
  }

  private static Baselines baselines(Path file, RunSet set) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(
          "--baselines: file not found (expected the baselines the inputs ran with, got "
              + LoadgateHome.display(file)
              + ").");
    }
    String recorded = set.runs().get(0).comparable().get("baselines");
    String actual = RunIdentity.digest(file);
    if (!RunIdentity.NOT_RECORDED.equals(recorded) && !recorded.equals(actual)) {
      throw new BadInputException(
          "--baselines: "
              + LoadgateHome.display(file)
              + " is not the baselines file the inputs ran with (expected content with SHA-256 "
              + recorded
              + ", got "
              + actual
              + "). Pass the file they ran with; judging them against other limits is another"
              + " run's verdict.");
    }
    try {
      return BaselinesLoader.load(file);
    } catch (BaselineException e) {
      throw new BadInputException(e.problems().stream().map(Object::toString).toList());
    }
  }

  /** Every series merged exactly; each figure from the first input (shard 0) that has it. */
  private static Measurements merge(List<MergeInput> ordered, RunSet set, List<String> notes) {
    Map<SeriesKey, Series> series = new LinkedHashMap<>();
    Map<String, Figure> figures = new LinkedHashMap<>();
    Set<String> inSeveral = new LinkedHashSet<>();
    for (MergeInput input : ordered) {
      input.measurements().series().forEach((key, s) -> series.merge(key, s, Series::merge));
      input
          .measurements()
          .figures()
          .forEach(
              (id, figure) -> {
                if (figures.putIfAbsent(id, figure) != null) {
                  inSeveral.add(id);
                }
              });
    }
    String first = describe(ordered.get(0).identity());
    notes.add(
        "merged from "
            + ordered.stream().map(i -> describe(i.identity())).collect(Collectors.joining(", "))
            + ": latency series and request counts are the exact sums of all inputs.");
    if (!figures.isEmpty()) {
      notes.add(
          "figures (database, e-mail, JMH) are taken from "
              + first
              + (set.shardCount() > 0 ? ", the shard that runs the probes" : ", the first input")
              + (inSeveral.isEmpty()
                  ? "."
                  : "; "
                      + String.join(", ", inSeveral)
                      + " were also present in other inputs, whose values were not used."));
    }
    return new Measurements(series, figures);
  }

  private static String describe(RunIdentity identity) {
    return identity.shard().map(s -> "shard " + s + " (").orElse("")
        + identity.runId()
        + identity.shard().map(s -> ")").orElse("");
  }

  private static RunResult judge(
      List<MergeInput> ordered,
      RunSet set,
      Baselines baselines,
      Path baselinesPath,
      Measurements merged,
      List<String> notes) {
    Set<String> gated = new LinkedHashSet<>();
    ordered.forEach(
        i -> i.result().checks().stream().filter(Check::gated).map(Check::id).forEach(gated::add));
    EvaluationOptions options = EvaluationOptions.defaults();
    if (!gated.isEmpty()) {
      options = options.gating(List.copyOf(gated));
    }
    List<Check> checks = VerdictEngine.evaluate(baselines, merged, options);
    RunMetadata first = ordered.get(0).result().metadata();
    Instant started =
        ordered.stream()
            .map(i -> i.result().metadata().startedAt())
            .min(Comparator.naturalOrder())
            .orElseThrow();
    Instant finished =
        ordered.stream()
            .map(i -> i.result().metadata().finishedAt())
            .max(Comparator.naturalOrder())
            .orElseThrow();
    Environment env = first.environment();
    Map<String, String> extra = new LinkedHashMap<>(env == null ? Map.of() : env.extra());
    extra.remove(RunIdentity.SHARD_KEY);
    extra.put("merged-inputs", String.valueOf(ordered.size()));
    Environment mergedEnv =
        env == null
            ? null
            : new Environment(
                env.jdk(),
                env.cores(),
                env.maxHeapBytes(),
                env.os(),
                env.gitCommit(),
                env.target(),
                env.suite(),
                extra);
    String suite = set.runs().get(0).suite();
    RunMetadata metadata =
        new RunMetadata(
            RunIds.of(started, suite + "-merged"),
            started,
            finished,
            mergedEnv,
            LoadgateHome.display(baselinesPath),
            null);
    return new RunResult(
        metadata, set.gaps().isEmpty(), String.join(" ", set.gaps()), checks, merged, notes);
  }
}
