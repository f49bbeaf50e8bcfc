package dev.loadgate.cli.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.scaleout.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ShardOptionsTest {
  @Command(name = "probe")
  static final class Probe {
    @Mixin ShardOptions options = new ShardOptions();
  }

  private final List<String> problems = new ArrayList<>();

  private ShardAssignment resolve(Map<String, String> env, String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.options.resolve(env, problems);
  }

  @Test
  void anIndexedJobPodIsItsShardOfTheJobWithoutAnyOption() {
    ShardAssignment assignment =
        resolve(
            Map.of(
                "JOB_COMPLETION_INDEX", "2", "LOADGATE_SHARD_COUNT", "3", "HOSTNAME", "lg-rel7-2"));

    assertThat(problems).isEmpty();
    assertThat(assignment).isEqualTo(new ShardAssignment(new Shard(2, 3), "lg-rel7"));
    assertThat(assignment.runLabel("smoke")).isEqualTo("smoke-shard-2-of-3");
  }

  @Test
  void optionsWinOverTheEnvironment() {
    ShardAssignment assignment =
        resolve(
            Map.of("JOB_COMPLETION_INDEX", "2", "LOADGATE_SHARD_COUNT", "3"),
            "--shard",
            "0/2",
            "--run-group",
            "mine");

    assertThat(assignment).isEqualTo(new ShardAssignment(new Shard(0, 2), "mine"));
  }

  @Test
  void withoutShardOrJobTheRunIsWhole() {
    assertThat(resolve(Map.of())).isEqualTo(ShardAssignment.WHOLE);
    assertThat(resolve(Map.of(), "--shard", "0/1")).isEqualTo(ShardAssignment.WHOLE);
    assertThat(problems).isEmpty();
  }

  @Test
  void aShardNeedsARunGroupAndARunGroupNeedsAShard() {
    resolve(Map.of(), "--shard", "1/3");
    resolve(Map.of(), "--run-group", "g1");
    resolve(Map.of(), "--shard", "3/3", "--run-group", "g1");
    resolve(Map.of(), "--shard", "1/3", "--run-group", "G 1");

    assertThat(problems)
        .containsExactly(
            "--run-group: a sharded run needs the id that ties its shards together (expected e.g."
                + " --run-group release-7 on every shard, got none). Give every shard of one run"
                + " the same id, and each run a new one.",
            "--run-group: only a sharded run has a run group (expected --shard I/N too, got"
                + " --run-group g1 alone).",
            "--shard: shard index out of range (expected 0 to 2 for 3 shards, got 3).",
            "--run-group: not a run group id (expected 1 to 63 lower-case letters, digits or '-',"
                + " starting with a letter or digit, got \"G 1\").");
  }
}
