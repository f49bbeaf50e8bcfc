package dev.loadgate.verdict;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.measure.MeasurementFormatException;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.report.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Accepted runs: the references of relative gates, stored under {@code
 * baselines/accepted/<run-id>/} as the run's measurements ({@link MeasurementStore} format),
 * {@value #ENVIRONMENT_FILE} and {@value #ACCEPTED_FILE} (who, when, from where).
 */
public final class AcceptedRuns {
  /** The environment of the accepted run, the {@link Environment} record as JSON. */
  public static final String ENVIRONMENT_FILE = "environment.json";

  /** When and from where the run was accepted. */
  public static final String ACCEPTED_FILE = "accepted.json";

  private static final String RESULTS_FILE = "results.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private AcceptedRuns() {}

  /**
   * Copies a finished run's measurements and environment into {@code acceptedDir/<run-id>/}, where
   * the run id is the run folder's name. Refuses incomplete runs and never overwrites an accepted
   * run.
   *
   * @return the new accepted run's folder
   * @throws AcceptedRunException when the run folder has no measurements, is incomplete, or the run
   *     was accepted before
   */
  public static Path accept(Path runDir, Path acceptedDir) {
    Path run = runDir.toAbsolutePath().normalize();
    String runId = run.getFileName() == null ? "" : run.getFileName().toString();
    if (!Files.isRegularFile(run.resolve(MeasurementStore.INDEX_FILE))) {
      throw new AcceptedRunException(
          runDir
              + ": not a run folder (expected "
              + MeasurementStore.INDEX_FILE
              + " inside, got none). Pass a folder under reports/ written by loadgate run.");
    }
    Optional<JsonNode> results = readJson(run.resolve(RESULTS_FILE));
    if (results.isPresent() && !results.get().path("complete").asBoolean(true)) {
      throw new AcceptedRunException(
          runDir
              + ": the run is incomplete (expected a complete run, got complete=false: "
              + results.get().path("incompleteReason").asText("no reason recorded")
              + "). Only complete runs can become a reference.");
    }
    Path target = acceptedDir.resolve(runId);
    if (Files.exists(target)) {
      throw new AcceptedRunException(
          target
              + ": run "
              + runId
              + " is already accepted (expected a new run id). Accepted runs are never"
              + " overwritten; delete the folder first to replace it.");
    }
    Measurements measurements = readMeasurements(run);
    Optional<Environment> environment = environmentOf(run, results);
    try {
      Files.createDirectories(acceptedDir);
      Path staging = Files.createTempDirectory(acceptedDir, "." + runId + "-");
      MeasurementStore.write(staging, measurements);
      if (environment.isPresent()) {
        JSON.writeValue(staging.resolve(ENVIRONMENT_FILE).toFile(), environment.get());
      }
      ObjectNode accepted = JSON.createObjectNode();
      accepted.put("runId", runId);
      accepted.put("acceptedAt", Instant.now().toString());
      accepted.put("from", runDir.toString());
      results.ifPresent(r -> accepted.put("verdict", r.path("verdict").asText("unknown")));
      JSON.writeValue(staging.resolve(ACCEPTED_FILE).toFile(), accepted);
      move(staging, target);
      return target;
    } catch (IOException e) {
      throw new AcceptedRunException(
          target + ": could not store the accepted run (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Loads an accepted run from its folder ({@code baselines/accepted/<run-id>}); a run folder under
   * {@code reports/} works too.
   *
   * @throws AcceptedRunException when the folder holds no measurements
   */
  public static AcceptedRun load(Path folder) {
    Path dir = folder.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve(MeasurementStore.INDEX_FILE))) {
      throw new AcceptedRunException(
          folder
              + ": not an accepted run (expected "
              + MeasurementStore.INDEX_FILE
              + " inside, got none). Accept a run first: loadgate baselines accept RUN_DIR.");
    }
    String runId =
        readJson(dir.resolve(ACCEPTED_FILE))
            .map(n -> n.path("runId").asText(""))
            .filter(id -> !id.isBlank())
            .orElse(dir.getFileName().toString());
    Measurements measurements = readMeasurements(dir);
    return new AcceptedRun(
        runId, measurements, environmentOf(dir, readJson(dir.resolve(RESULTS_FILE))));
  }

  private static Measurements readMeasurements(Path dir) {
    try {
      return MeasurementStore.read(dir);
    } catch (MeasurementFormatException e) {
      throw new AcceptedRunException(e.getMessage(), e);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new AcceptedRunException(
          dir + ": the measurements cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static Optional<Environment> environmentOf(Path dir, Optional<JsonNode> results) {
    Optional<JsonNode> node = readJson(dir.resolve(ENVIRONMENT_FILE));
    if (node.isEmpty()) {
      node = results.map(r -> r.path("environment")).filter(JsonNode::isObject);
    }
    return node.filter(n -> n.size() > 0).map(AcceptedRuns::environment);
  }

  private static Environment environment(JsonNode node) {
    try {
      return JSON.treeToValue(node, Environment.class);
    } catch (IOException e) {
      throw new AcceptedRunException("the recorded environment cannot be read (" + e + ")", e);
    }
  }

  private static Optional<JsonNode> readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new AcceptedRunException(file + ": not valid JSON (" + e.getMessage() + ")", e);
    }
  }

  private static void move(Path staging, Path target) throws IOException {
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    } catch (IOException e) {
      deleteTree(staging);
      throw e;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
