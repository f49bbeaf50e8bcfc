package dev.loadgate.capacity;

import dev.loadgate.capacity.CapacityReport.TriggerRunway;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code capacity.html}: one self-contained page with inline SVG charts (no scripts, no network):
 * throughput against offered load, the USL fit against concurrency, each path's p95 against load
 * with its limit line, and the runway. Byte-identical under any default locale.
 */
public final class CapacityHtml {
  private static final int W = 560;
  private static final int H = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 28;
  private static final int BOTTOM = 44;
  private static final String BLUE = "#0969da";
  private static final String RED = "#cf222e";
  private static final String GREEN = "#1a7f37";
  private static final String GREY = "#8c959f";
  private static final String ORANGE = "#bc4c00";

  private CapacityHtml() {}

  public static String render(CapacityReport r) {
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    s.append("<title>capacity ").append(esc(r.runId())).append("</title><style>");
    s.append(
        "body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328}main{padding:16px 24px}"
            + ".banner{color:#fff;padding:14px 24px;font-size:18px;font-weight:600}"
            + ".charts{display:flex;flex-wrap:wrap;gap:16px}"
            + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d0d7de;"
            + "padding:3px 8px;text-align:right}th{background:#f6f8fa}td:last-child{text-align:left}"
            + "svg{background:#fff;border:1px solid #d0d7de}");
    s.append("</style></head><body>\n");
    int code = r.exitCode();
    String colour = code == 0 ? GREEN : code == 1 ? RED : GREY;
    s.append("<div class=\"banner\" style=\"background:")
        .append(colour)
        .append("\">")
        .append(esc(CapacityText.headline(r).get(CapacityText.headline(r).size() - 1)))
        .append("</div>\n<main>\n");
    s.append("<p>").append(esc(r.target())).append(" · mix <code>").append(esc(r.mix()));
    s.append("</code> · run ").append(esc(r.runId())).append("</p>\n<ul>");
    for (String line : CapacityText.headline(r)) {
      s.append("<li>").append(esc(line)).append("</li>");
    }
    s.append("</ul>\n<div class=\"charts\">\n");
    Knee knee = r.primary().knee();
    s.append(throughputChart(knee));
    s.append(uslChart(r));
    for (String path : paths(knee)) {
      s.append(p95Chart(knee, path, r));
    }
    s.append(runwayChart(r));
    s.append("</div>\n");
    for (CapacityReport.Staircase run : r.runs()) {
      s.append("<h2>Steps at seed scale ").append(run.seedScale()).append("x</h2>\n<table>");
      List<List<String>> rows = CapacityText.stepRows(run.knee());
      s.append("<tr>");
      rows.get(0).forEach(h -> s.append("<th>").append(esc(h)).append("</th>"));
      s.append("</tr>\n");
      for (List<String> row : rows.subList(1, rows.size())) {
        s.append("<tr>");
        row.forEach(c -> s.append("<td>").append(esc(c)).append("</td>"));
        s.append("</tr>\n");
      }
      s.append("</table>\n");
    }
    s.append("<h2>Scaling triggers</h2>\n<table><tr><th>trigger</th><th>level</th><th>months</th>");
    s.append("<th>how</th></tr>\n");
    for (TriggerRunway t : r.triggers()) {
      s.append("<tr><td>")
          .append(esc(t.metric()))
          .append("</td><td>")
          .append(esc(t.level()))
          .append("</td><td>")
          .append(esc(t.measured() ? CapacityText.months(t.runway()) : "not measured"))
          .append("</td><td>")
          .append(esc(t.runway().note()))
          .append("</td></tr>\n");
    }
    s.append("</table>\n");
    if (!r.notes().isEmpty()) {
      s.append("<h2>Notes</h2><ul>");
      r.notes().forEach(n -> s.append("<li>").append(esc(n)).append("</li>"));
      s.append("</ul>\n");
    }
    s.append("</main></body></html>\n");
    return s.toString();
  }

  private static List<String> paths(Knee knee) {
    Set<String> paths = new LinkedHashSet<>();
    knee.steps()
        .forEach(
            st ->
                st.checks().stream()
                    .map(Check::id)
                    .filter(id -> id.startsWith("latency.") && id.endsWith(".p95"))
                    .filter(
                        id ->
                            knee.steps().stream()
                                .anyMatch(
                                    x -> x.check(id).filter(c -> c.samples() > 0).isPresent()))
                    .forEach(paths::add));
    return new ArrayList<>(paths);
  }

  private static String throughputChart(Knee knee) {
    Chart c = new Chart("Throughput against offered load", "offered journeys/s", "completed/s");
    double max = 0;
    for (CapacityStep st : knee.steps()) {
      max = Math.max(max, Math.max(st.offeredRatePerSec(), st.achievedPerSec()));
    }
    c.range(0, max * 1.1, 0, max * 1.1);
    c.curve(x -> x, GREY, "offered = completed");
    for (CapacityStep st : knee.steps()) {
      c.point(st.offeredRatePerSec(), st.achievedPerSec(), colour(st.outcome()));
    }
    if (!Double.isNaN(knee.heldRatePerSec())) {
      c.vertical(knee.heldRatePerSec(), GREEN, "knee");
    }
    return c.svg();
  }

