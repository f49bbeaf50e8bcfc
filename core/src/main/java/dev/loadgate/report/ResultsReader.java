package dev.loadgate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Comparison;
import dev.loadgate.verdict.ConfidenceInterval;
import dev.loadgate.verdict.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code results.json} (schema {@value ResultsJson#SCHEMA}) back into a {@link RunResult}.
 * Problems are reported as {@link ResultsFormatException} whose message names the file and the
 * field.
 */
public final class ResultsReader {
  private ResultsReader() {}

  /**
   * Reads the results of a run folder; the measurements are left empty ({@link
   * Measurements#EMPTY}), which is all the run index and trends need.
   *
   * @param runDirOrFile a run folder or its {@code results.json}
   */
  public static RunResult read(Path runDirOrFile) {
    Path file =
        Files.isDirectory(runDirOrFile) ? runDirOrFile.resolve(ResultsJson.FILE) : runDirOrFile;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ResultsFormatException(
          file + ": no results file (expected a run folder written by loadgate). Check the path.");
    } catch (IOException e) {
      throw new ResultsFormatException(file + ": cannot read (" + e + ")");
    }
    return parse(file, text);
  }

  /** {@link #read} plus the run's measurements from the same folder. */
  public static RunResult readWithMeasurements(Path runDir) {
    RunResult result = read(runDir);
    Measurements measurements = MeasurementStore.read(runDir);
    return new RunResult(
        result.metadata(),
        result.complete(),
        result.incompleteReason(),
        result.checks(),
        measurements,
        result.notes());
  }

  /** Parses the text of a results file; {@code file} is only used in messages. */
  public static RunResult parse(Path file, String text) {
    JsonNode root;
    try {
      root = ResultsJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ResultsFormatException(
          file
              + ":"
              + e.getLocation().getLineNr()
              + ":"
              + e.getLocation().getColumnNr()
              + ": not valid JSON ("
              + e.getOriginalMessage()
              + ")");
    }
    Fields f = new Fields(file);
    if (root == null || !root.isObject()) {
      throw new ResultsFormatException(file + ": expected a JSON object at the top level");
    }
    String schema = f.text(root, "schema");
    if (!ResultsJson.SCHEMA.equals(schema)) {
      throw new ResultsFormatException(
          file
              + ": unsupported schema (expected \""
              + ResultsJson.SCHEMA
              + "\", got \""
              + schema
              + "\"). Re-run the gate with this loadgate version.");
    }
    RunMetadata metadata =
        new RunMetadata(
            f.text(root, "runId"),
            f.instant(root, "startedAt"),
            f.instant(root, "finishedAt"),
            environment(f, root.path("environment")),
            f.optionalText(root, "baselinesFile"),
            f.optionalText(root, "acceptedRunId"));
    List<Check> checks = new ArrayList<>();
    JsonNode checkNodes = f.array(root, "checks");
    for (int i = 0; i < checkNodes.size(); i++) {
      checks.add(check(f.at("checks[" + i + "]"), checkNodes.get(i)));
    }
    List<String> notes = new ArrayList<>();
    root.path("notes").forEach(n -> notes.add(n.asText()));
    return new RunResult(
        metadata,
        f.bool(root, "complete"),
        f.optionalText(root, "incompleteReason"),
        checks,
        Measurements.EMPTY,
        notes);
  }

  private static Environment environment(Fields f, JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.isEmpty()) {
      return null;
    }
    Fields e = f.at("environment");
    Map<String, String> extra = new LinkedHashMap<>();
    node.path("extra").properties().forEach(x -> extra.put(x.getKey(), x.getValue().asText()));
    return new Environment(
        e.optionalText(node, "jdk"),
        node.path("cores").asInt(),
        node.path("maxHeapBytes").asLong(),
        e.optionalText(node, "os"),
        e.optionalText(node, "gitCommit"),
        e.optionalText(node, "target"),
        e.optionalText(node, "suite"),
        extra);
  }

  private static Check check(Fields f, JsonNode node) {
    try {
      Check check =
          new Check(
              f.text(node, "id"),
              f.optionalText(node, "title"),
              f.status(node, "status"),
              f.bool(node, "gated"),
              f.number(node, "measured"),
              f.text(node, "comparator"),
              f.number(node, "limit"),
              f.text(node, "unit"),
              node.path("samples").asLong(),
              interval(f, node.path("ci")),
              comparison(f.at("comparison"), node.path("comparison")),
              f.optionalText(node, "reason"),
              f.optionalText(node, "guideSection"));
      String path = f.optionalText(node, "path");
      return path == null || path.isEmpty() ? check : check.withPath(path);
    } catch (IllegalArgumentException e) {
      if (e instanceof ResultsFormatException) {
        throw e;
      }
      throw new ResultsFormatException(f.where + ": " + e.getMessage());
    }
  }

  private static ConfidenceInterval interval(Fields f, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    return new ConfidenceInterval(
        f.number(node, "lower"), f.number(node, "upper"), f.number(node, "confidence"));
  }

  private static Comparison comparison(Fields f, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    return new Comparison(
        f.text(node, "acceptedRunId"),
        f.number(node, "acceptedValue"),
        interval(f, node.path("acceptedCi")),
        f.number(node, "deltaAbsolute"),
        f.number(node, "deltaPercent"),
        node.path("regressed").asBoolean());
  }

  /** Field access that names the file and the field in every message. */
  private static final class Fields {
    final String where;

    Fields(Path file) {
      this(file.toString());
    }

    private Fields(String where) {
      this.where = where;
    }

    Fields at(String field) {
      return new Fields(where + ": " + field);
    }

    String text(JsonNode node, String field) {
      JsonNode value = node.path(field);
      if (!value.isTextual() || value.asText().isEmpty()) {
        throw bad(field, "a non-empty string", value);
      }
      return value.asText();
    }

    String optionalText(JsonNode node, String field) {
      JsonNode value = node.path(field);
      return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    boolean bool(JsonNode node, String field) {
      JsonNode value = node.path(field);
      if (!value.isBoolean()) {
        throw bad(field, "true or false", value);
      }
      return value.asBoolean();
    }

    double number(JsonNode node, String field) {
      JsonNode value = node.path(field);
      if (value.isNull()) {
        return Double.NaN;
      }
      if (!value.isNumber()) {
        throw bad(field, "a number or null", value);
      }
      return value.asDouble();
    }

    Instant instant(JsonNode node, String field) {
      String text = text(node, field);
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw bad(field, "an ISO-8601 instant such as 2026-11-29T07:15:02Z", node.path(field));
      }
    }

    Status status(JsonNode node, String field) {
      String text = text(node, field);
      try {
        return Status.valueOf(text);
      } catch (IllegalArgumentException e) {
        throw bad(field, "one of " + Arrays.toString(Status.values()), node.path(field));
      }
    }

    JsonNode array(JsonNode node, String field) {
      JsonNode value = node.path(field);
      if (!value.isArray()) {
        throw bad(field, "an array", value);
      }
      return value;
    }

    private ResultsFormatException bad(String field, String expected, JsonNode got) {
      String shown = got.isMissingNode() ? "nothing" : got.toString();
      return new ResultsFormatException(
          where
              + ": field \""
              + field
              + "\" is invalid (expected "
              + expected
              + ", got "
              + shown
              + ")");
    }
  }
}
