package dev.loadgate.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import dev.loadgate.report.RunMetadata;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSetTest {
  private static final Instant T0 = Instant.parse("2026-12-02T15:00:00Z");

  /** A shard run's identity; {@code change} edits its extra entries. */
  static RunIdentity run(String folder, String shard, Map<String, String> changes) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put(RunIdentity.BASELINES_DIGEST_KEY, "ab12");
    extra.put(RunIdentity.RATE_SCALE_KEY, "1.0");
    extra.put(RunIdentity.VERSION_KEY, "0.1.0");
    if (shard != null) {
      extra.put(RunIdentity.SHARD_KEY, shard);
      extra.put(RunIdentity.RUN_GROUP_KEY, "g1");
    }
    String suite = "smoke";
    Instant start = T0;
    for (Map.Entry<String, String> e : changes.entrySet()) {
      switch (e.getKey()) {
        case "suite" -> suite = e.getValue();
        case "start" -> start = Instant.parse(e.getValue());
        default -> extra.put(e.getKey(), e.getValue());
      }
    }
    Environment env =
        new Environment("17", 2, 1, "Linux", "c0ffee", "http://198.18.0.1:8080", suite, extra);
    boolean complete = !changes.containsKey("incomplete");
    RunResult result =
        new RunResult(
            new RunMetadata(
                "20261202T150000Z-" + folder, start, start.plusSeconds(95), env, "b.yaml", null),
            complete,
            complete ? "" : "interrupted (SIGTERM) during load",
            List.of(),
            Measurements.EMPTY,
            List.of());
    return RunIdentity.of(Path.of("/nonexistent/reports/" + folder), result);
  }

  static RunIdentity shard(String folder, String shard) {
    return run(folder, shard, Map.of());
  }

  @Test
  void threeShardsOfOneGroupAreOneWholeRun() {
    RunSet set = RunSet.check(List.of(shard("s2", "2/3"), shard("s0", "0/3"), shard("s1", "1/3")));

    assertThat(set.mismatches()).isEmpty();
    assertThat(set.gaps()).isEmpty();
    assertThat(set.whole()).isTrue();
    assertThat(set.runGroup()).contains("g1");
    assertThat(set.shardCount()).isEqualTo(3);
    assertThat(set.inShardOrder())
        .extracting(r -> r.shard().orElseThrow().index())
        .containsExactly(0, 1, 2);
  }

  @Test
  void aMissingShardMakesTheRunIncompleteNotBadInput() {
    RunSet set = RunSet.check(List.of(shard("s0", "0/3"), shard("s2", "2/3")));

    assertThat(set.mismatches()).isEmpty();
    assertThat(set.gaps())
        .containsExactly(
            "run group g1: shard 1/3 missing (expected shards 0..2 each once, got 0/3, 2/3). The"
                + " merged run is incomplete: its share of the load was not measured.");
  }

  @Test
  void aShardTwiceFromTwoFoldersIsAGap() {
    RunSet set =
        RunSet.check(
            List.of(
                shard("s0", "0/2"),
                shard("s1", "1/2"),
                run("s1-retry", "1/2", Map.of("start", "2026-12-02T15:00:05Z"))));

    assertThat(set.mismatches()).isEmpty();
    assertThat(set.gaps())
        .singleElement()
        .asString()
        .startsWith(
            "run group g1: shard 1/2 appears 2 times (expected each shard once, got"
                + " /nonexistent/reports/s1 (shard 1/2), /nonexistent/reports/s1-retry (shard"
                + " 1/2)).");
  }

  @Test
  void theSameFolderTwiceIsBadInput() {
    RunSet set = RunSet.check(List.of(shard("s0", null), shard("s0", null)));

    assertThat(set.mismatches())
        .containsExactly(
            "/nonexistent/reports/s0: the same folder given twice (expected each run folder once,"
                + " got it as input 1 and 2). Merging a run with itself doubles every count; name"
                + " it once.");
  }

  @Test
  void differentSuitesBaselinesAndFaultsAreNamedWithTheirFolders() {
    RunSet set =
        RunSet.check(
            List.of(
                run("a", null, Map.of()),
                run(
                    "b",
                    null,
                    Map.of(
                        "suite",
                        "auth",
                        RunIdentity.BASELINES_DIGEST_KEY,
                        "cd34",
                        RunIdentity.FAULTS_KEY,
                        "[download=+2500ms]"))));

    assertThat(set.mismatches())
        .containsExactly(
            "inputs: different suite (expected one suite for every input, got smoke in"
                + " /nonexistent/reports/a; auth in /nonexistent/reports/b). Runs of different"
                + " suites measure different loads; merge one suite's runs.",
            "inputs: different baselines (expected one baselines for every input, got ab12 in"
                + " /nonexistent/reports/a; cd34 in /nonexistent/reports/b). The runs were judged"
                + " against different limits (baselines files differ in content); rerun them with"
                + " one baselines file.",
            "inputs: different injected faults (expected one injected faults for every input, got"
                + " none in /nonexistent/reports/a; [download=+2500ms] in /nonexistent/reports/b)."
                + " A run with injected faults is not comparable with one without; merge runs of"
                + " one fault setting.");
  }

  @Test
  void anIncompleteInputMakesTheMergeIncomplete() {
    RunSet set =
        RunSet.check(List.of(shard("s0", "0/2"), run("s1", "1/2", Map.of("incomplete", ""))));

    assertThat(set.mismatches()).isEmpty();
    assertThat(set.gaps())
        .containsExactly(
            "/nonexistent/reports/s1 (shard 1/2): the run is incomplete (interrupted (SIGTERM)"
                + " during load), so the merged run is incomplete too. Rerun it; a verdict on part"
                + " of a run is never given.");
  }

  @Test
  void aShardStoppedBeforeTheOthersStartedIsAGapNotAWindowMismatch() {
    RunSet set =
        RunSet.check(
            List.of(
                shard("s0", "0/2"),
                run("s1", "1/2", Map.of("incomplete", "", "start", "2026-12-02T13:00:00Z"))));

    assertThat(set.mismatches()).isEmpty();
    assertThat(set.gaps())
        .singleElement()
        .asString()
        .startsWith("/nonexistent/reports/s1 (shard 1/2): the run is incomplete");
  }

  @Test
  void shardsOfOtherGroupsCountsOrVersionsOrDisjointWindowsAreNotOneRun() {
    assertThat(
            RunSet.check(
                    List.of(
                        shard("s0", "0/2"),
                        run("s1", "1/2", Map.of(RunIdentity.RUN_GROUP_KEY, "g2"))))
                .mismatches())
        .singleElement()
        .asString()
        .startsWith("inputs: shards of different run groups (expected one run group id");
    assertThat(RunSet.check(List.of(shard("s0", "0/2"), shard("s1", "1/3"))).mismatches())
        .singleElement()
        .asString()
        .startsWith("inputs: shards of different shard counts (expected one N in every --shard");
    assertThat(
            RunSet.check(
                    List.of(
                        shard("s0", "0/2"),
                        run("s1", "1/2", Map.of(RunIdentity.VERSION_KEY, "0.2"))))
                .mismatches())
        .singleElement()
        .asString()
        .startsWith("inputs: different loadgate version (expected one loadgate version");
    assertThat(
            RunSet.check(
                    List.of(
                        shard("s0", "0/2"),
                        run("s1", "1/2", Map.of("start", "2026-12-02T16:00:00Z"))))
                .mismatches())
        .containsExactly(
            "inputs: the shards' clock windows do not overlap (expected shards that ran at the"
                + " same time, got /nonexistent/reports/s0 (shard 0/2) ending at"
                + " 2026-12-02T15:01:35Z before /nonexistent/reports/s1 (shard 1/2) started at"
                + " 2026-12-02T16:00:00Z). Shards run one after another do not load the target"
                + " together; start them at once.");
    assertThat(RunSet.check(List.of(shard("s0", "0/2"), shard("w", null))).mismatches())
        .singleElement()
        .asString()
        .startsWith("inputs: shards mixed with whole runs");
  }
}