  private static String uslChart(CapacityReport r) {
    Knee knee = r.primary().knee();
    Chart c =
        new Chart("USL: throughput against concurrency", "journeys in flight (N)", "completed/s");
    double maxN = 0;
    double maxX = 0;
    for (CapacityStep st : knee.steps()) {
      if (Double.isFinite(st.concurrency())) {
        maxN = Math.max(maxN, st.concurrency());
        maxX = Math.max(maxX, st.achievedPerSec());
      }
    }
    if (r.usl().value().isPresent()) {
      UslFit f = r.usl().value().get();
      double peakN = f.peakConcurrency().value();
      if (Double.isFinite(peakN)) {
        maxN = Math.max(maxN, Math.min(peakN * 1.3, maxN * 3));
      }
      maxX = Math.max(maxX, Math.min(f.peakThroughputPerSec().value(), maxX * 3));
      c.range(0, Math.max(1, maxN * 1.05), 0, Math.max(1, maxX * 1.1));
      c.curve(
          n -> f.model().throughputPerSec(n),
          BLUE,
          String.format(Locale.ROOT, "USL fit, R² %.3f", f.r2()));
    } else {
      c.range(0, Math.max(1, maxN * 1.1), 0, Math.max(1, maxX * 1.1));
      c.caption("no fit: " + r.usl().reason());
    }
    for (CapacityStep st : knee.steps()) {
      if (Double.isFinite(st.concurrency())) {
        c.point(st.concurrency(), st.achievedPerSec(), colour(st.outcome()));
      }
    }
    return c.svg();
  }

  private static String p95Chart(Knee knee, String checkId, CapacityReport r) {
    Chart c = new Chart(checkId + " against load", "offered journeys/s", "p95 ms");
    double maxX = 0;
    double maxY = 0;
    double limit = Double.NaN;
    for (CapacityStep st : knee.steps()) {
      maxX = Math.max(maxX, st.offeredRatePerSec());
      for (Check ch : st.checks()) {
        if (ch.id().equals(checkId)) {
          limit = ch.limit();
          if (ch.samples() > 0 && Double.isFinite(ch.measured())) {
            maxY = Math.max(maxY, ch.ci() != null ? ch.ci().upper() : ch.measured());
          }
        }
      }
    }
    double top = Math.max(maxY, Double.isNaN(limit) ? 0 : limit) * 1.15;
    c.range(0, maxX * 1.1, 0, Math.max(1, top));
    if (!Double.isNaN(limit)) {
      c.horizontal(limit, RED, "limit " + fmtMs(limit));
    }
    if (checkId.equals(CapacityAnalysis.API_CHECK) && r.apiP95Curve().curve().isPresent()) {
      LoadCurve curve = r.apiP95Curve().curve().get();
      c.curve(curve::valueAt, ORANGE, "fitted curve");
      r.triggers().stream()
          .filter(t -> t.name().equals("api"))
          .findFirst()
          .ifPresent(t -> c.horizontal(2000, ORANGE, "scaling trigger 2 s"));
    }
    for (CapacityStep st : knee.steps()) {
      st.check(checkId)
          .filter(ch -> ch.samples() > 0 && Double.isFinite(ch.measured()))
          .ifPresent(
              ch -> {
                if (ch.ci() != null) {
                  c.errorBar(st.offeredRatePerSec(), ch.ci().lower(), ch.ci().upper());
                }
                c.point(st.offeredRatePerSec(), ch.measured(), statusColour(ch.status()));
              });
    }
    return c.svg();
  }

  private static String runwayChart(CapacityReport r) {
    Chart c = new Chart("Runway: projected load by month", "months from today", "journeys/s");
    if (r.runway().isEmpty()) {
      c.range(0, 12, 0, 1);
      c.caption("no current production rate: no runway");
      return c.svg();
    }
    Runway w = r.runway().get();
    double horizon =
        Math.max(6, Math.min(Runway.HORIZON_MONTHS, finite(r.knee().months(), 12) * 1.3));
    double top = w.rateAfter(horizon);
    if (Double.isFinite(r.knee().ratePerSec())) {
      top = Math.max(top, r.knee().ratePerSec());
    }
    c.range(0, horizon, 0, top * 1.1);
    c.curve(w::rateAfter, BLUE, "projected load");
    if (Double.isFinite(r.knee().ratePerSec())) {
      c.horizontal(
          r.knee().ratePerSec(),
          RED,
          "knee " + CapacityAnalysis.rate(r.knee().ratePerSec()) + "/s");
    }
    for (TriggerRunway t : r.triggers()) {
      if (t.measured() && Double.isFinite(t.runway().ratePerSec())) {
        c.horizontal(t.runway().ratePerSec(), ORANGE, "trigger " + t.name());
      }
    }
    c.vertical(r.minRunwayMonths(), GREY, "min runway");
    return c.svg();
  }

  private static double finite(double v, double fallback) {
    return Double.isFinite(v) ? v : fallback;
  }

