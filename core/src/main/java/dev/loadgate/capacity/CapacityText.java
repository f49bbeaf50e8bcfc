package dev.loadgate.capacity;

import dev.loadgate.capacity.CapacityReport.RunwayFigure;
import dev.loadgate.capacity.CapacityReport.Staircase;
import dev.loadgate.capacity.CapacityReport.TriggerRunway;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The capacity report as text: the console summary and {@code capacity.md}. Locale-independent. */
public final class CapacityText {
  private CapacityText() {}

  /** The console summary: the steps, the knee, the fit, the runway and the verdict line. */
  public static String console(CapacityReport r) {
    StringBuilder s = new StringBuilder();
    for (Staircase run : r.runs()) {
      s.append(String.format(Locale.ROOT, "staircase, seed scale %dx:%n", run.seedScale()));
      for (List<String> row : stepRows(run.knee())) {
        s.append(String.format(Locale.ROOT, "  %-4s %-6s %9s %9s %7s", row.toArray()))
            .append(padded(row.subList(5, row.size() - 4)))
            .append(
                String.format(
                    Locale.ROOT,
                    " %7s %7s %7s  %s%n",
                    row.get(row.size() - 4),
                    row.get(row.size() - 3),
                    row.get(row.size() - 2),
                    row.get(row.size() - 1)));
      }
      s.append(System.lineSeparator());
    }
    headline(r).forEach(line -> s.append(line).append(System.lineSeparator()));
    return s.toString();
  }

  private static String padded(List<String> cells) {
    StringBuilder s = new StringBuilder();
    cells.forEach(c -> s.append(String.format(Locale.ROOT, " %12s", c)));
    return s.toString();
  }

