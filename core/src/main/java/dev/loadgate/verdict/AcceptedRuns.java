package dev.loadgate.verdict;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.measure.MeasurementFormatException;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.run.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  /** Same as {@link #accept(Path, Path, boolean)} without {@code force}. */
  public static Path accept(Path runDir, Path acceptedDir) {
    return accept(runDir, acceptedDir, false);
  }

  /**
   * Copies a finished run's measurements and environment into {@code acceptedDir/<run-id>/}, where
   * the run id is the run folder's name. A reference must be a healthy run: a run that is
   * incomplete, failed its gate, ran with injected faults, or has no results.json to say so is
   * refused unless {@code force}; {@value #ACCEPTED_FILE} records what was forced. Never overwrites
   * an accepted run.
   *
   * @return the new accepted run's folder
   * @throws AcceptedRunException when the run folder has no measurements, is unfit as a reference
   *     (every reason in one message), or the run was accepted before
   */
  public static Path accept(Path runDir, Path acceptedDir, boolean force) {
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
    List<String> unfit = unfitness(results);
    if (!unfit.isEmpty() && !force) {
      throw new AcceptedRunException(
          runDir
              + ": not accepted as a reference: "
              + String.join("; ", unfit)
              + ". A reference must be a complete, passing run without injected faults; pass"
              + " --force to accept it anyway.");
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
      boolean complete = results.map(r -> r.path("complete").asBoolean(false)).orElse(false);
      accepted.put("complete", complete);
      if (!complete) {
        accepted.put(
            "incompleteReason",
            results
                .map(r -> r.path("incompleteReason").asText(""))
                .filter(r -> !r.isBlank())
                .orElse("the run folder has no results.json"));
      }
      if (!unfit.isEmpty()) {
        accepted.put("forced", String.join("; ", unfit));
      }
      JSON.writeValue(staging.resolve(ACCEPTED_FILE).toFile(), accepted);
      move(staging, target);
      return target;
    } catch (IOException e) {
      throw new AcceptedRunException(
          target + ": could not store the accepted run (" + e.getMessage() + ")", e);
    }
  }

  /** Why a run is no reference: incomplete, failed, faults injected, or no verdict at all. */
  private static List<String> unfitness(Optional<JsonNode> results) {
    List<String> reasons = new ArrayList<>();
    if (results.isEmpty()) {
      reasons.add(
          "its verdict is unknown (expected a results.json with complete=true and verdict PASS or"
              + " WARN, got no results.json)");
      return reasons;
    }
    JsonNode r = results.get();
    if (!r.path("complete").asBoolean(false)) {
      reasons.add(
          "the run is incomplete (expected complete=true, got complete=false: "
              + r.path("incompleteReason").asText("no reason recorded")
              + ")");
    }
    String verdict = r.path("verdict").asText("unknown");
    if (!verdict.equals("PASS") && !verdict.equals("WARN")) {
      reasons.add(
          "the run did not pass its gate (expected verdict PASS or WARN, got " + verdict + ")");
    }
    String faults = r.path("environment").path("extra").path("faults").asText("");
    if (!faults.isBlank()) {
      reasons.add("faults were injected (expected none, got " + faults + ")");
    }
    return reasons;
  }

  /**
   * Whether the run in {@code folder} can be the reference of a run of {@code suite}: it must be
   * complete and of the same suite (a relative gate between different suites compares different
   * loads).
   *
   * @param suite the compared run's suite; {@link Environment#UNKNOWN} or null when not recorded
   * @return the reason it cannot, as a message naming the folder and the fix; empty when it can
   */
  public static Optional<String> unfitAsReferenceFor(Path folder, String suite) {
    Path dir = folder.toAbsolutePath().normalize();
    Optional<JsonNode> accepted = readJson(dir.resolve(ACCEPTED_FILE));
    Optional<JsonNode> results = readJson(dir.resolve(RESULTS_FILE));
    // An accepted run from before completeness was recorded passed accept's check then.
    boolean complete =
        accepted.isPresent()
            ? accepted.get().path("complete").asBoolean(true)
            : results.map(r -> r.path("complete").asBoolean(false)).orElse(false);
    JsonNode record = accepted.or(() -> results).orElse(null);
    if (!complete) {
      String reason =
          record == null
              ? "no results.json"
              : record.path("incompleteReason").asText("no reason recorded");
      return Optional.of(
          folder
              + ": the accepted run is incomplete (expected a complete run, got complete=false: "
              + reason
              + "). A partial run cannot be the reference of a regression gate; accept a complete"
              + " run with loadgate baselines accept RUN_DIR.");
    }
    String acceptedSuite =
        environmentOf(dir, results).map(Environment::suite).orElse(Environment.UNKNOWN);
    String current = suite == null ? Environment.UNKNOWN : suite;
    if (acceptedSuite.equals(Environment.UNKNOWN) || current.equals(Environment.UNKNOWN)) {
      return Optional.of(
          folder
              + ": the suites cannot be matched (expected both runs to record their suite, got"
              + " accepted "
              + acceptedSuite
              + ", this run "
              + current
              + "). A regression gate compares runs of the same suite; accept a run written by"
              + " loadgate run.");
    }
    if (!acceptedSuite.equals(current)) {
      return Optional.of(
          folder
              + ": the accepted run is of another suite (expected suite "
              + current
              + ", got "
              + acceptedSuite
              + "). Gate against an accepted run of suite "
              + current
              + ", or accept one: loadgate run --suite "
              + current
              + ", then loadgate baselines accept RUN_DIR.");
    }
    return Optional.empty();
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
