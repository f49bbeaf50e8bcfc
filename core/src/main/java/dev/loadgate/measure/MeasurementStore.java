package dev.loadgate.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Saves and loads {@link Measurements} in a folder: one standard HdrHistogram interval log per
 * series ({@code histograms/<phase>/<kind>-<name>.hlog}, values in microseconds, readable by
 * HdrHistogram's {@code HistogramLogProcessor}) and an index, {@code measurements.json} (schema
 * {@value #SCHEMA}), holding outcome counts, interval error counts and figures.
 */
public final class MeasurementStore {
  /** The schema id written into {@code measurements.json}. */
  public static final String SCHEMA = "loadgate.measurements/v1";

  public static final String INDEX_FILE = "measurements.json";

  /** Set in an index written while the run goes; its logs may run ahead of it. */
  static final String LIVE_FIELD = "live";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MeasurementStore() {}

  /**
   * Writes {@code measurements} into {@code folder} (created if needed). Each file is written
   * beside its final name and renamed over it, so a crash leaves the previous version or the new
   * one, never half a file; the index is written last.
   */
  public static void write(Path folder, Measurements measurements) {
    try {
      Files.createDirectories(folder);
      ArrayNode seriesNodes = JSON.createArrayNode();
      Set<String> usedFiles = new HashSet<>();
      for (Phase phase : Phase.values()) {
        for (Series series : measurements.series(phase)) {
          String file = uniqueFile(series.key(), usedFiles);
          Path log = folder.resolve(file);
          Files.createDirectories(log.getParent());
          replace(log, logText(series, series.intervals()));
          seriesNodes.add(seriesNode(series, file, series.sampleCount()));
        }
      }
      replace(folder.resolve(INDEX_FILE), index(seriesNodes, measurements.figures(), false));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write measurements to " + folder, e);
    }
  }

  /** The index document: the series nodes, the figures, and whether it is a live index. */
  static byte[] index(ArrayNode seriesNodes, Map<String, Figure> figures, boolean live)
      throws IOException {
    ObjectNode index = JSON.createObjectNode();
    index.put("schema", SCHEMA);
    index.put("valueUnit", "microseconds");
    if (live) {
      index.put(LIVE_FIELD, true);
    }
    index.set("series", seriesNodes);
    ArrayNode figureNodes = index.putArray("figures");
    figures.values().stream()
        .sorted(java.util.Comparator.comparing(Figure::id))
        .forEach(figure -> figureNodes.add(figureNode(figure)));
    return JSON.writeValueAsBytes(index);
  }

  /** Writes {@code bytes} to a sibling of {@code file} and renames it over {@code file}. */
  static void replace(Path file, byte[] bytes) throws IOException {
    Path staging = file.resolveSibling("." + file.getFileName() + ".partial");
    try {
      Files.write(staging, bytes);
      Files.move(
          staging,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(staging);
      throw e;
    }
  }

  /**
   * Reads what {@link #write} (or a {@link LiveMeasurementLog}) wrote, strictly: every series'
   * {@code .hlog} must be whole, decode, stay in the histogram's range and hold exactly the samples
   * and intervals the index says. A live index (a run still going, or killed) may trail its logs by
   * the intervals appended after its last rewrite; those are left out.
   *
   * @throws MeasurementFormatException naming the file (and line) of the first problem
   */
  public static Measurements read(Path folder) {
    Path indexFile = folder.resolve(INDEX_FILE);
    JsonNode index;
    try {
      index = JSON.readTree(indexFile.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MeasurementFormatException(
          indexFile
              + ":"
              + e.getLocation().getLineNr()
              + ": not valid JSON ("
              + e.getOriginalMessage()
              + "). The file was cut off or edited; rerun the load.",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read measurements from " + indexFile, e);
    }
    String schema = index == null ? "" : index.path("schema").asText();
    if (!SCHEMA.equals(schema)) {
      throw new MeasurementFormatException(
          indexFile + ": unsupported schema (expected \"" + SCHEMA + "\", got \"" + schema + "\")");
    }
    boolean live = index.path(LIVE_FIELD).asBoolean(false);
    Map<SeriesKey, Series> series = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode node : index.path("series")) {
      Series s = readSeries(folder, indexFile + ": series[" + i++ + "]", node, live);
      series.put(s.key(), s);
    }
    Map<String, Figure> figures = new LinkedHashMap<>();
    for (JsonNode node : index.path("figures")) {
      Figure figure = readFigure(node);
      figures.put(figure.id(), figure);
    }
    return new Measurements(series, figures);
  }

  /** A figure as JSON; a value that could not be measured (NaN) is written as null. */
  private static ObjectNode figureNode(Figure figure) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", figure.id());
    if (Double.isNaN(figure.value())) {
      node.putNull("value");
    } else {
      node.put("value", figure.value());
    }
    node.put("unit", figure.unit());
    node.put("samples", figure.samples());
    node.put("source", figure.source());
    node.put("note", figure.note());
    ArrayNode evidence = node.putArray("evidence");
    for (Map<String, String> row : figure.evidence()) {
      ObjectNode rowNode = evidence.addObject();
      new java.util.TreeMap<>(row).forEach(rowNode::put);
    }
    return node;
  }

  private static Figure readFigure(JsonNode node) {
    JsonNode value = node.path("value");
    List<Map<String, String>> evidence = new ArrayList<>();
    for (JsonNode row : node.path("evidence")) {
      Map<String, String> columns = new LinkedHashMap<>();
      row.properties().forEach(e -> columns.put(e.getKey(), e.getValue().asText()));
      evidence.add(columns);
    }
    return new Figure(
        node.path("id").asText(),
        value.isNumber() ? value.asDouble() : Double.NaN,
        node.path("unit").asText(),
        node.path("samples").asLong(),
        node.path("source").asText(),
        node.path("note").asText(""),
        evidence);
  }

  static String uniqueFile(SeriesKey key, Set<String> used) {
    String base = "histograms/" + key.phase().name().toLowerCase(java.util.Locale.ROOT) + "/";
    String candidate = base + key.slug() + ".hlog";
    for (int i = 2; !used.add(candidate); i++) {
      candidate = base + key.slug() + "-" + i + ".hlog";
    }
    return candidate;
  }

  /**
   * The index entry of a series.
   *
   * @param samples the samples its log holds (while a run goes, the outcome counters may run ahead
   *     of the intervals cut so far)
   */
  static ObjectNode seriesNode(Series series, String file, long samples) {
    ObjectNode node = JSON.createObjectNode();
    node.put("phase", series.key().phase().name());
    node.put("kind", series.key().kind().name());
    node.put("name", series.key().name());
    node.put("file", file);
    node.put("samples", samples);
    ObjectNode outcomes = node.putObject("outcomes");
    series.outcomeCounts().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> outcomes.put(e.getKey().name(), e.getValue()));
    ArrayNode errors = node.putArray("intervalErrors");
    series.intervals().forEach(i -> errors.add(i.errorCount()));
    return node;
  }

  static ArrayNode newArray() {
    return JSON.createArrayNode();
  }

  /** The log's header (when {@code intervals} starts at the series' first) and its lines. */
  static byte[] logText(Series series, List<Interval> intervals) {
    return logText(series, intervals, true);
  }

  static byte[] logText(Series series, List<Interval> intervals, boolean withHeader) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
      HistogramLogWriter writer = new HistogramLogWriter(print);
      long startMillis = series.startEpochMillis();
      writer.setBaseTime(startMillis);
      if (withHeader) {
        writer.outputComment("loadgate series " + series.key().kind() + " " + series.key().name());
        writer.outputComment("values in microseconds");
        writer.outputBaseTime(startMillis);
        writer.outputStartTime(startMillis);
        writer.outputLegend();
      }
      for (Interval interval : intervals) {
        writer.outputIntervalHistogram(interval.latencyMicros());
      }
    }
    return bytes.toByteArray();
  }

  private static Series readSeries(Path folder, String where, JsonNode node, boolean live) {
    SeriesKey key;
    EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    try {
      key =
          new SeriesKey(
              Phase.valueOf(node.path("phase").asText()),
              SeriesKind.valueOf(node.path("kind").asText()),
              node.path("name").asText());
      node.path("outcomes")
          .properties()
          .forEach(e -> counts.put(Outcome.valueOf(e.getKey()), e.getValue().asLong()));
    } catch (IllegalArgumentException e) {
      throw new MeasurementFormatException(
          where + ": not a series (" + e.getMessage() + "). The index was edited; rerun the load.",
          e);
    }
    List<Long> errors = new ArrayList<>();
    node.path("intervalErrors").forEach(n -> errors.add(n.asLong()));
    Path log = folder.resolve(node.path("file").asText());
    List<HistogramLogFile.Entry> entries = HistogramLogFile.read(log);
    if (entries.size() < errors.size() || (!live && entries.size() > errors.size())) {
      throw new MeasurementFormatException(
          log
              + ": holds "
              + entries.size()
              + " intervals, but "
              + INDEX_FILE
              + " lists "
              + errors.size()
              + " (expected the same number). The log was cut at a line boundary or replaced;"
              + " rerun the load.");
    }
    List<Interval> intervals = new ArrayList<>();
    long samples = 0;
    for (int i = 0; i < errors.size(); i++) {
      HistogramLogFile.Entry entry = entries.get(i);
      try {
        intervals.add(
            Interval.of(
                entry.startEpochMillis(),
                entry.endEpochMillis(),
                entry.histogram(),
                errors.get(i)));
      } catch (IllegalArgumentException e) {
        throw new MeasurementFormatException(
            log + ":" + entry.line() + ": " + e.getMessage() + " (from " + INDEX_FILE + ")", e);
      }
      samples += entry.histogram().getTotalCount();
    }
    JsonNode indexed = node.path("samples");
    if (indexed.isNumber() && indexed.asLong() != samples) {
      throw new MeasurementFormatException(
          log
              + ": holds "
              + samples
              + " samples, but "
              + INDEX_FILE
              + " says "
              + indexed.asLong()
              + " (expected the same count). The log was cut or replaced; rerun the load.");
    }
    return new Series(key, intervals, counts);
  }
}
