package dev.loadgate.scaleout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether several run folders belong together: the one check behind {@code loadgate merge} and the
 * shards of a run. Inputs that cannot be one run (the same folder twice, different suites,
 * baselines, faults, targets, plans or loadgate versions, shards of different run groups, clock
 * windows that do not overlap) are {@link #mismatches()}: bad input, exit 2. Inputs that are one
 * run but not all of it (an incomplete input, a missing or duplicated shard) are {@link #gaps()}:
 * the combined run is incomplete, exit 3, never judged as whole.
 *
 * @param runs the inputs, in the order given
 * @param mismatches why the inputs are not one run, each a complete message; empty when they are
 * @param gaps why the combined run is not whole, each a complete message; empty when it is
 * @param runGroup the inputs' run group when they are shards of one
 * @param shardCount how many shards make the run; 0 when the inputs are not shards
 */
public record RunSet(
    List<RunIdentity> runs,
    List<String> mismatches,
    List<String> gaps,
    Optional<String> runGroup,
    int shardCount) {

  public RunSet {
    runs = List.copyOf(runs);
    mismatches = List.copyOf(mismatches);
    gaps = List.copyOf(gaps);
  }

  /** Checks that {@code runs} belong together. */
  public static RunSet check(List<RunIdentity> runs) {
    List<String> mismatches = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    duplicates(runs, mismatches);
    differences(runs, mismatches);
    Optional<String> group = Optional.empty();
    int count = 0;
    long sharded = runs.stream().filter(r -> r.shard().isPresent()).count();
    if (sharded > 0 && sharded < runs.size()) {
      mismatches.add(
          "inputs: shards mixed with whole runs (expected only shards of one run, or only"
              + " unsharded runs, got shards "
              + labels(runs.stream().filter(r -> r.shard().isPresent()).toList())
              + " and whole runs "
              + labels(runs.stream().filter(r -> r.shard().isEmpty()).toList())
              + "). Merge the shards of one run group on their own.");
    } else if (sharded > 0) {
      group = sameGroup(runs, mismatches);
      count = sameCount(runs, mismatches);
      if (count > 0) {
        coverage(runs, count, group.orElse("?"), gaps);
      }
      // A stopped shard's window ends where it was stopped: it makes the run incomplete (a gap,
      // below) and says nothing about whether the shards ran together.
      List<RunIdentity> finished = runs.stream().filter(RunIdentity::complete).toList();
      if (finished.size() > 1) {
        overlap(finished, mismatches);
      }
    }
    for (RunIdentity run : runs) {
      if (!run.complete()) {
        gaps.add(
            run.label()
                + ": the run is incomplete ("
                + (run.incompleteReason().isEmpty() ? "no reason recorded" : run.incompleteReason())
                + "), so the merged run is incomplete too. Rerun it; a verdict on part of a run is"
                + " never given.");
      }
    }
    return new RunSet(runs, mismatches, gaps, group, count);
  }

  /** Whether the inputs are one whole run: no mismatches and no gaps. */
  public boolean whole() {
    return mismatches.isEmpty() && gaps.isEmpty();
  }

  /** The inputs as shard 0 first (then by index); the given order when they are not shards. */
  public List<RunIdentity> inShardOrder() {
    return runs.stream()
        .sorted(Comparator.comparingInt(r -> r.shard().map(Shard::index).orElse(0)))
        .toList();
  }

  private static void duplicates(List<RunIdentity> runs, List<String> mismatches) {
    for (int i = 0; i < runs.size(); i++) {
      for (int j = i + 1; j < runs.size(); j++) {
        RunIdentity a = runs.get(i);
        RunIdentity b = runs.get(j);
        if (a.realFolder().equals(b.realFolder())) {
          mismatches.add(
              a.folder()
                  + ": the same folder given twice (expected each run folder once, got it as input "
                  + (i + 1)
                  + " and "
                  + (j + 1)
                  + "). Merging a run with itself doubles every count; name it once.");
        } else if (a.runId().equals(b.runId()) && a.startedAt().equals(b.startedAt())) {
          mismatches.add(
              a.folder()
                  + " and "
                  + b.folder()
                  + ": the same run twice (expected distinct runs, got run id "
                  + a.runId()
                  + " started at "
                  + a.startedAt()
                  + " in both). One is a copy of the other; name it once.");
        }
      }
    }
  }

  private static void differences(List<RunIdentity> runs, List<String> mismatches) {
    if (runs.isEmpty()) {
      return;
    }
    Map<String, Map<String, List<RunIdentity>>> byAttribute = new LinkedHashMap<>();
    byAttribute.put("suite", groupBy(runs, RunIdentity::suite));
    for (String attribute : runs.get(0).comparable().keySet()) {
      byAttribute.put(
          attribute,
          groupBy(runs, r -> r.comparable().getOrDefault(attribute, RunIdentity.NOT_RECORDED)));
    }
    byAttribute.forEach(
        (attribute, values) -> {
          if (values.size() > 1) {
            mismatches.add(
                "inputs: different "
                    + attribute
                    + " (expected one "
                    + attribute
                    + " for every input, got "
                    + values.entrySet().stream()
                        .map(e -> e.getKey() + " in " + labels(e.getValue()))
                        .collect(Collectors.joining("; "))
                    + "). "
                    + hint(attribute));
          }
        });
  }

  private static String hint(String attribute) {
    return switch (attribute) {
      case "suite" -> "Runs of different suites measure different loads; merge one suite's runs.";
      case "baselines" ->
          "The runs were judged against different limits (baselines files differ in content);"
              + " rerun them with one baselines file.";
      case "injected faults" ->
          "A run with injected faults is not comparable with one without; merge runs of one"
              + " fault setting.";
      case "loadgate version" -> "Run every shard with one loadgate build (one image tag).";
      default -> "Run every input with the same options.";
    };
  }

  private static Optional<String> sameGroup(List<RunIdentity> runs, List<String> mismatches) {
    Map<String, List<RunIdentity>> groups =
        groupBy(runs, r -> r.runGroup().orElse(RunIdentity.NOT_RECORDED));
    if (groups.size() > 1) {
      mismatches.add(
          "inputs: shards of different run groups (expected one run group id for every shard, got "
              + groups.entrySet().stream()
                  .map(e -> e.getKey() + " in " + labels(e.getValue()))
                  .collect(Collectors.joining("; "))
              + "). Merge the shards of one run; each run needs its own --run-group.");
      return Optional.empty();
    }
    return Optional.of(groups.keySet().iterator().next());
  }

  private static int sameCount(List<RunIdentity> runs, List<String> mismatches) {
    Map<String, List<RunIdentity>> counts =
        groupBy(runs, r -> String.valueOf(r.shard().orElseThrow().count()));
    if (counts.size() > 1) {
      mismatches.add(
          "inputs: shards of different shard counts (expected one N in every --shard I/N, got "
              + counts.entrySet().stream()
                  .map(e -> "N=" + e.getKey() + " in " + labels(e.getValue()))
                  .collect(Collectors.joining("; "))
              + "). The shards of one run split one plan; rerun them with one count.");
      return 0;
    }
    return Integer.parseInt(counts.keySet().iterator().next());
  }

  private static void coverage(List<RunIdentity> runs, int count, String group, List<String> gaps) {
    Map<Integer, List<RunIdentity>> byIndex = new TreeMap<>();
    runs.forEach(
        r ->
            byIndex
                .computeIfAbsent(r.shard().orElseThrow().index(), i -> new ArrayList<>())
                .add(r));
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!byIndex.containsKey(i)) {
        missing.add(i + "/" + count);
      }
    }
    if (!missing.isEmpty()) {
      gaps.add(
          "run group "
              + group
              + ": "
              + (missing.size() == 1 ? "shard " : "shards ")
              + String.join(", ", missing)
              + " missing (expected shards 0.."
              + (count - 1)
              + " each once, got "
              + byIndex.keySet().stream()
                  .map(i -> i + "/" + count)
                  .collect(Collectors.joining(", "))
              + "). The merged run is incomplete: its share of the load was not measured.");
    }
    byIndex.forEach(
        (index, copies) -> {
          if (copies.size() > 1) {
            gaps.add(
                "run group "
                    + group
                    + ": shard "
                    + index
                    + "/"
                    + count
                    + " appears "
                    + copies.size()
                    + " times (expected each shard once, got "
                    + labels(copies)
                    + "). A retried shard leaves two folders: keep the one that completed and"
                    + " merge again.");
          }
        });
  }

  private static void overlap(List<RunIdentity> runs, List<String> mismatches) {
    RunIdentity lastToStart = runs.stream().max(Comparator.comparing(RunIdentity::startedAt)).get();
    RunIdentity firstToEnd = runs.stream().min(Comparator.comparing(RunIdentity::finishedAt)).get();
    Instant latestStart = lastToStart.startedAt();
    Instant earliestEnd = firstToEnd.finishedAt();
    if (latestStart.isAfter(earliestEnd)) {
      mismatches.add(
          "inputs: the shards' clock windows do not overlap (expected shards that ran at the same"
              + " time, got "
              + firstToEnd.label()
              + " ending at "
              + earliestEnd
              + " before "
              + lastToStart.label()
              + " started at "
              + latestStart
              + "). Shards run one after another do not load the target together; start them at"
              + " once.");
    }
  }

  private static Map<String, List<RunIdentity>> groupBy(
      List<RunIdentity> runs, java.util.function.Function<RunIdentity, String> key) {
    Map<String, List<RunIdentity>> groups = new LinkedHashMap<>();
    runs.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    return groups;
  }

  private static String labels(List<RunIdentity> runs) {
    return runs.stream().map(RunIdentity::label).collect(Collectors.joining(", "));
  }
}
