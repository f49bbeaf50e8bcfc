package dev.loadgate.benchmarks;

import dev.loadgate.targets.TargetProfile;
import java.net.URI;

final class BenchmarkRunnerTestSupport {
  private BenchmarkRunnerTestSupport() {}

  /** A target that offers nothing but a URL nobody listens on. */
  static TargetProfile bareTarget() {
    return TargetProfile.builder(URI.create("http://127.0.0.1:9")).build();
  }
}
