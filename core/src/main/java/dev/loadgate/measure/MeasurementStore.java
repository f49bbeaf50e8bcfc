package dev.loadgate.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
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
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
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

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MeasurementStore() {}

  /** Writes {@code measurements} into {@code folder} (created if needed). */
  public static void write(Path folder, Measurements measurements) {
    try {
      Files.createDirectories(folder);
      ObjectNode index = JSON.createObjectNode();
      index.put("schema", SCHEMA);
      index.put("valueUnit", "microseconds");
      ArrayNode seriesNodes = index.putArray("series");
      Set<String> usedFiles = new HashSet<>();
      for (Phase phase : Phase.values()) {
        for (Series series : measurements.series(phase)) {
          String file = uniqueFile(series.key(), usedFiles);
          writeLog(folder.resolve(file), series);
          seriesNodes.add(seriesNode(series, file));
        }
      }
      ArrayNode figureNodes = index.putArray("figures");
      measurements.figures().values().stream()
          .sorted(java.util.Comparator.comparing(Figure::id))
          .forEach(figure -> figureNodes.add(figureNode(figure)));
      JSON.writeValue(folder.resolve(INDEX_FILE).toFile(), index);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write measurements to " + folder, e);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static Measurements read(Path folder) {
    Path indexFile = folder.resolve(INDEX_FILE);
    try {
      JsonNode index = JSON.readTree(indexFile.toFile());
      String schema = index.path("schema").asText();
      if (!SCHEMA.equals(schema)) {
        throw new IllegalArgumentException(
            indexFile
                + ": unsupported schema (expected \""
                + SCHEMA
                + "\", got \""
                + schema
                + "\")");
      }
      Map<SeriesKey, Series> series = new LinkedHashMap<>();
      for (JsonNode node : index.path("series")) {
        Series s = readSeries(folder, node);
        series.put(s.key(), s);
      }
      Map<String, Figure> figures = new LinkedHashMap<>();
      for (JsonNode node : index.path("figures")) {
        Figure figure = readFigure(node);
        figures.put(figure.id(), figure);
      }
      return new Measurements(series, figures);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read measurements from " + indexFile, e);
    }
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

  private static String uniqueFile(SeriesKey key, Set<String> used) {
    String base = "histograms/" + key.phase().name().toLowerCase(java.util.Locale.ROOT) + "/";
    String candidate = base + key.slug() + ".hlog";
    for (int i = 2; !used.add(candidate); i++) {
      candidate = base + key.slug() + "-" + i + ".hlog";
    }
    return candidate;
  }

  private static ObjectNode seriesNode(Series series, String file) {
    ObjectNode node = JSON.createObjectNode();
    node.put("phase", series.key().phase().name());
    node.put("kind", series.key().kind().name());
    node.put("name", series.key().name());
    node.put("file", file);
    node.put("samples", series.sampleCount());
    ObjectNode outcomes = node.putObject("outcomes");
    series.outcomeCounts().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> outcomes.put(e.getKey().name(), e.getValue()));
    ArrayNode errors = node.putArray("intervalErrors");
    series.intervals().forEach(i -> errors.add(i.errorCount()));
    return node;
  }

  private static void writeLog(Path file, Series series) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8)) {
      HistogramLogWriter writer = new HistogramLogWriter(print);
      writer.outputComment("loadgate series " + series.key().kind() + " " + series.key().name());
      writer.outputComment("values in microseconds");
      long startMillis = series.startEpochMillis();
      writer.outputBaseTime(startMillis);
      writer.setBaseTime(startMillis);
      writer.outputStartTime(startMillis);
      writer.outputLegend();
      for (Interval interval : series.intervals()) {
        writer.outputIntervalHistogram(interval.latencyMicros());
      }
    }
  }

  private static Series readSeries(Path folder, JsonNode node) throws IOException {
    SeriesKey key =
        new SeriesKey(
            Phase.valueOf(node.path("phase").asText()),
            SeriesKind.valueOf(node.path("kind").asText()),
            node.path("name").asText());
    List<Long> errors = new ArrayList<>();
    node.path("intervalErrors").forEach(n -> errors.add(n.asLong()));
    List<Interval> intervals = new ArrayList<>();
    Path log = folder.resolve(node.path("file").asText());
    HistogramLogReader reader = new HistogramLogReader(log.toFile());
    try {
      EncodableHistogram next;
      int i = 0;
      while ((next = reader.nextIntervalHistogram()) != null) {
        Histogram histogram = (Histogram) next;
        long errorCount = i < errors.size() ? errors.get(i) : 0;
        intervals.add(
            Interval.of(
                histogram.getStartTimeStamp(), histogram.getEndTimeStamp(), histogram, errorCount));
        i++;
      }
    } finally {
      reader.close();
    }
    EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    node.path("outcomes")
        .properties()
        .forEach(e -> counts.put(Outcome.valueOf(e.getKey()), e.getValue().asLong()));
    return new Series(key, intervals, counts);
  }
}
