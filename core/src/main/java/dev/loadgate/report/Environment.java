package dev.loadgate.report;

import java.util.Map;

/**
 * Where a run happened, recorded so that comparisons can say when two runs are not alike.
 *
 * @param jdk e.g. {@code "17.0.15 (Debian)"}
 * @param cores available processors
 * @param maxHeapBytes the injector JVM's maximum heap
 * @param os e.g. {@code "Linux 6.1 amd64"}
 * @param gitCommit the loadgate checkout's commit, or {@code "unknown"}
 * @param target the target's base URL or {@code "embedded"}
 * @param suite the suite that ran
 * @param extra anything else worth comparing (e.g. {@code ai-latency}); never secrets
 */
public record Environment(
    String jdk,
    int cores,
    long maxHeapBytes,
    String os,
    String gitCommit,
    String target,
    String suite,
    Map<String, String> extra) {
  public Environment {
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }
}
