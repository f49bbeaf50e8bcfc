package dev.loadgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.loadgate.simulations.email.EmailJourney;
import dev.loadgate.simulations.suite.Quantities;
import io.gatling.javaapi.core.Assertion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gatling assertions generated from {@code baselines/production.yaml}, so that a plain {@code mvn
 * gatling:test} gates on its own: each path's p95 (on the journey's group in the measured phase;
 * warm-up groups are named {@code warmup-<path>}), the error budgets and the e-mail batch maximum,
 * for the checks the suite gates.
 *
 * <p>Gatling judges its own statistics: whole milliseconds, and its request counts include the
 * warm-up. loadgate's verdict engine, which reads the recorded histograms, is the authoritative
 * gate.
 */
public final class GatlingAssertions {
  /** The requests a {@code request:} source may name, and the journey group each belongs to. */
  private static final Map<String, String> REQUEST_JOURNEY =
      Map.of(EmailJourney.PROCESS_QUEUE, Journeys.EMAIL);

  private GatlingAssertions() {}

  /**
   * The assertions for a suite.
   *
   * @throws IllegalArgumentException when the baselines file cannot be read, with what to do
   */
  public static List<Assertion> fromBaselines(Path productionYaml, Suite suite) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(productionYaml.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          productionYaml
              + ": cannot read the baselines ("
              + e.getMessage()
              + "). Check the file with `loadgate baselines validate`.");
    }
    List<Assertion> assertions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
      pathLatency(path.getKey(), path.getValue(), suite, assertions);
    }
    for (Map.Entry<String, JsonNode> check : root.path("checks").properties()) {
      if (suite.gates(check.getKey())) {
        check(check.getValue(), suite).ifPresent(assertions::add);
      }
    }
    return List.copyOf(assertions);
  }

  private static void pathLatency(
      String path, JsonNode spec, Suite suite, List<Assertion> assertions) {
    if (suite.arrivalRatePerSec(path).isEmpty() || !suite.gates("latency." + path + ".p95")) {
      return;
    }
    Optional<Duration> below = Quantities.duration(spec.path("below").asText(null));
    double percentile = spec.path("percentile").asDouble(95);
    below.ifPresent(
        limit ->
            assertions.add(
                details(path)
                    .responseTime()
                    .percentile(percentile)
                    .lt(Math.toIntExact(limit.toMillis()))));
  }

  private static Optional<Assertion> check(JsonNode spec, Suite suite) {
    String statistic = spec.path("statistic").asText("");
    JsonNode source = spec.path("source");
    String below = spec.path("below").asText(null);
    if (statistic.equals("rate")) {
      Optional<Double> share = Quantities.share(below);
      if (share.isEmpty()) {
        return Optional.empty();
      }
      double percent = share.get() * 100;
      if ("all".equals(source.path("requests").asText(null))) {
        return Optional.of(global().failedRequests().percent().lt(percent));
      }
      String group = source.path("group").asText(null);
      if (group != null && suite.arrivalRatePerSec(group).isPresent()) {
        return Optional.of(details(group).failedRequests().percent().lt(percent));
      }
    }
    if (statistic.equals("max")) {
      String request = source.path("request").asText(null);
      String group = request == null ? null : REQUEST_JOURNEY.get(request);
      Optional<Duration> limit = Quantities.duration(below);
      if (group != null && limit.isPresent() && suite.arrivalRatePerSec(group).isPresent()) {
        return Optional.of(
            details(group, request)
                .responseTime()
                .max()
                .lt(Math.toIntExact(limit.get().toMillis())));
      }
    }
    return Optional.empty();
  }
}
