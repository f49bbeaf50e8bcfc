package dev.loadgate.simulations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The project's suites, as integration tests use them: real rates, a short warm-up. */
final class ItSuites {
  static final Path HOME = Path.of(System.getProperty("loadgate.home", ".."));

  private ItSuites() {}

  static Map<String, Suite> all() {
    return Suites.load(HOME.resolve("baselines").resolve("suites.yaml"));
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
        s.client());
  }
}
