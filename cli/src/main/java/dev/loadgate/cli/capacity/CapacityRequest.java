package dev.loadgate.cli.capacity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the user asked {@code loadgate capacity} to do, defaults resolved, not yet validated. */
record CapacityRequest(
    Optional<URI> target,
    List<String> allowHosts,
    Optional<Path> accountsFile,
    String mix,
    double startRatePerSec,
    double stepFactor,
    Optional<Duration> stepDuration,
    double maxRatePerSec,
    int bisections,
    Optional<Double> currentRatePerSec,
    int seedScale,
    double minRunwayMonths,
    List<String> injections,
    Path baselinesFile,
    Path suitesFile,
    Path reportsRoot) {
  CapacityRequest {
    allowHosts = List.copyOf(allowHosts);
    injections = List.copyOf(injections);
  }
}
