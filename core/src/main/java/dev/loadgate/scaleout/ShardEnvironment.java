package dev.loadgate.scaleout;

import java.util.Map;
import java.util.Optional;

/**
 * The shard a Kubernetes Indexed Job pod is: {@value #INDEX_ENV} (set by Kubernetes) of {@value
 * #COUNT_ENV} (set by the Job manifest to its {@code completions}).
 */
public final class ShardEnvironment {
  /** Set by Kubernetes in every pod of an Indexed Job: the pod's completion index. */
  public static final String INDEX_ENV = "JOB_COMPLETION_INDEX";

  /** Set by loadgate's Job manifest: the Job's completions, the number of shards. */
  public static final String COUNT_ENV = "LOADGATE_SHARD_COUNT";

  private ShardEnvironment() {}

  /**
   * The shard the environment names; empty when {@value #INDEX_ENV} is unset (not in a Job).
   *
   * @throws IllegalArgumentException when the index is set without a count, or either is malformed
   */
  public static Optional<Shard> shard(Map<String, String> env) {
    String index = env.get(INDEX_ENV);
    if (index == null || index.isBlank()) {
      return Optional.empty();
    }
    String count = env.get(COUNT_ENV);
    if (count == null || count.isBlank()) {
      throw new IllegalArgumentException(
          INDEX_ENV
              + " is set ("
              + index.trim()
              + ") but "
              + COUNT_ENV
              + " is not (expected the Job's completions, e.g. 3, got nothing). Set it in the Job"
              + " manifest beside completions, or pass --shard I/N.");
    }
    return Optional.of(Shard.parse(index.trim() + "/" + count.trim()));
  }
}
