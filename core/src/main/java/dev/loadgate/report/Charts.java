package dev.loadgate.report;

import static dev.loadgate.report.Html.esc;
import static dev.loadgate.report.Html.px;

import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.HdrHistogram.Histogram;

/** Inline SVG charts for the HTML reports, drawn from numbers alone: no script, no fonts. */
final class Charts {
  static final String AXIS = "#8c959f";
  static final String GRID = "#eaeef2";
  static final String LIMIT = "#cf222e";
  static final String SERIES = "#0969da";
  static final double P95_X = Math.log10(20);

  private static final int MAX_PERCENTILE_DECADES = 5;

  private Charts() {}

  /** A nice round step for about {@code targetTicks} ticks over {@code [0, max]}. */
  static double niceStep(double max, int targetTicks) {
    if (!(max > 0)) {
      return 1;
    }
    double raw = max / targetTicks;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice =
        fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  /** The top of an axis that starts at zero: the first tick at or above {@code max}. */
  static double niceMax(double max, int targetTicks) {
    double step = niceStep(max, targetTicks);
    return Math.max(step, Math.ceil(max / step) * step);
  }

  /**
   * One row per p95 check: a bar for the measured value, whiskers for its interval, a red line for
   * the limit. Each row has its own scale (the limits span two orders of magnitude).
   */
  static String limitChart(List<Check> checks) {
    int width = 960;
    int rowHeight = 46;
    int labelWidth = 300;
    int plotLeft = labelWidth + 10;
    int plotRight = width - 20;
    int height = rowHeight * checks.size() + 10;
    StringBuilder svg = open(width, height, "p95 against the limit per path");
    for (int i = 0; i < checks.size(); i++) {
      Check check = checks.get(i);
      double top = 5 + i * rowHeight;
      double mid = top + 20;
      double max = check.limit();
      if (Double.isFinite(check.measured())) {
        max = Math.max(max, check.measured());
      }
      if (check.ci() != null && Double.isFinite(check.ci().upper())) {
        max = Math.max(max, check.ci().upper());
      }
      double domain = niceMax(max * 1.08, 5);
      DoubleUnaryOperator x = v -> plotLeft + (plotRight - plotLeft) * Math.max(0, v) / domain;
      String color = Html.color(check.status());
      svg.append("<g>");
      svg.append(text(0, mid - 3, 13, "start", "#1f2328", check.title(), "600"));
      String sub =
          Double.isFinite(check.measured())
              ? CheckText.measured(check) + " · limit " + CheckText.limit(check)
              : "no data · limit " + CheckText.limit(check);
      svg.append(text(0, mid + 13, 11, "start", "#59636e", sub, "400"));
      svg.append(rect(plotLeft, mid - 9, plotRight - plotLeft, 18, "#f6f8fa", null));
      if (Double.isFinite(check.measured())) {
        svg.append(
            rect(
                plotLeft,
                mid - 7,
                x.applyAsDouble(check.measured()) - plotLeft,
                14,
                color,
                "0.85"));
      } else {
        svg.append(text(plotLeft + 8, mid + 4, 12, "start", Html.NO_DATA_COLOR, "no data", "600"));
      }
      if (check.ci() != null) {
        double lo = x.applyAsDouble(check.ci().lower());
        double hi = x.applyAsDouble(check.ci().upper());
        svg.append(line(lo, mid, hi, mid, "#1f2328", 1.5, null));
        svg.append(line(lo, mid - 6, lo, mid + 6, "#1f2328", 1.5, null));
        svg.append(line(hi, mid - 6, hi, mid + 6, "#1f2328", 1.5, null));
      }
      double limitX = x.applyAsDouble(check.limit());
      svg.append(line(limitX, mid - 14, limitX, mid + 14, LIMIT, 2, "4 3"));
      svg.append(
          text(
              limitX,
              mid - 16,
              10,
              "middle",
              LIMIT,
              "limit " + CheckText.quantity(check.limit(), check.unit()),
              "600"));
      svg.append(
          text(
              plotRight,
              mid + 22,
              10,
              "end",
              AXIS,
              CheckText.quantity(domain, check.unit()),
              "400"));
      svg.append(text(plotLeft, mid + 22, 10, "start", AXIS, "0", "400"));
      svg.append("</g>\n");
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Latency by percentile, HdrHistogram style: the x axis is {@code log10(1 / (1 - p))}, so 90 %,
   * 99 %, 99.9 % are equally spaced; the y axis is latency in milliseconds.
   *
   * @param limitMillis the path's p95 limit, or NaN
   */
  static String percentileChart(String title, Histogram micros, double limitMillis, Status status) {
    int width = 480;
    int height = 270;
    double left = 58;
    double right = width - 14;
    double top = 30;
    double bottom = height - 38;
    long n = micros.getTotalCount();
    // Show as many decades as the samples resolve, at least up to 99 % so p95 is always inside.
    double xMax =
        Math.max(2, Math.min(MAX_PERCENTILE_DECADES, Math.ceil(Math.log10(Math.max(n, 1)))));
    double observedMax = micros.getMaxValue() / 1000.0;
    boolean limitInView = Double.isFinite(limitMillis) && limitMillis <= 3 * observedMax;
    double yMax = niceMax(Math.max(observedMax, limitInView ? limitMillis : 0) * 1.05, 5);
    DoubleUnaryOperator sx = v -> left + (right - left) * v / xMax;
    DoubleUnaryOperator sy = v -> bottom - (bottom - top) * Math.min(v, yMax) / yMax;
    StringBuilder svg = open(width, height, "latency by percentile, " + title);
    svg.append(text(left, 18, 13, "start", "#1f2328", title, "600"));
    svg.append(text(right, 18, 11, "end", "#59636e", "n=" + n, "400"));
    double step = niceStep(yMax, 5);
    for (double v = 0; v <= yMax + step / 2; v += step) {
      double y = sy.applyAsDouble(v);
      svg.append(line(left, y, right, y, GRID, 1, null));
      svg.append(text(left - 6, y + 4, 10, "end", AXIS, CheckText.number(v), "400"));
    }
    String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
    for (int d = 0; d <= xMax; d++) {
      double xx = sx.applyAsDouble(d);
      svg.append(line(xx, top, xx, bottom, GRID, 1, null));
      svg.append(text(xx, bottom + 15, 10, "middle", AXIS, labels[d], "400"));
    }
    svg.append(line(left, bottom, right, bottom, AXIS, 1, null));
    svg.append(line(left, top, left, bottom, AXIS, 1, null));
    svg.append("<g transform=\"rotate(-90 12 ")
        .append(px((top + bottom) / 2))
        .append(")\">")
        .append(text(12, (top + bottom) / 2, 10, "middle", AXIS, "latency (ms)", "400"))
        .append("</g>");
    svg.append(text((left + right) / 2, height - 6, 10, "middle", AXIS, "percentile", "400"));
    if (Double.isFinite(limitMillis)) {
      if (limitInView) {
        double ly = sy.applyAsDouble(limitMillis);
        svg.append(line(left, ly, right, ly, LIMIT, 1.5, "5 4"));
        svg.append(
            text(
                right - 4,
                ly - 4,
                10,
                "end",
                LIMIT,
                "p95 limit " + CheckText.number(limitMillis) + " ms",
                "600"));
      } else {
        svg.append(
            text(
                right - 4,
                top + 10,
                10,
                "end",
                LIMIT,
                "p95 limit " + CheckText.number(limitMillis) + " ms (above the chart)",
                "600"));
      }
    }
    if (n > 0) {
      List<String> points = new ArrayList<>();
      int steps = 240;
      for (int i = 0; i <= steps; i++) {
        double xv = xMax * i / steps;
        double percentile = 100 * (1 - Math.pow(10, -xv));
        double ms = micros.getValueAtPercentile(percentile) / 1000.0;
        points.add(px(sx.applyAsDouble(xv)) + "," + px(sy.applyAsDouble(ms)));
      }
      svg.append("<polyline fill=\"none\" stroke=\"")
          .append(SERIES)
          .append("\" stroke-width=\"2\" points=\"")
          .append(String.join(" ", points))
          .append("\"/>");
      double p95 = micros.getValueAtPercentile(95) / 1000.0;
      double px95 = sx.applyAsDouble(P95_X);
      double py95 = sy.applyAsDouble(p95);
      svg.append(line(px95, top, px95, bottom, "#afb8c1", 1, "2 3"));
      svg.append("<circle cx=\"")
          .append(px(px95))
          .append("\" cy=\"")
          .append(px(py95))
          .append("\" r=\"4\" fill=\"")
          .append(Html.color(status))
          .append("\"/>");
      // A white halo keeps the label legible where it crosses the curve.
      svg.append(
          text(
                  px95 + 6,
                  py95 - 6,
                  11,
                  "start",
                  "#1f2328",
                  "p95 " + CheckText.number(p95) + " ms",
                  "600")
              .replace(
                  "<text ", "<text paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" "));
    } else {
      svg.append(
          text((left + right) / 2, (top + bottom) / 2, 12, "middle", AXIS, "no samples", "400"));
    }
    return svg.append("</svg>").toString();
  }

  /** One panel of a timeline: values per second with a shaded warm-up span. */
  record Panel(String title, String unit, double[] values, String color, boolean bars) {}

  /**
   * Stacked panels sharing an x axis of seconds since the first sample.
   *
   * @param warmupBuckets how many leading buckets were warm-up (shaded), 0 for none
   * @param bucketSeconds the seconds one value stands for
   */
  static String timeline(List<Panel> panels, int warmupBuckets, int bucketSeconds) {
    int width = 960;
    int panelHeight = 120;
    double left = 64;
    double right = width - 16;
    int buckets = panels.isEmpty() ? 0 : panels.get(0).values().length;
    int height = panels.size() * (panelHeight + 18) + 28;
    StringBuilder svg = open(width, height, "per-second timeline");
    DoubleUnaryOperator sx = b -> left + (right - left) * b / Math.max(1, buckets);
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      double top = 18 + p * (panelHeight + 18);
      double bottom = top + panelHeight - 14;
      double max = 0;
      for (double v : panel.values()) {
        if (Double.isFinite(v)) {
          max = Math.max(max, v);
        }
      }
      double yMax = niceMax(max, 3);
      DoubleUnaryOperator sy = v -> bottom - (bottom - top) * v / yMax;
      if (warmupBuckets > 0) {
        svg.append(
            rect(left, top, sx.applyAsDouble(warmupBuckets) - left, bottom - top, "#f2f2f2", null));
        if (p == 0) {
          svg.append(text(left + 4, top + 11, 10, "start", AXIS, "warm-up", "400"));
        }
      }
      double step = niceStep(yMax, 3);
      for (double v = 0; v <= yMax + step / 2; v += step) {
        double y = sy.applyAsDouble(v);
        svg.append(line(left, y, right, y, GRID, 1, null));
        svg.append(text(left - 6, y + 4, 10, "end", AXIS, CheckText.number(v), "400"));
      }
      svg.append(
          text(
              left,
              top - 4,
              12,
              "start",
              "#1f2328",
              panel.title() + " (" + panel.unit() + ")",
              "600"));
      double[] values = panel.values();
      if (panel.bars()) {
        double barWidth = Math.max(1, (right - left) / Math.max(1, buckets) - 1);
        for (int s = 0; s < values.length; s++) {
          if (values[s] > 0) {
            double y = sy.applyAsDouble(values[s]);
            svg.append(rect(sx.applyAsDouble(s), y, barWidth, bottom - y, panel.color(), null));
          }
        }
      } else {
        StringBuilder points = new StringBuilder();
        for (int s = 0; s < values.length; s++) {
          if (Double.isFinite(values[s])) {
            points
                .append(px(sx.applyAsDouble(s + 0.5)))
                .append(',')
                .append(px(sy.applyAsDouble(values[s])))
                .append(' ');
          }
        }
        svg.append("<polyline fill=\"none\" stroke=\"")
            .append(panel.color())
            .append("\" stroke-width=\"1.6\" points=\"")
            .append(points.toString().trim())
            .append("\"/>");
      }
      svg.append(line(left, bottom, right, bottom, AXIS, 1, null));
    }
    double axisY = height - 8;
    double totalSeconds = (double) buckets * bucketSeconds;
    double step = niceStep(totalSeconds, 10);
    for (double s = 0; s <= totalSeconds; s += step) {
      double x = sx.applyAsDouble(s / bucketSeconds);
      svg.append(text(x, axisY, 10, "middle", AXIS, CheckText.number(s) + " s", "400"));
    }
    return svg.append("</svg>").toString();
  }

  /**
   * A trend of one path's p95 over runs (oldest left): points coloured by status, the limit as a
   * dashed line.
   */
  static String trend(
      String title,
      List<String> runIds,
      double[] p95Millis,
      Status[] statuses,
      double limitMillis) {
    int width = 480;
    int height = 200;
    double left = 58;
    double right = width - 14;
    double top = 28;
    double bottom = height - 30;
    double max = Double.isFinite(limitMillis) ? limitMillis : 0;
    for (double v : p95Millis) {
      if (Double.isFinite(v)) {
        max = Math.max(max, v);
      }
    }
    double yMax = niceMax(max * 1.05, 4);
    int count = p95Millis.length;
    DoubleUnaryOperator sx =
        i -> count <= 1 ? (left + right) / 2 : left + (right - left) * i / (count - 1);
    DoubleUnaryOperator sy = v -> bottom - (bottom - top) * v / yMax;
    StringBuilder svg = open(width, height, "p95 trend, " + title);
    svg.append(text(left, 16, 13, "start", "#1f2328", title, "600"));
    double step = niceStep(yMax, 4);
    for (double v = 0; v <= yMax + step / 2; v += step) {
      double y = sy.applyAsDouble(v);
      svg.append(line(left, y, right, y, GRID, 1, null));
      svg.append(text(left - 6, y + 4, 10, "end", AXIS, CheckText.number(v), "400"));
    }
    if (Double.isFinite(limitMillis)) {
      double ly = sy.applyAsDouble(limitMillis);
      svg.append(line(left, ly, right, ly, LIMIT, 1.5, "5 4"));
      svg.append(
          text(
              right,
              ly - 4,
              10,
              "end",
              LIMIT,
              "limit " + CheckText.number(limitMillis) + " ms",
              "600"));
    }
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (Double.isFinite(p95Millis[i])) {
        points
            .append(px(sx.applyAsDouble(i)))
            .append(',')
            .append(px(sy.applyAsDouble(p95Millis[i])))
            .append(' ');
      }
    }
    svg.append("<polyline fill=\"none\" stroke=\"")
        .append(SERIES)
        .append("\" stroke-width=\"1.5\" points=\"")
        .append(points.toString().trim())
        .append("\"/>");
    for (int i = 0; i < count; i++) {
      if (Double.isFinite(p95Millis[i])) {
        svg.append("<circle cx=\"")
            .append(px(sx.applyAsDouble(i)))
            .append("\" cy=\"")
            .append(px(sy.applyAsDouble(p95Millis[i])))
            .append("\" r=\"3.5\" fill=\"")
            .append(Html.color(statuses[i]))
            .append("\"><title>")
            .append(esc(runIds.get(i) + ": " + CheckText.number(p95Millis[i]) + " ms"))
            .append("</title></circle>");
      }
    }
    if (count > 0) {
      svg.append(text(left, height - 10, 10, "start", AXIS, runIds.get(0), "400"));
      if (count > 1) {
        svg.append(text(right, height - 10, 10, "end", AXIS, runIds.get(count - 1), "400"));
      }
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(int width, int height, String label) {
    return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(esc(label))
        .append("\">\n");
  }

  static String text(
      double x, double y, int size, String anchor, String color, String content, String weight) {
    return "<text x=\""
        + px(x)
        + "\" y=\""
        + px(y)
        + "\" font-size=\""
        + size
        + "\" text-anchor=\""
        + anchor
        + "\" fill=\""
        + color
        + "\" font-weight=\""
        + weight
        + "\">"
        + esc(content)
        + "</text>";
  }

  static String line(
      double x1, double y1, double x2, double y2, String color, double width, String dash) {
    return "<line x1=\""
        + px(x1)
        + "\" y1=\""
        + px(y1)
        + "\" x2=\""
        + px(x2)
        + "\" y2=\""
        + px(y2)
        + "\" stroke=\""
        + color
        + "\" stroke-width=\""
        + px(width)
        + "\""
        + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"")
        + "/>";
  }

  static String rect(double x, double y, double w, double h, String color, String opacity) {
    return "<rect x=\""
        + px(x)
        + "\" y=\""
        + px(y)
        + "\" width=\""
        + px(Math.max(0, w))
        + "\" height=\""
        + px(Math.max(0, h))
        + "\" fill=\""
        + color
        + "\""
        + (opacity == null ? "" : " fill-opacity=\"" + opacity + "\"")
        + "/>";
  }
}