  private static String colour(StepOutcome o) {
    return o == StepOutcome.HOLDS ? GREEN : o == StepOutcome.BREAKS ? RED : GREY;
  }

  private static String statusColour(Status s) {
    return switch (s) {
      case PASS -> GREEN;
      case WARN -> "#9a6700";
      case FAIL -> RED;
      case NO_DATA -> GREY;
    };
  }

  private static String fmtMs(double ms) {
    return ms >= 1000
        ? String.format(Locale.ROOT, "%.3g s", ms / 1000)
        : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  static String esc(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /**
   * One chart: axes with ticks, then lines and points in data coordinates. Mutable, short-lived.
   */
  private static final class Chart {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final StringBuilder body = new StringBuilder();
    private double x0;
    private double x1 = 1;
    private double y0;
    private double y1 = 1;

    Chart(String title, String xLabel, String yLabel) {
      this.title = title;
      this.xLabel = xLabel;
      this.yLabel = yLabel;
    }

    void range(double xMin, double xMax, double yMin, double yMax) {
      x0 = xMin;
      x1 = xMax > xMin ? xMax : xMin + 1;
      y0 = yMin;
      y1 = yMax > yMin ? yMax : yMin + 1;
    }

    double px(double x) {
      return LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT);
    }

    double py(double y) {
      return H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM);
    }

    void point(double x, double y, String colour) {
      if (Double.isFinite(x) && Double.isFinite(y)) {
        body.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>",
                px(x),
                py(Math.min(y, y1)),
                colour));
      }
    }

    void errorBar(double x, double lo, double hi) {
      body.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
              px(x),
              py(Math.max(y0, lo)),
              px(x),
              py(Math.min(y1, hi)),
              GREY));
    }

    void curve(DoubleUnaryOperator f, String colour, String label) {
      StringBuilder d = new StringBuilder();
      int n = 80;
      for (int i = 0; i <= n; i++) {
        double x = x0 + (x1 - x0) * i / n;
        double y = f.applyAsDouble(x);
        if (!Double.isFinite(y)) {
          continue;
        }
        y = Math.max(y0, Math.min(y1, y));
        d.append(d.length() == 0 ? "M" : "L")
            .append(String.format(Locale.ROOT, "%.1f,%.1f", px(x), py(y)));
      }
      body.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour);
      body.append("\" stroke-width=\"1.5\"/>");
      legend(label, colour);
    }

    private int legends;

    private void legend(String label, String colour) {
      body.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
              LEFT + 8,
              TOP + 14 + 13 * legends++,
              colour,
              esc(label)));
    }

    void horizontal(double y, String colour, String label) {
      if (y < y0 || y > y1) {
        return;
      }
      body.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"5,3\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\">%s</text>",
              LEFT,
              py(y),
              W - RIGHT,
              py(y),
              colour,
              W - RIGHT - 2,
              py(y) - 3,
              colour,
              esc(label)));
    }

    void vertical(double x, String colour, String label) {
      if (x < x0 || x > x1) {
        return;
      }
      body.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"3,3\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
              px(x),
              TOP,
              px(x),
              H - BOTTOM,
              colour,
              px(x) + 3,
              TOP + 10,
              colour,
              esc(label)));
    }

    void caption(String text) {
      body.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>",
              LEFT + 8,
              TOP + 40,
              GREY,
              esc(text.length() > 80 ? text.substring(0, 80) + "…" : text)));
    }

    String svg() {
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              Locale.ROOT,
              "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                  + " role=\"img\" aria-label=\"%s\">",
              W,
              H,
              W,
              H,
              esc(title)));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"600\">%s</text>",
              LEFT,
              esc(title)));
      for (int i = 0; i <= 4; i++) {
        double xv = x0 + (x1 - x0) * i / 4;
        double yv = y0 + (y1 - y0) * i / 4;
        s.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eaeef2\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"%s\">%s</text>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                LEFT,
                py(yv),
                W - RIGHT,
                py(yv),
                LEFT - 4,
                py(yv) + 3,
                GREY,
                tick(yv),
                px(xv),
                H - BOTTOM + 14,
                GREY,
                tick(xv)));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>"
                  + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>",
              LEFT,
              H - BOTTOM,
              W - RIGHT,
              H - BOTTOM,
              GREY,
              LEFT,
              TOP,
              LEFT,
              H - BOTTOM,
              GREY));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>"
                  + "<text x=\"12\" y=\"%d\" font-size=\"11\" fill=\"%s\" transform=\"rotate(-90 12 %d)\""
                  + " text-anchor=\"middle\">%s</text>",
              (LEFT + W - RIGHT) / 2,
              H - 8,
              GREY,
              esc(xLabel),
              (TOP + H - BOTTOM) / 2,
              GREY,
              (TOP + H - BOTTOM) / 2,
              esc(yLabel)));
      s.append(body).append("</svg>\n");
      return s.toString();
    }

    private static String tick(double v) {
      double a = Math.abs(v);
      return a >= 100 || v == 0
          ? String.format(Locale.ROOT, "%.0f", v)
          : a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
  }
}
