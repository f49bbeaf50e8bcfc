package dev.loadgate.cli.compare;

import dev.loadgate.compare.Change;
import dev.loadgate.compare.CompareResult;
import dev.loadgate.compare.PathComparison;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The table printed at the end of {@code loadgate compare}, like {@code run}'s: one row per check,
 * regressions first, then the reasons of every change and the verdict. Plain text, locale-pinned.
 */
public final class CompareConsole {
  private CompareConsole() {}

  /** The table, the reasons and the verdict line, without a trailing newline. */
  public static String render(CompareResult result) {
    List<PathComparison> rows =
        result.comparisons().stream()
            .sorted(
                Comparator.comparingInt((PathComparison c) -> rank(c))
                    .thenComparing(PathComparison::id))
            .toList();
    int idWidth = Math.max(5, rows.stream().mapToInt(c -> c.id().length()).max().orElse(5));
    String format = "%-10s %-" + idWidth + "s %10s %10s %20s %20s %11s%n";
    StringBuilder text = new StringBuilder();
    if (!rows.isEmpty()) {
      text.append(
          String.format(
              Locale.ROOT,
              format,
              "change",
              "check",
              "base p95",
              "cand p95",
              "p95 ratio (95% CI)",
              "shift (95% CI)",
              "samples"));
      for (PathComparison c : rows) {
        text.append(
            String.format(
                Locale.ROOT,
                format,
                c.change() + (c.gated() ? "" : "*"),
                c.id(),
                ms(c.baselineP95Millis()),
                ms(c.candidateP95Millis()),
                ratio(c.p95Ratio(), c.p95RatioLower(), c.p95RatioUpper()),
                ratio(c.shiftRatio(), c.shiftRatioLower(), c.shiftRatioUpper()),
                c.baselineSamples() + "/" + c.candidateSamples()));
      }
      if (rows.stream().anyMatch(c -> !c.gated())) {
        text.append("* not gated in this suite: reported, never failing the comparison")
            .append(System.lineSeparator());
      }
      text.append(System.lineSeparator());
      for (PathComparison c : rows) {
        if (c.change() != Change.SAME) {
          text.append(c.change())
              .append(' ')
              .append(c.id())
              .append(": ")
              .append(c.reason())
              .append(System.lineSeparator());
        }
      }
    }
    return text.append("verdict: ").append(result.verdictLine()).toString();
  }

  private static int rank(PathComparison c) {
    return switch (c.change()) {
      case REGRESSED -> 0;
      case NO_DATA -> 1;
      case IMPROVED -> 2;
      case SAME -> 3;
    };
  }

  private static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "-";
    }
    if (millis >= 10_000) {
      return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }
    String digits = millis >= 100 ? "%.0f" : millis >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, digits, millis) + " ms";
  }

  private static String ratio(double value, double lower, double upper) {
    return Double.isNaN(value)
        ? "-"
        : String.format(Locale.ROOT, "×%.2f (%.2f–%.2f)", value, lower, upper);
  }
}
