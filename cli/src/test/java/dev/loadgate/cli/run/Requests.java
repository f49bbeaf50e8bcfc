package dev.loadgate.cli.run;

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
}
