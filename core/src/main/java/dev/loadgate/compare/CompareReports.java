package dev.loadgate.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.baseline.Source;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.run.RunFolder;
import dev.loadgate.run.RunIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Writes a comparison's folder, {@code <reportsRoot>/<run-id>/}: {@code compare.json}, {@code
 * summary.md}, {@code junit.xml}, {@code report.html} (both distributions on one chart per check),
 * and each side's {@code baseline/} and {@code candidate/} measurements ({@code measurements.json}
 * + {@code histograms/}), so that nothing measured is lost. Atomic like a run folder ({@link
 * RunFolder}).
 */
public final class CompareReports {
  public static final String RESULTS_FILE = "compare.json";
  public static final String SCHEMA = "loadgate.compare/v1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CompareReports() {}

  /**
   * Writes every file of {@code result}.
   *
   * @param sources where each compared check's samples come from, for the charts
   * @return the folder written
   */
  public static Path write(Path reportsRoot, CompareResult result, Map<String, Source> sources) {
    String runId = RunIds.unique(reportsRoot, result.runId());
    try (RunFolder folder = RunFolder.create(reportsRoot, runId)) {
      Path dir = folder.staging();
      MeasurementStore.write(dir.resolve("baseline"), result.baseline());
      MeasurementStore.write(dir.resolve("candidate"), result.candidate());
      write(dir.resolve(RESULTS_FILE), json(result, runId));
      write(dir.resolve("summary.md"), markdown(result));
      write(dir.resolve("junit.xml"), junit(result, runId));
      write(dir.resolve("report.html"), html(result, sources));
      return folder.commit();
    }
  }

