package dev.loadgate.cli.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Series;
import dev.loadgate.report.ResultsJson;
import dev.loadgate.report.ResultsReader;
import dev.loadgate.report.RunResult;
import dev.loadgate.scaleout.RunIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One input folder of {@code loadgate merge}: its results, identity and measurements, read and
 * checked so that a damaged folder is bad input naming the file (and line), never a merge that
 * silently lost samples.
 *
 * @param folder the folder as given
 * @param result its results.json
 * @param identity what it must share with the other inputs
 * @param measurements its histograms and figures
 */
record MergeInput(Path folder, RunResult result, RunIdentity identity, Measurements measurements) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An interval line of an HdrHistogram log: optional tag, start, length, max, payload. */
  private static final Pattern INTERVAL_LINE =
      Pattern.compile("(Tag=[^,]*,)?\\d+(\\.\\d+)?,\\d+(\\.\\d+)?,\\d+(\\.\\d+)?,[A-Za-z0-9+/]+=*");

  /** Why {@code folder} cannot be an input, or empty when it has the files of a run folder. */
  static Optional<String> shapeProblem(Path folder) {
    String shown = LoadgateHome.display(folder);
    if (!Files.isDirectory(folder)) {
      return Optional.of(
          shown
              + ": not a run folder (expected a folder written by loadgate run, got no such"
              + " folder).");
    }
    for (String file : List.of(MeasurementStore.INDEX_FILE, ResultsJson.FILE)) {
      if (!Files.isRegularFile(folder.resolve(file))) {
        return Optional.of(
            shown
                + ": not a run folder (expected "
                + file
                + " inside, got none). Merge the folders loadgate run wrote; without "
                + ResultsJson.FILE
                + " nothing says which run the measurements belong to.");
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the results and identity of {@code folder} (the measurements come later, once the inputs
   * are known to belong together).
   *
   * @throws IllegalArgumentException with a complete message when results.json is damaged
   */
  static MergeInput identify(Path folder) {
    RunResult result = ResultsReader.read(folder);
    return new MergeInput(folder, result, RunIdentity.of(folder, result), Measurements.EMPTY);
  }

  /**
   * Whether the folder is one a run has begun and not yet finished (or was killed in): incomplete,
   * no checks, and its clock window still empty.
   */
  boolean stillRunning() {
    return !result.complete()
        && result.checks().isEmpty()
        && result.metadata().finishedAt().equals(result.metadata().startedAt());
  }

  /**
   * The same input with its measurements, each histogram log checked against the sample counts of
   * measurements.json.
   *
   * @throws IllegalArgumentException naming the damaged file (and line, where one is to blame)
   */
  MergeInput withMeasurements() {
    Map<String, String> files = seriesFiles();
    Measurements read;
    try {
      read = MeasurementStore.read(folder);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(damaged(files.values(), describe(e)));
    }
    for (Series series : read.series().values()) {
      long logged = series.latencyMicros().getTotalCount();
      if (logged != series.sampleCount()) {
        String file = files.getOrDefault(seriesId(series), "histograms/");
        Optional<String> bad = firstBadLine(folder.resolve(file));
        if (bad.isPresent()) {
          throw new IllegalArgumentException(where(file) + bad.get());
        }
        throw new IllegalArgumentException(
            where(file)
                + ": holds "
                + logged
                + " samples of series "
                + series.key().name()
                + " (expected the "
                + series.sampleCount()
                + " that "
                + MeasurementStore.INDEX_FILE
                + " counts, got "
                + logged
                + "). The histogram log is truncated or damaged; merge a run folder that is whole.");
      }
    }
    return new MergeInput(folder, result, identity, read);
  }

  private String damaged(Iterable<String> files, String detail) {
    for (String file : files) {
      Optional<String> bad = firstBadLine(folder.resolve(file));
      if (bad.isPresent()) {
        return where(file) + bad.get();
      }
    }
    return LoadgateHome.display(folder)
        + ": the measurements cannot be read (expected "
        + MeasurementStore.INDEX_FILE
        + " and its histogram logs as loadgate wrote them, got "
        + detail
        + "). The folder is damaged or from another loadgate version.";
  }

  /**
   * The first line of a histogram log that is neither a comment, a header, the legend nor a whole
   * interval line, as {@code :LINE: ...}; empty when every line is well formed.
   */
  static Optional<String> firstBadLine(Path log) {
    String text;
    try {
      text = Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.of(": cannot be read (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      return Optional.of(
          ":1: not text (expected an HdrHistogram interval log, got bytes that are not UTF-8). The file is damaged.");
    }
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean known =
          line.startsWith("#")
              || line.startsWith("\"StartTimestamp\"")
              || INTERVAL_LINE.matcher(line).matches();
      boolean cut = i == lines.size() - 1 && !text.endsWith("\n");
      if (!known || cut) {
        return Optional.of(
            ":"
                + (i + 1)
                + ": "
                + (cut ? "cut off mid-line" : "not an interval line")
                + " (expected START,LENGTH,MAX,BASE64 as HdrHistogram writes it, got \""
                + (line.length() > 40 ? line.substring(0, 40) + "..." : line)
                + "\"). The histogram log is truncated or damaged; merge a run folder that is"
                + " whole.");
      }
    }
    return Optional.empty();
  }

  private String where(String file) {
    return LoadgateHome.display(folder.resolve(file));
  }

  /** measurements.json's histogram file of each series, keyed like {@link #seriesId}. */
  private Map<String, String> seriesFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    try {
      JsonNode index = JSON.readTree(folder.resolve(MeasurementStore.INDEX_FILE).toFile());
      for (JsonNode node : index.path("series")) {
        files.put(
            node.path("phase").asText()
                + "/"
                + node.path("kind").asText()
                + "/"
                + node.path("name").asText(),
            node.path("file").asText());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          LoadgateHome.display(folder.resolve(MeasurementStore.INDEX_FILE))
              + ": not valid JSON (expected the index loadgate wrote, got "
              + e.getMessage().lines().findFirst().orElse("")
              + "). The folder is damaged.");
    }
    return files;
  }

  private static String seriesId(Series series) {
    return series.key().phase() + "/" + series.key().kind() + "/" + series.key().name();
  }

  private static String describe(Throwable e) {
    Throwable root = e.getCause() != null ? e.getCause() : e;
    String message = root.getMessage();
    return root.getClass().getSimpleName()
        + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }
}
