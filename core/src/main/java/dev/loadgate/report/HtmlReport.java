package dev.loadgate.report;

import static dev.loadgate.report.Html.esc;

import dev.loadgate.measure.Figure;
import dev.loadgate.measure.Interval;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKind;
import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS and SVG, no script, no network)
 * with a verdict banner, the checks, p95 against each limit with interval whiskers, latency
 * percentile curves per path, a per-second timeline, the figures' evidence rows and the
 * environment. Every string from the run is escaped.
 */
public final class HtmlReport {
  /** The file name inside a run folder. */
  public static final String FILE = "report.html";

  private static final long MILLIS_PER_SECOND = 1000;

  private HtmlReport() {}

  /** The page for {@code result}. */
  public static String render(RunResult result) {
    StringBuilder html = new StringBuilder(64 * 1024);
    RunMetadata meta = result.metadata();
    String word = result.complete() ? verdictWord(result.verdict()) : "INCOMPLETE";
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc("loadgate " + word + " · " + meta.runId()))
        .append("</title>\n<style>\n")
        .append(Html.STYLE)
        .append("</style>\n</head>\n<body>\n");
    banner(html, result, word);
    html.append("<main>\n");
    checksTable(html, result);
    limitSection(html, result);
    percentileSection(html, result);
    timelineSection(html, result.measurements());
    evidenceSection(html, result);
    notesSection(html, result);
    environmentSection(html, result);
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  /** Writes {@link #render} to {@code file}. */
  public static void write(Path file, RunResult result) {
    try {
      Files.writeString(file, render(result), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static String verdictWord(Status verdict) {
    return verdict == Status.WARN ? "PASS" : verdict.name();
  }

  private static void banner(StringBuilder html, RunResult result, String word) {
    RunMetadata meta = result.metadata();
    String css = result.complete() ? result.verdict().name() : "INCOMPLETE";
    String what =
        !result.complete()
            ? "run incomplete: " + result.incompleteReason()
            : result.checks().isEmpty()
                ? "no checks were evaluated"
                : CheckText.tally(result.checks());
    Environment env = meta.environment();
    String where = env == null ? "" : " · suite " + env.suite() + " · target " + env.target();
    html.append("<header class=\"banner ")
        .append(css)
        .append("\" id=\"verdict\"><div class=\"inner\"><div class=\"word\">")
        .append(esc(word))
        .append("</div><div><div class=\"what\">")
        .append(esc(what))
        .append("</div><div class=\"meta\">")
        .append(esc("run " + meta.runId() + where + " · started " + meta.startedAt()))
        .append("</div></div></div></header>\n");
  }

  private static void checksTable(StringBuilder html, RunResult result) {
    html.append("<h2 id=\"checks\">Checks</h2>\n");
    if (result.checks().isEmpty()) {
      html.append("<p class=\"muted\">No checks were evaluated: the gate fails closed.</p>\n");
      return;
    }
    html.append("<table><thead><tr><th>Status</th><th>Check</th><th>Limit</th>")
        .append("<th class=\"num\">Measured (95 % CI)</th><th class=\"num\">Samples</th>")
        .append("<th class=\"num\">Δ vs accepted</th></tr></thead>\n<tbody>\n");
    for (Check check : CheckText.failuresFirst(result.checks())) {
      html.append("<tr><td><span class=\"pill\" style=\"background:")
          .append(Html.color(check.status()))
          .append("\">")
          .append(esc(CheckText.statusLabel(check)))
          .append("</span>")
          .append(check.gated() ? "" : "<div class=\"reason\">not gated</div>")
          .append("</td><td>")
          .append(esc(check.title()))
          .append(" <code>")
          .append(esc(check.id()))
          .append("</code>");
      if (!check.reason().isEmpty()) {
        html.append("<div class=\"reason\">").append(esc(check.reason())).append("</div>");
      }
      if (!check.guideSection().isEmpty()) {
        html.append("<div class=\"reason\">guide: ")
            .append(esc(check.guideSection()))
            .append("</div>");
      }
      html.append("</td><td>")
          .append(esc(CheckText.limit(check)))
          .append("</td><td class=\"num\">")
          .append(esc(CheckText.measured(check)))
          .append("</td><td class=\"num\">")
          .append(check.samples())
          .append("</td><td class=\"num\">")
          .append(esc(check.comparison() == null ? "—" : CheckText.delta(check)))
          .append(
              check.comparison() != null && check.comparison().regressed()
                  ? " <b>regressed</b>"
                  : "")
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  /** The checks of each journey path's latency: its load p95 and its JMH service time. */
  private static List<Check> p95Checks(RunResult result) {
    return result.checks().stream().filter(c -> c.path() != null).toList();
  }

  private static void limitSection(StringBuilder html, RunResult result) {
    List<Check> checks = p95Checks(result);
    if (checks.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"limits\">p95 against the limit</h2>\n")
        .append("<p class=\"hint\">Bar: measured p95. Whisker: its 95 % confidence interval.")
        .append(" Dashed red line: the documented limit. Each row has its own scale.")
        .append(" <code>service.*</code> rows are single-client service times (JMH), shown beside")
        .append(" load percentiles, never merged into them.</p>\n")
        .append(Charts.limitChart(checks))
        .append('\n');
  }

  private static void percentileSection(StringBuilder html, RunResult result) {
    List<Series> groups =
        result.measurements().series(Phase.MEASURE).stream()
            .filter(s -> s.key().kind() == SeriesKind.GROUP)
            .toList();
    if (groups.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"percentiles\">Latency by percentile, per path</h2>\n")
        .append("<p class=\"hint\">Measured phase only. The x axis is log-scaled so that 90 %,")
        .append(" 99 % and 99.9 % are equally spaced; the dot marks the p95 the gate judges.</p>\n")
        .append("<div class=\"grid\">\n");
    for (Series series : groups) {
      String path = series.key().name();
      Optional<Check> check = find(result, "latency." + path + ".p95");
      double limit = check.map(Check::limit).orElse(Double.NaN);
      Status status = check.map(Check::status).orElse(Status.NO_DATA);
      html.append("<div class=\"card\">")
          .append(Charts.percentileChart(path, series.latencyMicros(), limit, status))
          .append("</div>\n");
    }
    html.append("</div>\n");
  }

  private static Optional<Check> find(RunResult result, String id) {
    return result.checks().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  private static void timelineSection(StringBuilder html, Measurements measurements) {
    Timeline timeline = Timeline.of(measurements);
    if (timeline.buckets() == 0) {
      return;
    }
    html.append("<h2 id=\"timeline\">Timeline</h2>\n")
        .append(
            "<p class=\"hint\">Every request, per second since the first sample (averaged over longer buckets in long runs), warm-up shaded.")
        .append(" Errors count every outcome but OK.</p>\n")
        .append(
            Charts.timeline(
                List.of(
                    new Charts.Panel(
                        "Throughput", "req/s", timeline.requests(), Charts.SERIES, false),
                    new Charts.Panel("Errors", "req/s", timeline.errors(), Html.FAIL_COLOR, true),
                    new Charts.Panel("p95 latency", "ms", timeline.p95Millis(), "#8250df", false)),
                timeline.warmupBuckets(),
                timeline.bucketSeconds()))
        .append('\n');
  }

  private static void evidenceSection(StringBuilder html, RunResult result) {
    List<Figure> figures =
        result.measurements().figures().values().stream()
            .filter(f -> !f.evidence().isEmpty())
            .sorted(Comparator.comparing(Figure::id))
            .toList();
    if (figures.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"evidence\">Evidence</h2>\n");
    for (Figure figure : figures) {
      html.append("<h3><code>")
          .append(esc(figure.id()))
          .append("</code> ")
          .append(esc(CheckText.quantity(figure.value(), figure.unit())))
          .append(" <span class=\"muted\">(")
          .append(esc(figure.source()))
          .append(", n=")
          .append(figure.samples())
          .append(")</span></h3>\n");
      if (!figure.note().isEmpty()) {
        html.append("<p class=\"hint\">").append(esc(figure.note())).append("</p>\n");
      }
      List<String> columns = columns(figure.evidence());
      html.append("<table><thead><tr>");
      columns.forEach(c -> html.append("<th>").append(esc(c)).append("</th>"));
      html.append("</tr></thead><tbody>\n");
      for (Map<String, String> row : figure.evidence()) {
        html.append("<tr>");
        columns.forEach(
            c -> html.append("<td>").append(esc(row.getOrDefault(c, ""))).append("</td>"));
        html.append("</tr>\n");
      }
      html.append("</tbody></table>\n");
    }
  }

  /** Column order: by name, with the column holding the longest text (a statement) last. */
  static List<String> columns(List<Map<String, String>> rows) {
    Set<String> names = new java.util.TreeSet<>();
    rows.forEach(r -> names.addAll(r.keySet()));
    String longest = null;
    int longestLength = -1;
    for (String name : names) {
      int length = rows.stream().mapToInt(r -> r.getOrDefault(name, "").length()).max().orElse(0);
      if (length > longestLength) {
        longest = name;
        longestLength = length;
      }
    }
    List<String> ordered = new ArrayList<>(new LinkedHashSet<>(names));
    if (longest != null && longestLength > 40) {
      ordered.remove(longest);
      ordered.add(longest);
    }
    return ordered;
  }

  private static void notesSection(StringBuilder html, RunResult result) {
    if (result.notes().isEmpty() && result.complete()) {
      return;
    }
    html.append("<h2 id=\"notes\">Notes</h2>\n<ul>\n");
    if (!result.complete()) {
      html.append("<li><b>Run incomplete:</b> ")
          .append(esc(result.incompleteReason()))
          .append("</li>\n");
    }
    result.notes().forEach(n -> html.append("<li>").append(esc(n)).append("</li>\n"));
    html.append("</ul>\n");
  }

  private static void environmentSection(StringBuilder html, RunResult result) {
    RunMetadata meta = result.metadata();
    Map<String, String> rows = new java.util.LinkedHashMap<>();
    rows.put("run", meta.runId());
    rows.put("started", meta.startedAt().toString());
    rows.put("finished", meta.finishedAt().toString());
    rows.put("duration", seconds(Duration.between(meta.startedAt(), meta.finishedAt())));
    Environment env = meta.environment();
    if (env != null) {
      rows.put("suite", env.suite());
      rows.put("target", env.target());
      rows.put("git commit", env.gitCommit());
      rows.put("JDK", env.jdk());
      rows.put("cores", Integer.toString(env.cores()));
      rows.put("max heap", (env.maxHeapBytes() >> 20) + " MiB");
      rows.put("OS", env.os());
      new TreeMap<>(env.extra()).forEach(rows::put);
    }
    rows.put("baselines", meta.baselinesFile() == null ? "—" : meta.baselinesFile());
    rows.put("accepted run", meta.acceptedRunId() == null ? "—" : meta.acceptedRunId());
    html.append("<h2 id=\"environment\">Environment</h2>\n<dl>\n");
    rows.forEach(
        (k, v) ->
            html.append("<dt>")
                .append(esc(k))
                .append("</dt><dd>")
                .append(esc(v))
                .append("</dd>\n"));
    html.append("</dl>\n");
  }

  private static String seconds(Duration duration) {
    return CheckText.number(duration.toMillis() / 1000.0) + " s";
  }

  /** Every REQUEST series bucketed by whole second since the first sample. */
  record Timeline(
      double[] requests,
      double[] errors,
      double[] p95Millis,
      int warmupBuckets,
      int bucketSeconds) {
    static final int MAX_BUCKETS = 3600;

    int buckets() {
      return requests.length;
    }

    static Timeline of(Measurements measurements) {
      List<Series> all = new ArrayList<>();
      for (Phase phase : Phase.values()) {
        measurements.series(phase).stream()
            .filter(s -> s.key().kind() == SeriesKind.REQUEST)
            .forEach(all::add);
      }
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (Series s : all) {
        for (Interval i : s.intervals()) {
          first = Math.min(first, i.startEpochMillis());
          last = Math.max(last, i.startEpochMillis());
        }
      }
      if (first == Long.MAX_VALUE) {
        return new Timeline(new double[0], new double[0], new double[0], 0, 1);
      }
      long origin = first / MILLIS_PER_SECOND;
      long spanSeconds = last / MILLIS_PER_SECOND - origin + 1;
      // Merged runs can span days: keep the chart at most MAX_BUCKETS wide.
      int bucketSeconds = (int) Math.max(1, (spanSeconds + MAX_BUCKETS - 1) / MAX_BUCKETS);
      int buckets = (int) ((spanSeconds + bucketSeconds - 1) / bucketSeconds);
      double[] requests = new double[buckets];
      double[] errors = new double[buckets];
      Histogram[] latencies = new Histogram[buckets];
      int warmupEnd = 0;
      for (Series s : all) {
        for (Interval i : s.intervals()) {
          int bucket = (int) ((i.startEpochMillis() / MILLIS_PER_SECOND - origin) / bucketSeconds);
          requests[bucket] += (double) i.count() / bucketSeconds;
          errors[bucket] += (double) i.errorCount() / bucketSeconds;
          if (latencies[bucket] == null) {
            latencies[bucket] = Measurements.newLatencyHistogram();
          }
          latencies[bucket].add(i.latencyMicros());
          if (s.key().phase() == Phase.WARMUP) {
            warmupEnd = Math.max(warmupEnd, bucket + 1);
          }
        }
      }
      double[] p95 = new double[buckets];
      for (int b = 0; b < buckets; b++) {
        p95[b] =
            latencies[b] == null || latencies[b].getTotalCount() == 0
                ? Double.NaN
                : latencies[b].getValueAtPercentile(95) / 1000.0;
      }
      return new Timeline(requests, errors, p95, warmupEnd, bucketSeconds);
    }
  }
}