  static String json(CompareResult r, String runId) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("runId", runId);
    root.put("startedAt", r.startedAt().toString());
    root.put("finishedAt", r.finishedAt().toString());
    root.put("baseline", r.baselineTarget());
    root.put("candidate", r.candidateTarget());
    root.put("seed", r.seed());
    root.put("complete", r.complete());
    if (!r.complete()) {
      root.put("incompleteReason", r.incompleteReason());
    }
    root.put("exitCode", r.exitCode());
    root.put("verdict", r.verdictLine());
    ObjectNode rule = root.putObject("rule");
    rule.put("familyAlpha", r.options().familyAlpha());
    rule.put("minEffectRatio", r.options().minEffectRatio());
    rule.put("minEffectMillis", r.options().minEffectMillis());
    if (r.environment() != null) {
      root.set("environment", JSON.valueToTree(r.environment()));
    }
    ArrayNode checks = root.putArray("checks");
    for (PathComparison c : r.comparisons()) {
      ObjectNode node = checks.addObject();
      node.put("id", c.id());
      node.put("title", c.title());
      node.put("gated", c.gated());
      node.put("change", c.change().name());
      node.put("baselineSamples", c.baselineSamples());
      node.put("candidateSamples", c.candidateSamples());
      number(node, "baselineP95Millis", c.baselineP95Millis());
      number(node, "candidateP95Millis", c.candidateP95Millis());
      number(node, "p95Ratio", c.p95Ratio());
      number(node, "p95RatioLower", c.p95RatioLower());
      number(node, "p95RatioUpper", c.p95RatioUpper());
      number(node, "shiftRatio", c.shiftRatio());
      number(node, "shiftRatioLower", c.shiftRatioLower());
      number(node, "shiftRatioUpper", c.shiftRatioUpper());
      number(node, "pSlowerHolm", c.pSlower());
      number(node, "pFasterHolm", c.pFaster());
      node.put("reason", c.reason());
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isNaN(value)) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }

  static String markdown(CompareResult r) {
    StringBuilder md = new StringBuilder();
    md.append("# loadgate compare: ").append(r.verdictLine()).append("\n\n");
    md.append("Baseline `")
        .append(r.baselineTarget())
        .append("`, candidate `")
        .append(r.candidateTarget())
        .append("`, loaded side by side (seed ")
        .append(r.seed())
        .append(").\n\n");
    md.append("| change | check | baseline p95 | candidate p95 | p95 ratio (95 % CI) |")
        .append(" whole distribution (95 % CI) | samples |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (PathComparison c : r.comparisons()) {
      md.append("| ")
          .append(c.change())
          .append(c.gated() ? "" : "*")
          .append(" | `")
          .append(c.id())
          .append("` | ")
          .append(ms(c.baselineP95Millis()))
          .append(" | ")
          .append(ms(c.candidateP95Millis()))
          .append(" | ")
          .append(ratio(c.p95Ratio(), c.p95RatioLower(), c.p95RatioUpper()))
          .append(" | ")
          .append(ratio(c.shiftRatio(), c.shiftRatioLower(), c.shiftRatioUpper()))
          .append(" | ")
          .append(c.baselineSamples())
          .append(" / ")
          .append(c.candidateSamples())
          .append(" |\n");
    }
    md.append("\n");
    for (PathComparison c : r.comparisons()) {
      if (c.change() != Change.SAME) {
        md.append("- **").append(c.id()).append("** ").append(c.reason()).append('\n');
      }
    }
    r.notes().forEach(n -> md.append("- note: ").append(n).append('\n'));
    return md.toString();
  }

  static String junit(CompareResult r, String runId) {
    List<PathComparison> checks = r.comparisons();
    long failures = checks.stream().filter(PathComparison::failsGate).count();
    int tests = checks.size();
    if (!r.complete()) {
      failures++;
      tests++;
    }
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    String counts =
        " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\"";
    xml.append("<testsuites name=\"loadgate compare\"").append(counts).append(">\n");
    xml.append("  <testsuite name=\"loadgate.")
        .append(attr(runId))
        .append('"')
        .append(counts)
        .append(">\n");
    if (!r.complete()) {
      xml.append("    <testcase classname=\"compare\" name=\"compare.complete\">\n")
          .append("      <failure message=\"")
          .append(attr("comparison incomplete: " + r.incompleteReason()))
          .append("\" type=\"INCOMPLETE\"/>\n    </testcase>\n");
    }
    for (PathComparison c : checks) {
      xml.append("    <testcase classname=\"compare\" name=\"")
          .append(attr(c.id()))
          .append("\">\n");
      if (c.failsGate()) {
        xml.append("      <failure message=\"")
            .append(attr(c.change() + ": " + c.reason()))
            .append("\" type=\"")
            .append(c.change())
            .append("\"/>\n");
      }
      xml.append("      <system-out>")
          .append(attr(c.change() + (c.gated() ? "" : " (not gated)") + ": " + c.reason()))
          .append("</system-out>\n    </testcase>\n");
    }
    xml.append("  </testsuite>\n</testsuites>\n");
    return xml.toString();
  }

  static String html(CompareResult r, Map<String, Source> sources) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>loadgate compare ")
        .append(attr(r.runId()))
        .append("</title><style>body{font:14px system-ui,sans-serif;margin:24px;color:#1f2328}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px;")
        .append("text-align:left}.REGRESSED,.NO_DATA{color:#cf222e;font-weight:600}")
        .append(".IMPROVED{color:#1a7f37;font-weight:600}</style></head><body>\n");
    html.append("<h1>")
        .append(attr(r.verdictLine()))
        .append("</h1>\n<p>Baseline <code>")
        .append(attr(r.baselineTarget()))
        .append("</code> (blue) and candidate <code>")
        .append(attr(r.candidateTarget()))
        .append("</code> (orange), loaded side by side, seed ")
        .append(r.seed())
        .append(".</p>\n<table><tr><th>change</th><th>check</th><th>baseline p95</th>")
        .append("<th>candidate p95</th><th>p95 ratio (95 % CI)</th>")
        .append("<th>whole distribution (95 % CI)</th><th>reason</th></tr>\n");
    for (PathComparison c : r.comparisons()) {
      html.append("<tr><td class=\"")
          .append(c.change())
          .append("\">")
          .append(c.change())
          .append(c.gated() ? "" : "*")
          .append("</td><td>")
          .append(attr(c.id()))
          .append("</td><td>")
          .append(ms(c.baselineP95Millis()))
          .append("</td><td>")
          .append(ms(c.candidateP95Millis()))
          .append("</td><td>")
          .append(ratio(c.p95Ratio(), c.p95RatioLower(), c.p95RatioUpper()))
          .append("</td><td>")
          .append(ratio(c.shiftRatio(), c.shiftRatioLower(), c.shiftRatioUpper()))
          .append("</td><td>")
          .append(attr(c.reason()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    for (PathComparison c : r.comparisons()) {
      Source source = sources.get(c.id());
      if (source == null) {
        continue;
      }
      html.append("<h2>")
          .append(attr(c.title()))
          .append("</h2>\n")
          .append(
              DistributionChart.svg(
                  c.id(),
                  CompareChecks.merged(source, r.baseline()),
                  CompareChecks.merged(source, r.candidate())))
          .append('\n');
    }
    for (String note : r.notes()) {
      html.append("<p>note: ").append(attr(note)).append("</p>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  static String ms(double millis) {
    return Double.isNaN(millis) ? "n/a" : SideBySide.number(millis) + " ms";
  }

  static String ratio(double value, double lower, double upper) {
    return Double.isNaN(value)
        ? "n/a"
        : String.format(Locale.ROOT, "×%.2f (%.2f–%.2f)", value, lower, upper);
  }

  private static String attr(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** Both sides' latency by percentile on one chart (the x axis HdrHistogram-style). */
  static final class DistributionChart {
    private static final String BASELINE = "#0969da";
    private static final String CANDIDATE = "#d1242f";

    private DistributionChart() {}

    static String svg(String label, Histogram baseline, Histogram candidate) {
      int width = 640;
      int height = 300;
      double left = 60;
      double right = width - 16;
      double top = 16;
      double bottom = height - 36;
      double xMax = 3; // 0 %, 90 %, 99 %, 99.9 %
      double yMax =
          Math.max(1, Math.max(baseline.getMaxValue(), candidate.getMaxValue()) / 1000.0 * 1.05);
      StringBuilder svg = new StringBuilder();
      svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
          .append(width)
          .append("\" height=\"")
          .append(height)
          .append("\" role=\"img\" aria-label=\"latency by percentile, ")
          .append(attr(label))
          .append(", baseline and candidate\">");
      svg.append(line(left, bottom, right, bottom)).append(line(left, top, left, bottom));
      String[] labels = {"0%", "90%", "99%", "99.9%"};
      for (int d = 0; d <= xMax; d++) {
        double x = left + (right - left) * d / xMax;
        svg.append(text(x, bottom + 16, "middle", labels[d]));
      }
      for (int t = 0; t <= 4; t++) {
        double v = yMax * t / 4;
        double y = bottom - (bottom - top) * t / 4;
        svg.append(text(left - 6, y + 4, "end", SideBySide.number(v)));
      }
      svg.append(text(left, height - 4, "start", "ms by percentile"));
      svg.append(curve(baseline, BASELINE, left, right, top, bottom, xMax, yMax));
      svg.append(curve(candidate, CANDIDATE, left, right, top, bottom, xMax, yMax));
      svg.append(text(right - 4, top + 12, "end", "baseline n=" + baseline.getTotalCount()))
          .append(text(right - 4, top + 28, "end", "candidate n=" + candidate.getTotalCount()));
      return svg.append("</svg>").toString();
    }

    private static String curve(
        Histogram h,
        String color,
        double left,
        double right,
        double top,
        double bottom,
        double xMax,
        double yMax) {
      if (h.getTotalCount() == 0) {
        return "";
      }
      StringBuilder points = new StringBuilder();
      for (int i = 0; i <= 150; i++) {
        double xv = xMax * i / 150;
        double ms = h.getValueAtPercentile(100 * (1 - Math.pow(10, -xv))) / 1000.0;
        points.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                left + (right - left) * xv / xMax,
                bottom - (bottom - top) * Math.min(ms, yMax) / yMax));
      }
      return "<polyline fill=\"none\" stroke=\""
          + color
          + "\" stroke-width=\"2\" points=\""
          + points.toString().trim()
          + "\"/>";
    }

    private static String line(double x1, double y1, double x2, double y2) {
      return String.format(
          Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#8c959f\"/>",
          x1,
          y1,
          x2,
          y2);
    }

    private static String text(double x, double y, String anchor, String content) {
      return String.format(
          Locale.ROOT,
          "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"%s\" fill=\"#59636e\">%s</text>",
          x,
          y,
          anchor,
          attr(content));
    }
  }
}