  /** capacity.md. */
  public static String markdown(CapacityReport r) {
    StringBuilder s = new StringBuilder();
    s.append("# Capacity: ").append(r.runId()).append("\n\n");
    if (!r.complete()) {
      s.append("**Incomplete:** ").append(r.incompleteReason()).append("\n\n");
    }
    s.append("Target: ").append(r.target()).append(". Mix `").append(r.mix()).append("`: ");
    s.append(shares(r)).append(".\n\n");
    s.append(
        String.format(
            Locale.ROOT,
            "Staircase from %s/s, ×%s per step up to %s/s; each step settles %s (not measured),"
                + " then is measured %s; up to %d bisection steps narrow the knee.%n%n",
            CapacityAnalysis.rate(r.plan().startRatePerSec()),
            r.plan().stepFactor(),
            CapacityAnalysis.rate(r.plan().maxRatePerSec()),
            seconds(r.plan().settle()),
            seconds(r.plan().measure()),
            r.plan().maxBisections()));
    s.append("## Result\n\n");
    headline(r).forEach(line -> s.append("- ").append(line).append("\n"));
    for (Staircase run : r.runs()) {
      s.append(String.format(Locale.ROOT, "%n## Steps at seed scale %dx%n%n", run.seedScale()));
      List<List<String>> rows = stepRows(run.knee());
      s.append("| ").append(String.join(" | ", rows.get(0))).append(" |\n");
      s.append("|").append("---|".repeat(rows.get(0).size())).append("\n");
      rows.subList(1, rows.size())
          .forEach(row -> s.append("| ").append(String.join(" | ", row)).append(" |\n"));
      s.append("\nFailing checks by step:\n\n");
      for (CapacityStep step : run.knee().steps()) {
        for (Check c : step.failures()) {
          s.append(
              String.format(
                  Locale.ROOT,
                  "- step %d (%s/s): %s: %s%n",
                  step.index(),
                  CapacityAnalysis.rate(step.offeredRatePerSec()),
                  c.id(),
                  c.reason()));
        }
        if (!step.undecided().isEmpty()) {
          s.append(
              String.format(
                  Locale.ROOT,
                  "- step %d (%s/s): no data for %s%n",
                  step.index(),
                  CapacityAnalysis.rate(step.offeredRatePerSec()),
                  String.join(", ", step.undecided().stream().map(Check::id).toList())));
        }
      }
    }
    if (r.runs().size() > 1) {
      s.append("\n## Data growth\n\n");
      dataGrowth(r).forEach(line -> s.append("- ").append(line).append("\n"));
    }
    s.append(
        "\n## Scaling triggers\n\n| trigger | metric | level | months | how |\n|---|---|---|---|---|\n");
    for (TriggerRunway t : r.triggers()) {
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s |%n",
              t.name(),
              t.metric(),
              t.level(),
              t.measured() ? months(t.runway()) : "not measured",
              t.runway().note()));
    }
    if (!r.notes().isEmpty()) {
      s.append("\n## Notes\n\n");
      r.notes().forEach(n -> s.append("- ").append(n).append("\n"));
    }
    return s.toString();
  }

  /** The lines that say what the run found, with numbers. */
  public static List<String> headline(CapacityReport r) {
    List<String> lines = new ArrayList<>();
    Knee knee = r.primary().knee();
    lines.add("knee: " + knee(knee));
    lines.add("USL: " + usl(r));
    lines.add("runway: " + runway(r));
    for (TriggerRunway t : r.triggers()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "trigger %s (%s %s): %s",
              t.name(),
              t.metric(),
              t.level(),
              t.measured() ? months(t.runway()) + "; " + t.runway().note() : t.runway().note()));
    }
    if (r.runs().size() > 1) {
      lines.addAll(dataGrowth(r));
    }
    lines.add(verdict(r));
    return lines;
  }

  static String knee(Knee knee) {
    String rates;
    if (knee.bracketed()) {
      rates =
          String.format(
              Locale.ROOT,
              "%s journeys/s (every gated limit held at %s/s; one broke at %s/s)",
              CapacityAnalysis.rate(knee.heldRatePerSec()),
              CapacityAnalysis.rate(knee.heldRatePerSec()),
              CapacityAnalysis.rate(knee.brokeRatePerSec()));
    } else if (!Double.isNaN(knee.heldRatePerSec())) {
      rates =
          String.format(
              Locale.ROOT,
              "at least %s journeys/s (nothing broke up to the highest step)",
              CapacityAnalysis.rate(knee.heldRatePerSec()));
    } else if (!Double.isNaN(knee.brokeRatePerSec())) {
      rates =
          String.format(
              Locale.ROOT,
              "below %s journeys/s (no step held every limit before one broke)",
              CapacityAnalysis.rate(knee.brokeRatePerSec()));
    } else {
      return "unknown: no step held every gated limit and none broke one";
    }
    Optional<Check> first = knee.firstFailure();
    if (first.isPresent()) {
      Check c = first.get();
      rates += "; first to break: " + c.id() + ": " + c.reason();
      Optional<CapacityStep> breaking = knee.breakingStep();
      if (breaking.isPresent() && !Double.isNaN(breaking.get().targetCpuPercent())) {
        rates +=
            String.format(Locale.ROOT, "; target CPU %.0f %%", breaking.get().targetCpuPercent());
      }
    }
    return rates;
  }

  private static String usl(CapacityReport r) {
    if (r.usl().value().isEmpty()) {
      return "no fit: " + r.usl().reason();
    }
    UslFit f = r.usl().value().get();
    return String.format(
        Locale.ROOT,
        "σ %.3g (%.3g to %.3g), κ %.3g (%.3g to %.3g), λ %.3g/s (%.3g to %.3g), R² %.3f; peak %s at"
            + " N* %s",
        f.sigma().value(),
        f.sigma().lower(),
        f.sigma().upper(),
        f.kappa().value(),
        f.kappa().lower(),
        f.kappa().upper(),
        f.lambda().value(),
        f.lambda().lower(),
        f.lambda().upper(),
        f.r2(),
        Double.isFinite(f.peakThroughputPerSec().value())
            ? String.format(Locale.ROOT, "%.1f journeys/s", f.peakThroughputPerSec().value())
            : "none",
        Double.isFinite(f.peakConcurrency().value())
            ? String.format(Locale.ROOT, "%.1f in flight", f.peakConcurrency().value())
            : "∞ (κ = 0)");
  }

  private static String runway(CapacityReport r) {
    if (r.runway().isEmpty()) {
      return "unknown: no current production rate (pass --current-rate or set capacity.current"
          + " in production.yaml)";
    }
    Runway w = r.runway().get();
    return String.format(
        Locale.ROOT,
        "%s to the knee from today's %s/s (%s)",
        months(r.knee()),
        CapacityAnalysis.rate(w.currentRatePerSec()),
        r.runwaySource());
  }

  static String months(RunwayFigure f) {
    if (Double.isNaN(f.months())) {
      return "unknown";
    }
    String prefix = f.bound().equals(">=") ? "at least " : f.bound().equals("<=") ? "at most " : "";
    if (f.months() >= Runway.HORIZON_MONTHS) {
      return "more than " + (int) Runway.HORIZON_MONTHS + " months";
    }
    return prefix + String.format(Locale.ROOT, "%.1f months", f.months());
  }

  private static String verdict(CapacityReport r) {
    int code = r.exitCode();
    if (code == 3) {
      return "capacity: INCOMPLETE (exit 3): " + r.incompleteReason();
    }
    double months = r.runwayMonths();
    String runway = Double.isNaN(months) ? "unknown" : String.format(Locale.ROOT, "%.1f", months);
    return code == 0
        ? String.format(
            Locale.ROOT,
            "capacity: PASS (exit 0): runway %s months, at least the %s required",
            runway,
            fmt(r.minRunwayMonths()))
        : String.format(
            Locale.ROOT,
            "capacity: FAIL (exit 1): runway %s months%s, %s required",
            runway,
            r.knee().bound().equals("<=") ? " at most" : "",
            fmt(r.minRunwayMonths()));
  }

  static List<String> dataGrowth(CapacityReport r) {
    List<String> lines = new ArrayList<>();
    Staircase base = r.runs().get(0);
    for (Staircase other : r.runs().subList(1, r.runs().size())) {
      lines.add(
          String.format(
              Locale.ROOT,
              "seed %dx against %dx: knee %s against %s",
              other.seedScale(),
              base.seedScale(),
              kneeShort(other.knee()),
              kneeShort(base.knee())));
      for (CapacityStep a : base.knee().steps()) {
        Optional<CapacityStep> b =
            other.knee().steps().stream()
                .filter(s -> Math.abs(s.offeredRatePerSec() - a.offeredRatePerSec()) < 1e-9)
                .findFirst();
        if (b.isEmpty()) {
          continue;
        }
        List<String> changes = new ArrayList<>();
        for (Check ca : a.checks()) {
          if (!ca.id().endsWith(".p95") && !ca.id().equals("db.query.mean")) {
            continue;
          }
          Optional<Check> cb = b.get().check(ca.id());
          if (cb.isPresent() && ca.samples() > 0 && cb.get().samples() > 0) {
            changes.add(
                String.format(
                    Locale.ROOT,
                    "%s %s → %s",
                    ca.id(),
                    ca.unit().format(ca.measured()),
                    ca.unit().format(cb.get().measured())));
          }
        }
        lines.add(
            String.format(
                Locale.ROOT,
                "at %s/s: %s",
                CapacityAnalysis.rate(a.offeredRatePerSec()),
                changes.isEmpty()
                    ? "nothing measured at both scales"
                    : String.join(", ", changes)));
      }
    }
    return lines;
  }

  /** {@code "held 7.5/s, broke 8.6/s"}, or the bound when only one side was seen. */
  static String kneeShort(Knee knee) {
    String held =
        Double.isNaN(knee.heldRatePerSec())
            ? "none held"
            : "held " + CapacityAnalysis.rate(knee.heldRatePerSec()) + "/s";
    String broke =
        Double.isNaN(knee.brokeRatePerSec())
            ? "none broke"
            : "broke " + CapacityAnalysis.rate(knee.brokeRatePerSec()) + "/s";
    return held + ", " + broke;
  }

  /** The steps as rows, the header first. */
  static List<List<String>> stepRows(Knee knee) {
    Set<String> paths = new LinkedHashSet<>();
    knee.steps()
        .forEach(
            s ->
                s.checks().stream()
                    .map(Check::id)
                    .filter(id -> id.startsWith("latency.") && id.endsWith(".p95"))
                    .filter(id -> !id.equals(CapacityAnalysis.API_CHECK))
                    .filter(id -> knee.steps().stream().anyMatch(st -> measuredIn(st, id)))
                    .forEach(paths::add));
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("step", "kind", "offered/s", "done/s", "in-flt"));
    paths.forEach(p -> header.add(p.substring("latency.".length(), p.length() - 4) + " p95"));
    header.addAll(List.of("errors", "app CPU", "db CPU", "outcome"));
    rows.add(header);
    for (CapacityStep s : knee.steps()) {
      List<String> row = new ArrayList<>();
      row.add(String.valueOf(s.index()));
      row.add(s.kind());
      row.add(String.format(Locale.ROOT, "%.2f", s.offeredRatePerSec()));
      row.add(String.format(Locale.ROOT, "%.2f", s.achievedPerSec()));
      row.add(
          Double.isFinite(s.concurrency())
              ? String.format(Locale.ROOT, "%.1f", s.concurrency())
              : "-");
      for (String p : paths) {
        row.add(s.check(p).map(CapacityText::p95Cell).orElse("-"));
      }
      row.add(
          s.check("errors.all.rate")
              .filter(c -> c.samples() > 0)
              .map(c -> String.format(Locale.ROOT, "%.2f %%", c.measured()))
              .orElse("-"));
      row.add(percent(s.targetCpuPercent()));
      row.add(percent(s.dbCpuPercent()));
      row.add(s.outcome().name() + (s.failures().isEmpty() ? "" : " " + s.failures().get(0).id()));
      rows.add(row);
    }
    return rows;
  }

  private static boolean measuredIn(CapacityStep step, String checkId) {
    return step.check(checkId).filter(c -> c.samples() > 0).isPresent();
  }

  private static String p95Cell(Check c) {
    if (c.status() == Status.NO_DATA) {
      return "n=" + c.samples();
    }
    String mark = c.status() == Status.FAIL ? "!" : "";
    return c.unit().format(c.measured()) + mark;
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f %%", v);
  }

  private static String shares(CapacityReport r) {
    List<String> parts = new ArrayList<>();
    r.shares().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(
            e ->
                parts.add(
                    String.format(Locale.ROOT, "%s %.0f %%", e.getKey(), e.getValue() * 100)));
    return String.join(", ", parts);
  }

  private static String seconds(java.time.Duration d) {
    return fmt(d.toMillis() / 1000.0) + " s";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
