package dev.loadgate.cli.scaleout;

import dev.loadgate.scaleout.RunIdentity;
import dev.loadgate.scaleout.Shard;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which share of a run this injector sends: a {@link Shard} and the run group that ties the shards
 * of one run together. {@link #WHOLE} is an unsharded run.
 *
 * @param shard the shard; {@link Shard#WHOLE} for an unsharded run
 * @param runGroup the run group id; empty exactly when the run is whole
 */
public record ShardAssignment(Shard shard, String runGroup) {
  /** An unsharded run. */
  public static final ShardAssignment WHOLE = new ShardAssignment(Shard.WHOLE, "");

  public ShardAssignment {
    Objects.requireNonNull(shard, "shard");
    runGroup = runGroup == null ? "" : runGroup;
    if (shard.isWhole() != runGroup.isEmpty()) {
      throw new IllegalArgumentException(
          "a sharded run needs a run group and a whole run has none (got shard "
              + shard
              + ", run group \""
              + runGroup
              + "\")");
    }
  }

  public boolean isWhole() {
    return shard.isWhole();
  }

  /**
   * Whether this injector runs the database and e-mail probes and JMH: shard 0 (or a whole run).
   */
  public boolean runsProbes() {
    return shard.runsProbes();
  }

  /** The run-id label of this shard's folder, e.g. {@code smoke-shard-1-of-3}. */
  public String runLabel(String suite) {
    return isWhole()
        ? suite
        : String.format(Locale.ROOT, "%s-shard-%d-of-%d", suite, shard.index(), shard.count());
  }

  /** What the run's environment records about the shard (nothing for a whole run). */
  public Map<String, String> environmentExtra() {
    return RunIdentity.shardExtra(shard, runGroup);
  }

  /** E.g. {@code shard 1/3 of run group release-7}. */
  public String describe() {
    return "shard " + shard + " of run group " + runGroup;
  }
}
