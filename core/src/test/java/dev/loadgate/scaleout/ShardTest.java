package dev.loadgate.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  void sharesOfEveryShardAddUpToTheTotalAndDifferByAtMostOne() {
    for (int count = 1; count <= 7; count++) {
      for (long total : new long[] {0, 1, 2, 112, 113, 150, 1_000_003}) {
        int n = count;
        List<Long> shares =
            IntStream.range(0, n).mapToObj(i -> new Shard(i, n).shareOf(total)).toList();
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(
                shares.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - shares.stream().mapToLong(Long::longValue).min().orElseThrow())
            .isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void slicesAreDisjointAndCoverEveryItemOnce() {
    List<Integer> items = IntStream.range(0, 40).boxed().toList();
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Integer> slice = new Shard(i, 3).slice(items);
      assertThat(slice).isNotEmpty().allMatch(item -> !seen.contains(item));
      seen.addAll(slice);
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(items);
    assertThat(new Shard(1, 3).slice(items)).startsWith(1, 4, 7);
  }

  @Test
  void parsesIndexOverCountAndOnlyShardZeroRunsProbes() {
    assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
    assertThat(Shard.parse("0/3").runsProbes()).isTrue();
    assertThat(Shard.parse("1/3").runsProbes()).isFalse();
    assertThat(Shard.parse("0/1").isWhole()).isTrue();
    assertThat(new Shard(2, 3)).hasToString("2/3");
  }

  @Test
  void refusesMalformedShardsWithTheRule() {
    assertThatThrownBy(() -> Shard.parse("3/3"))
        .hasMessage("shard index out of range (expected 0 to 2 for 3 shards, got 3)");
    assertThatThrownBy(() -> Shard.parse("1/0"))
        .hasMessage("shard count out of range (expected 1 to 1000, got 0)");
    assertThatThrownBy(() -> Shard.parse("one/3"))
        .hasMessage(
            "not a shard (expected INDEX/COUNT of whole numbers such as 0/3, got \"one/3\")");
    assertThatThrownBy(() -> Shard.parse("3"))
        .hasMessage("not a shard (expected INDEX/COUNT such as 0/3, got \"3\")");
  }

  @Test
  void kubernetesIndexNeedsTheShardCountFromTheManifest() {
    assertThat(ShardEnvironment.shard(Map.of())).isEmpty();
    assertThat(
            ShardEnvironment.shard(
                Map.of(ShardEnvironment.INDEX_ENV, "2", ShardEnvironment.COUNT_ENV, "3")))
        .contains(new Shard(2, 3));
    assertThatThrownBy(() -> ShardEnvironment.shard(Map.of(ShardEnvironment.INDEX_ENV, "2")))
        .hasMessageStartingWith(
            "JOB_COMPLETION_INDEX is set (2) but LOADGATE_SHARD_COUNT is not (expected the Job's"
                + " completions");
  }

  @Test
  void runGroupDefaultsToTheIndexedJobsNameFromTheHostName() {
    assertThat(
            RunGroups.fromEnvironment(
                Map.of("HOSTNAME", "loadgate-shards-2", ShardEnvironment.INDEX_ENV, "2")))
        .contains("loadgate-shards");
    assertThat(
            RunGroups.fromEnvironment(
                Map.of(
                    RunGroups.ENV,
                    "release-7",
                    "HOSTNAME",
                    "loadgate-shards-2",
                    ShardEnvironment.INDEX_ENV,
                    "2")))
        .contains("release-7");
    assertThat(RunGroups.fromEnvironment(Map.of("HOSTNAME", "laptop"))).isEmpty();
    assertThatThrownBy(() -> RunGroups.check("Release 7"))
        .hasMessageContaining("not a run group id (expected 1 to 63 lower-case letters");
  }
}
