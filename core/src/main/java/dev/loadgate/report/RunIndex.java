package dev.loadgate.report;

import static dev.loadgate.report.Html.esc;

import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes {@code <reportsRoot>/index.html}: every run folder, newest first, with its verdict, suite,
 * target, date and a link, and a trend chart of each path's p95 over the runs. Folders without a
 * readable {@code results.json} are listed as unreadable rather than hiding them.
 */
public final class RunIndex {
  /** The file name under the reports root. */
  public static final String FILE = "index.html";

  /** How many most recent runs the trend charts show. */
  public static final int TREND_RUNS = 50;

  private RunIndex() {}

  /** One listed run: its folder name and its results, or why they could not be read. */
  public record Entry(String runId, Optional<RunResult> result, String problem) {}

  /** Regenerates the index; returns its path. */
  public static Path write(Path reportsRoot) {
    Path file = reportsRoot.resolve(FILE);
    try {
      Files.createDirectories(reportsRoot);
      Path temp = reportsRoot.resolve("." + FILE + ".tmp");
      Files.writeString(temp, render(entries(reportsRoot)), StandardCharsets.UTF_8);
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** The run folders under {@code reportsRoot}, newest first (run ids sort by start time). */
  public static List<Entry> entries(Path reportsRoot) {
    if (!Files.isDirectory(reportsRoot)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(reportsRoot)) {
      for (Path dir :
          children
              .filter(Files::isDirectory)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
              .toList()) {
        entries.add(entry(dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + reportsRoot, e);
    }
    return entries;
  }

  private static Entry entry(Path dir) {
    String runId = dir.getFileName().toString();
    if (!Files.exists(dir.resolve(ResultsJson.FILE))) {
      return new Entry(runId, Optional.empty(), "no results.json");
    }
    try {
      return new Entry(runId, Optional.of(ResultsReader.read(dir)), "");
    } catch (IllegalArgumentException e) {
      return new Entry(runId, Optional.empty(), e.getMessage());
    }
  }

  /** The page for {@code entries} (newest first). */
  public static String render(List<Entry> entries) {
    StringBuilder html = new StringBuilder(32 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>loadgate runs</title>\n<style>\n")
        .append(Html.STYLE)
        .append("</style>\n</head>\n<body>\n<main>\n<h1>loadgate runs</h1>\n")
        .append("<p class=\"muted\">")
        .append(entries.size())
        .append(entries.size() == 1 ? " run" : " runs")
        .append(", newest first.</p>\n");
    trends(html, entries);
    table(html, entries);
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void table(StringBuilder html, List<Entry> entries) {
    html.append("<h2>Runs</h2>\n<table><thead><tr><th>Verdict</th><th>Run</th><th>Suite</th>")
        .append("<th>Target</th><th>Started</th><th>Checks</th></tr></thead><tbody>\n");
    for (Entry entry : entries) {
      html.append("<tr>");
      if (entry.result().isEmpty()) {
        html.append("<td><span class=\"pill\" style=\"background:")
            .append(Html.NO_DATA_COLOR)
            .append("\">UNREADABLE</span></td><td>")
            .append(esc(entry.runId()))
            .append("</td><td colspan=\"4\" class=\"reason\">")
            .append(esc(entry.problem()))
            .append("</td></tr>\n");
        continue;
      }
      RunResult result = entry.result().get();
      String word = !result.complete() ? "INCOMPLETE" : result.verdict().name();
      String color = !result.complete() ? Html.NO_DATA_COLOR : Html.color(result.verdict());
      Environment env = result.metadata().environment();
      html.append("<td><span class=\"pill\" style=\"background:")
          .append(color)
          .append("\">")
          .append(esc(word))
          .append("</span></td><td class=\"nowrap\"><a href=\"")
          .append(esc(entry.runId()))
          .append("/report.html\">")
          .append(esc(entry.runId()))
          .append("</a></td><td>")
          .append(esc(env == null ? "" : env.suite()))
          .append("</td><td>")
          .append(esc(env == null ? "" : env.target()))
          .append("</td><td class=\"nowrap\">")
          .append(esc(result.metadata().startedAt().toString()))
          .append("</td><td>")
          .append(esc(result.checks().isEmpty() ? "none" : CheckText.tally(result.checks())))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private static void trends(StringBuilder html, List<Entry> entries) {
    List<RunResult> runs = new ArrayList<>();
    for (Entry entry : entries) {
      entry.result().ifPresent(runs::add);
      if (runs.size() == TREND_RUNS) {
        break;
      }
    }
    java.util.Collections.reverse(runs);
    TreeSet<String> ids = new TreeSet<>();
    runs.forEach(
        r ->
            r.checks().stream()
                .map(Check::id)
                .filter(id -> id.startsWith("latency.") && id.endsWith(".p95"))
                .forEach(ids::add));
    if (ids.isEmpty()) {
      return;
    }
    html.append("<h2>p95 per path over runs</h2>\n")
        .append("<p class=\"hint\">Oldest left, newest right; dot colour is the check's status,")
        .append(" the dashed line the newest run's limit.</p>\n<div class=\"grid\">\n");
    List<String> runIds = runs.stream().map(r -> r.metadata().runId()).toList();
    for (String id : ids) {
      double[] values = new double[runs.size()];
      Status[] statuses = new Status[runs.size()];
      double limit = Double.NaN;
      for (int i = 0; i < runs.size(); i++) {
        Optional<Check> check =
            runs.get(i).checks().stream().filter(c -> c.id().equals(id)).findFirst();
        values[i] = check.map(Check::measured).orElse(Double.NaN);
        statuses[i] = check.map(Check::status).orElse(Status.NO_DATA);
        if (check.isPresent()) {
          limit = check.get().limit();
        }
      }
      String path = id.substring("latency.".length(), id.length() - ".p95".length());
      html.append("<div class=\"card\">")
          .append(Charts.trend(path, runIds, values, statuses, limit))
          .append("</div>\n");
    }
    html.append("</div>\n");
  }
}
