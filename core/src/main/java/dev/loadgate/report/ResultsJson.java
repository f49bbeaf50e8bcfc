package dev.loadgate.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Comparison;
import dev.loadgate.verdict.ConfidenceInterval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeMap;

/**
 * Writes {@code results.json}, schema {@value #SCHEMA} (documented in {@code docs/reports.md}).
 * Output is deterministic: fixed field order, checks in the given order, map keys sorted, {@code
 * \n} line ends; NaN and infinities are written as {@code null}.
 */
public final class ResultsJson {
  /** The schema id of {@code results.json}. */
  public static final String SCHEMA = "loadgate.results/v1";

  /** The file name inside a run folder. */
  public static final String FILE = "results.json";

  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private ResultsJson() {}

  /** The document for {@code result}. */
  public static String render(RunResult result) {
    try {
      return WRITER.writeValueAsString(toTree(result)) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("could not render results.json", e);
    }
  }

  /** Writes {@link #render} to {@code file}. */
  public static void write(Path file, RunResult result) {
    try {
      Files.writeString(file, render(result), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  static ObjectNode toTree(RunResult result) {
    RunMetadata meta = result.metadata();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("runId", meta.runId());
    root.put("startedAt", instant(meta.startedAt()));
    root.put("finishedAt", instant(meta.finishedAt()));
    root.put("complete", result.complete());
    root.put("incompleteReason", result.incompleteReason());
    root.put("verdict", result.verdict().name());
    root.put("exitCode", result.exitCode());
    root.put("baselinesFile", meta.baselinesFile());
    root.put("acceptedRunId", meta.acceptedRunId());
    root.set("environment", environment(meta.environment()));
    ArrayNode checks = root.putArray("checks");
    result.checks().forEach(check -> checks.add(check(check)));
    ArrayNode notes = root.putArray("notes");
    result.notes().forEach(notes::add);
    return root;
  }

  private static ObjectNode environment(Environment env) {
    ObjectNode node = MAPPER.createObjectNode();
    if (env == null) {
      return node;
    }
    node.put("jdk", env.jdk());
    node.put("cores", env.cores());
    node.put("maxHeapBytes", env.maxHeapBytes());
    node.put("os", env.os());
    node.put("gitCommit", env.gitCommit());
    node.put("target", env.target());
    node.put("suite", env.suite());
    ObjectNode extra = node.putObject("extra");
    new TreeMap<>(env.extra()).forEach(extra::put);
    return node;
  }

  private static ObjectNode check(Check check) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", check.id());
    node.put("title", check.title());
    node.put("status", check.status().name());
    node.put("gated", check.gated());
    number(node, "measured", check.measured());
    number(node, "limit", check.limit());
    node.put("comparator", check.comparator());
    node.put("unit", check.unit().symbol());
    node.put("samples", check.samples());
    node.set("ci", interval(check.ci()));
    node.set("comparison", comparison(check.comparison()));
    node.put("reason", check.reason());
    node.put("guideSection", check.guideSection());
    if (check.path() != null) {
      node.put("path", check.path());
    }
    return node;
  }

  private static ObjectNode interval(ConfidenceInterval ci) {
    if (ci == null) {
      return null;
    }
    ObjectNode node = MAPPER.createObjectNode();
    number(node, "lower", ci.lower());
    number(node, "upper", ci.upper());
    number(node, "confidence", ci.confidencePercent());
    return node;
  }

  private static ObjectNode comparison(Comparison comparison) {
    if (comparison == null) {
      return null;
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("acceptedRunId", comparison.acceptedRunId());
    number(node, "acceptedValue", comparison.acceptedValue());
    node.set("acceptedCi", interval(comparison.acceptedCi()));
    number(node, "deltaAbsolute", comparison.deltaAbsolute());
    number(node, "deltaPercent", comparison.deltaPercent());
    node.put("regressed", comparison.regressed());
    return node;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  private static String instant(Instant instant) {
    return instant.toString();
  }
}
