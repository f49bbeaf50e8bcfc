package dev.loadgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the relative gate ({@code --against}) needs to know about this machine and target: per
 * check, the run-to-run drift of the log p95 beyond its sampling error, as {@code loadgate
 * calibrate} measured it. Read from {@code baselines/calibration.json} ({@link #SCHEMA}); without
 * that file the documented default applies.
 *
 * @param defaultDriftLogSd the drift of checks the file does not list, ≥ 0
 * @param driftLogSd per check id, ≥ 0
 * @param source where these numbers come from, e.g. the file's path or {@code "default"}
 */
public record Calibration(double defaultDriftLogSd, Map<String, Double> driftLogSd, String source) {
  public static final String SCHEMA = "loadgate.calibration/v1";

  /**
   * The largest drift accepted: 5 on the log scale, a factor of e⁵ ≈ 150 between runs. A shared
   * machine measured 1.2 (p95s from 67 ms to 5.8 s over 20 repeats); beyond 5 the file is wrong.
   */
  static final double MAX_DRIFT_LOG_SD = 5;

  /**
   * Without a calibration: 5 % (0.05 on the log scale), the run-to-run movement of a quiet p95 that
   * the toolchain measurements showed on two shared cores (docs/verdicts.md).
   */
  public static final Calibration DEFAULT = new Calibration(0.05, Map.of(), "default");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Calibration {
    requireDrift("defaultDriftLogSd", defaultDriftLogSd);
    driftLogSd = Map.copyOf(driftLogSd);
    driftLogSd.forEach((id, value) -> requireDrift(id, value));
    Objects.requireNonNull(source, "source");
  }

  /** The drift of one check. */
  public double drift(String checkId) {
    return driftLogSd.getOrDefault(checkId, defaultDriftLogSd);
  }

  /** Whether this came from a file rather than the default. */
  public boolean measured() {
    return !source.equals(DEFAULT.source());
  }

  /**
   * Reads a calibration file; only {@code schema}, {@code defaultDriftLogSd} and each {@code
   * checks.<id>.driftLogSd} matter, other fields are the evidence for people.
   *
   * @throws CalibrationException naming the file and the field that is wrong
   */
  public static Calibration read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CalibrationException(
          file
              + ": cannot read the calibration (expected a "
              + SCHEMA
              + " JSON file, got "
              + e.getMessage()
              + "). Run loadgate calibrate to write one.");
    }
    if (root == null || !SCHEMA.equals(root.path("schema").asText())) {
      throw new CalibrationException(
          file
              + ": not a calibration file (expected schema \""
              + SCHEMA
              + "\", got \""
              + (root == null ? "" : root.path("schema").asText())
              + "\"). Run loadgate calibrate to write one.");
    }
    double fallback = number(file, root, "defaultDriftLogSd", DEFAULT.defaultDriftLogSd());
    Map<String, Double> drifts = new LinkedHashMap<>();
    JsonNode checks = root.path("checks");
    for (Map.Entry<String, JsonNode> entry : checks.properties()) {
      drifts.put(
          entry.getKey(),
          number(file, entry.getValue(), "checks." + entry.getKey() + ".driftLogSd", Double.NaN));
    }
    return new Calibration(fallback, drifts, file.toString());
  }

  private static double number(Path file, JsonNode node, String field, double fallback) {
    String leaf = field.substring(field.lastIndexOf('.') + 1);
    JsonNode value = node.get(leaf);
    if (value == null && !Double.isNaN(fallback)) {
      return fallback;
    }
    if (value == null
        || !value.isNumber()
        || !(value.asDouble() >= 0)
        || value.asDouble() > MAX_DRIFT_LOG_SD) {
      throw new CalibrationException(
          file
              + ": "
              + field
              + " must be a log standard deviation between 0 and 5 (expected e.g. 0.03, got "
              + value
              + "). Run loadgate calibrate again.");
    }
    return value.asDouble();
  }

  /** Writes {@code evidence} (a JSON object with {@code checks}) with the schema in front. */
  public static void write(Path file, ObjectNode evidence) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.setAll(evidence);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** A fresh JSON object for {@link #write}. */
  public static ObjectNode newEvidence() {
    return JSON.createObjectNode();
  }

  private static void requireDrift(String what, double value) {
    if (!(value >= 0) || value > MAX_DRIFT_LOG_SD) {
      throw new IllegalArgumentException(
          what + ": drift must be a log standard deviation in [0, 5] (got " + value + ")");
    }
  }
}
