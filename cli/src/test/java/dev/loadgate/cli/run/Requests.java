package dev.loadgate.cli.run;

import dev.loadgate.cli.scaleout.ShardAssignment;
import dev.loadgate.scaleout.Shard;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Requests for tests. */
final class Requests {
  private Requests() {}

  static RunRequest embedded(Path reports, boolean jmh) {
    return new RunRequest(
        Optional.empty(),
        Optional.empty(),
        "smoke",
        Path.of("baselines/production.yaml"),
        Path.of("baselines/suites.yaml"),
        Optional.empty(),
        reports,
        Optional.empty(),
        1,
        List.of(),
        jmh,
        Optional.empty(),
        Optional.empty(),
        new RunRequest.SafetyOptions(
            List.of(), List.of("talk-to-my-lawyer.com"), false, Optional.empty(), false));
  }

  /** Shard {@code shard} of run group {@code g1} against an external target. */
  static RunRequest shard(Path reports, String shard) {
    return new RunRequest(
        Optional.of(URI.create("http://127.0.0.1:8080")),
        Optional.empty(),
        "smoke",
        Path.of("baselines/production.yaml"),
        Path.of("baselines/suites.yaml"),
        Optional.empty(),
        reports,
        Optional.empty(),
        1,
        List.of(),
        true,
        Optional.empty(),
        Optional.empty(),
        new RunRequest.SafetyOptions(
            List.of(), List.of("talk-to-my-lawyer.com"), false, Optional.empty(), false),
        List.of(),
        false,
        new ShardAssignment(Shard.parse(shard), "g1"));
  }
}
