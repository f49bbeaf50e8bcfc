package dev.loadgate.benchmarks;

import dev.loadgate.targets.TargetProfile;
import java.net.URI;
import java.util.List;
import java.util.Optional;

final class BenchmarkRunnerTestSupport {
  private BenchmarkRunnerTestSupport() {}

  /** A target that offers nothing but a URL nobody listens on. */
  static TargetProfile bareTarget() {
    return new TargetProfile(
        URI.create("http://127.0.0.1:9"),
        null,
        null,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }
}
