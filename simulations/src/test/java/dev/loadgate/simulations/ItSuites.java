package dev.loadgate.simulations;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The fixture suites, as integration tests use them: real rates, a short warm-up. */
final class ItSuites {
  static final Path HOME = Path.of(System.getProperty("loadgate.home", ".."));

  private ItSuites() {}

  /** The test fixtures' baselines (test-fixtures/baselines.yaml), not the project's own. */
  static Baselines baselines() {
    return BaselinesLoader.load(HOME.resolve("test-fixtures").resolve("baselines.yaml"));
  }

  static Map<String, Suite> all() {
    return Suites.load(HOME.resolve("test-fixtures").resolve("suites.yaml"), baselines());
  }

  /** The named suite with its warm-up shortened to {@code warmup}. */
  static Suite withWarmup(String name, Duration warmup) {
    Suite s = Suites.named(all(), name);
    return new Suite(
        s.name(),
        s.description(),
        warmup,
        s.duration(),
        s.soak(),
        s.journeys(),
        s.gatedChecks(),
        s.caps(),
        s.client(),
        s.ungatedChecks(),
        s.jmh());
  }
}
