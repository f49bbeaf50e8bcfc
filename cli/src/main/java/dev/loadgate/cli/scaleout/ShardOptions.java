package dev.loadgate.cli.scaleout;

import dev.loadgate.scaleout.RunGroups;
import dev.loadgate.scaleout.Shard;
import dev.loadgate.scaleout.ShardEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --shard I/N} and {@code --run-group ID}, shared by every command that loads a target. In a
 * Kubernetes Indexed Job both default from the pod's environment ({@code JOB_COMPLETION_INDEX} and
 * {@code LOADGATE_SHARD_COUNT}; {@code LOADGATE_RUN_GROUP} or the Job's name).
 */
public final class ShardOptions {
  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description =
          "Send shard I of N of the load (0-based): 1/N of every arrival count and a disjoint"
              + " 1/N of the synthetic accounts; only shard 0 runs the database and e-mail probes."
              + " Combine the shards with loadgate merge. Default: JOB_COMPLETION_INDEX of"
              + " LOADGATE_SHARD_COUNT in a Kubernetes Indexed Job, else unsharded.")
  private String shard;

  @Option(
      names = "--run-group",
      paramLabel = "ID",
      description =
          "The id that ties the shards of one run together (lower-case letters, digits, '-')."
              + " Default: LOADGATE_RUN_GROUP, or the Indexed Job's name.")
  private String runGroup;

  /**
   * Whether the options or {@code environment} ask for a sharded run at all, valid or not (so that
   * the rules of sharded runs are checked even when the shard itself is malformed).
   */
  public boolean asksForShards(Map<String, String> environment) {
    if (shard != null) {
      return !shard.trim().equals("0/1");
    }
    String index = environment.get(ShardEnvironment.INDEX_ENV);
    return index != null && !index.isBlank();
  }

  /**
   * The assignment the options and {@code environment} describe; {@link ShardAssignment#WHOLE} when
   * neither names a shard. Problems go to {@code problems}, each a complete message.
   */
  public ShardAssignment resolve(Map<String, String> environment, List<String> problems) {
    Optional<Shard> parsed;
    try {
      parsed =
          shard != null ? Optional.of(Shard.parse(shard)) : ShardEnvironment.shard(environment);
    } catch (IllegalArgumentException e) {
      problems.add((shard != null ? "--shard: " : "environment: ") + e.getMessage() + ".");
      return ShardAssignment.WHOLE;
    }
    if (parsed.isEmpty() || parsed.get().isWhole()) {
      if (runGroup != null) {
        problems.add(
            "--run-group: only a sharded run has a run group (expected --shard I/N too, got"
                + " --run-group "
                + runGroup
                + " alone).");
      }
      return ShardAssignment.WHOLE;
    }
    Optional<String> group =
        runGroup != null ? Optional.of(runGroup) : RunGroups.fromEnvironment(environment);
    if (group.isEmpty()) {
      problems.add(
          "--run-group: a sharded run needs the id that ties its shards together (expected e.g."
              + " --run-group release-7 on every shard, got none). Give every shard of one run the"
              + " same id, and each run a new one.");
      return ShardAssignment.WHOLE;
    }
    try {
      return new ShardAssignment(parsed.get(), RunGroups.check(group.get()));
    } catch (IllegalArgumentException e) {
      problems.add("--run-group: " + e.getMessage() + ".");
      return ShardAssignment.WHOLE;
    }
  }
}
