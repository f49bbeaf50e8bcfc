package dev.loadgate.capacity;

import dev.loadgate.baseline.ScalingTrigger;
import dev.loadgate.capacity.CapacityReport.Fitted;
import dev.loadgate.capacity.CapacityReport.RunwayFigure;
import dev.loadgate.capacity.CapacityReport.Staircase;
import dev.loadgate.capacity.CapacityReport.TriggerRunway;
import dev.loadgate.verdict.Check;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns measured staircases into the capacity report: the USL fit, the latency and CPU curves, the
 * runway to the knee and to each scaling trigger. The triggers named {@code api} (the API p95 from
 * the {@value #API_CHECK} curve) and {@code database} (the database CPU, where it was read) are
 * observable; every other trigger is listed as not measured.
 */
public final class CapacityAnalysis {
  /** The check whose p95 the API response-time trigger is read from. */
  public static final String API_CHECK = "latency.api.p95";

  /** The lowest R² at which a trigger is read from a curve. */
  public static final double MIN_CURVE_R2 = 0.5;

  /** How far beyond the highest step a curve is extrapolated, as a multiple of that rate. */
  public static final double MAX_EXTRAPOLATION = 2;

  private CapacityAnalysis() {}

  /** What a capacity run is, before its numbers. */
  public record Header(
      String runId,
      Instant started,
      Instant finished,
      String target,
      String mix,
      Map<String, Double> shares,
      StaircasePlan plan) {}

  public static CapacityReport analyse(
      Header header,
      List<Staircase> runs,
      Optional<Runway> runway,
      String runwaySource,
      List<ScalingTrigger> triggers,
      double minRunwayMonths,
      String incompleteReason,
      List<String> notes) {
    Knee knee = runs.isEmpty() ? Knee.of(List.of(), Double.NaN, Double.NaN) : runs.get(0).knee();
    Fitted<UslFit> usl = usl(knee.steps());
    LoadCurve.Fitted api =
        LoadCurve.fit(
            LoadCurve.Shape.EXPONENTIAL,
            knee.steps().stream()
                .map(s -> new LoadCurve.Point(s.offeredRatePerSec(), measured(s, API_CHECK)))
                .toList());
    LoadCurve.Fitted dbCpu =
        LoadCurve.fit(
            LoadCurve.Shape.LINEAR,
            knee.steps().stream()
                .map(s -> new LoadCurve.Point(s.offeredRatePerSec(), s.dbCpuPercent()))
                .toList());
    List<TriggerRunway> rows = new ArrayList<>();
    for (ScalingTrigger trigger : triggers) {
      rows.add(trigger(trigger, api, dbCpu, knee, runway));
    }
    return new CapacityReport(
        header.runId(),
        header.started(),
        header.finished(),
        header.target(),
        header.mix(),
        header.shares(),
        header.plan(),
        runs,
        usl,
        api,
        dbCpu,
        runway,
        runwaySource,
        rows,
        kneeRunway(knee, runway),
        minRunwayMonths,
        incompleteReason,
        notes);
  }

  private static double measured(CapacityStep step, String checkId) {
    return step.check(checkId).filter(c -> c.samples() > 0).map(Check::measured).orElse(Double.NaN);
  }

  static Fitted<UslFit> usl(List<CapacityStep> steps) {
    List<LoadPoint> points =
        steps.stream()
            .filter(s -> s.concurrency() > 0 && Double.isFinite(s.concurrency()))
            .map(s -> new LoadPoint(s.concurrency(), s.achievedPerSec()))
            .toList();
    try {
      return new Fitted<>(Optional.of(UslFit.fit(points)), "");
    } catch (CapacityException e) {
      return new Fitted<>(Optional.empty(), e.getMessage());
    }
  }

  static RunwayFigure kneeRunway(Knee knee, Optional<Runway> runway) {
    double held = knee.heldRatePerSec();
    double broke = knee.brokeRatePerSec();
    if (Double.isNaN(held) && Double.isNaN(broke)) {
      return new RunwayFigure(
          Double.NaN, "=", Double.NaN, "no step held every gated limit and none broke one");
    }
    if (Double.isNaN(held)) {
      return figure(
          broke,
          "<=",
          runway,
          String.format(
              Locale.ROOT,
              "the first step that could be judged already broke a limit, at %s/s",
              rate(broke)));
    }
    if (Double.isNaN(broke)) {
      return figure(
          held,
          ">=",
          runway,
          String.format(
              Locale.ROOT,
              "no gated limit broke up to the highest step, %s/s; the knee lies beyond it",
              rate(held)));
    }
    return figure(
        held,
        "=",
        runway,
        String.format(
            Locale.ROOT,
            "every gated limit held at %s/s and one broke at %s/s",
            rate(held),
            rate(broke)));
  }

  private static RunwayFigure figure(
      double ratePerSec, String bound, Optional<Runway> runway, String note) {
    double months = runway.map(r -> r.monthsUntil(ratePerSec)).orElse(Double.NaN);
    return new RunwayFigure(
        ratePerSec,
        bound,
        months,
        runway.isPresent() ? note : note + "; no current production rate, so no runway");
  }

  private static TriggerRunway trigger(
      ScalingTrigger trigger,
      LoadCurve.Fitted api,
      LoadCurve.Fitted dbCpu,
      Knee knee,
      Optional<Runway> runway) {
    String level =
        (trigger.bound() == dev.loadgate.baseline.Bound.ABOVE ? "> " : "< ")
            + trigger.unit().format(trigger.value());
    LoadCurve.Fitted curve;
    String what;
    switch (trigger.name()) {
      case "api" -> {
        curve = api;
        what = "the fitted " + API_CHECK + " curve";
      }
      case "database" -> {
        curve = dbCpu;
        what = "the fitted database CPU curve";
      }
      default -> {
        return new TriggerRunway(
            trigger.name(),
            trigger.metric(),
            level,
            false,
            new RunwayFigure(
                Double.NaN,
                "=",
                Double.NaN,
                "not measured: a load test does not observe "
                    + trigger.metric().toLowerCase(Locale.ROOT)));
      }
    }
    if (curve.curve().isEmpty()) {
      return new TriggerRunway(
          trigger.name(),
          trigger.metric(),
          level,
          false,
          new RunwayFigure(Double.NaN, "=", Double.NaN, "not measured: " + curve.reason()));
    }
    LoadCurve c = curve.curve().get();
    if (c.r2() < MIN_CURVE_R2) {
      return new TriggerRunway(
          trigger.name(),
          trigger.metric(),
          level,
          false,
          new RunwayFigure(
              Double.NaN,
              "=",
              Double.NaN,
              String.format(
                  Locale.ROOT,
                  "not measured: %s does not follow the load (R² %.2f over %d steps, expected at"
                      + " least %.1f)",
                  what,
                  c.r2(),
                  c.points(),
                  MIN_CURVE_R2)));
    }
    double rate = c.rateAt(trigger.value());
    if (rate > MAX_EXTRAPOLATION * c.highestRatePerSec()) {
      double reach = MAX_EXTRAPOLATION * c.highestRatePerSec();
      return new TriggerRunway(
          trigger.name(),
          trigger.metric(),
          level,
          true,
          figure(
              reach,
              ">=",
              runway,
              String.format(
                  Locale.ROOT,
                  "%s stays below %s beyond %d times the highest step (%s/s), so the trigger lies"
                      + " beyond %s/s",
                  what,
                  trigger.unit().format(trigger.value()),
                  (int) MAX_EXTRAPOLATION,
                  rate(c.highestRatePerSec()),
                  rate(reach))));
    }
    String note =
        String.format(
            Locale.ROOT,
            "%s reaches %s at %s/s (R² %.2f over %d steps%s)",
            what,
            trigger.unit().format(trigger.value()),
            rate(rate),
            c.r2(),
            c.points(),
            rate > c.highestRatePerSec()
                ? String.format(
                    Locale.ROOT,
                    "; extrapolated beyond the highest step, %s/s",
                    rate(c.highestRatePerSec()))
                : "");
    return new TriggerRunway(
        trigger.name(), trigger.metric(), level, true, figure(rate, "=", runway, note));
  }

  /** A rate for humans: two significant digits at most, {@code 12/s}, {@code 4.5/s}. */
  static String rate(double ratePerSec) {
    return ratePerSec >= 10
        ? String.format(Locale.ROOT, "%.0f", ratePerSec)
        : String.format(Locale.ROOT, "%.2g", ratePerSec);
  }
}
