package dev.loadgate.capacity;

import dev.loadgate.baseline.Bound;
import dev.loadgate.baseline.ScalingTrigger;
import dev.loadgate.baseline.Unit;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.ConfidenceInterval;
import dev.loadgate.verdict.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A capacity report with known numbers: auth p95 breaks 500 ms above 10 journeys/s. */
final class CapacityFixtures {
  static final StaircasePlan PLAN =
      new StaircasePlan(2, 1.5, 40, Duration.ofSeconds(10), Duration.ofSeconds(40), 2);
  static final UslModel TRUE_USL = new UslModel(0.04, 0.004, 1.2);

  private CapacityFixtures() {}

  static CapacityStep step(int index, String kind, double rate) {
    double auth = 120 * Math.exp(rate / 7.0);
    double download = 20 + rate;
    double api = auth * 0.9;
    List<Check> checks = new ArrayList<>();
    checks.add(p95("latency.auth.p95", auth, 500));
    checks.add(p95("latency.download.p95", download, 2000));
    checks.add(p95("latency.api.p95", api, 5000));
    checks.add(
        new Check(
            "errors.all.rate",
            "errors",
            Status.PASS,
            true,
            0.1,
            "<",
            2,
            "%",
            1500,
            new ConfidenceInterval(0.02, 0.4, 95),
            null,
            "required < 2 %, actual 0.1 %",
            ""));
    double n = concurrencyFor(rate);
    return new CapacityStep(
        index,
        kind,
        rate,
        Duration.ofSeconds(40),
        TRUE_USL.throughputPerSec(n),
        n,
        checks,
        List.of(),
        20 + rate * 6,
        "process 1",
        5 + rate * 2.5,
        "postmaster 2");
  }

  /** The concurrency at which the true USL gives {@code rate}, by bisection. */
  static double concurrencyFor(double rate) {
    double lo = 0.01;
    double hi = TRUE_USL.peakConcurrency();
    for (int i = 0; i < 80; i++) {
      double mid = (lo + hi) / 2;
      if (TRUE_USL.throughputPerSec(mid) < rate) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static Check p95(String id, double ms, double limit) {
    Status status = ms * 1.05 < limit ? Status.PASS : ms * 0.95 > limit ? Status.FAIL : Status.WARN;
    return new Check(
        id,
        id,
        status,
        true,
        ms,
        "<",
        limit,
        "ms",
        400,
        new ConfidenceInterval(ms * 0.95, ms * 1.05, 95),
        null,
        String.format(java.util.Locale.ROOT, "required < %.0f ms, actual %.0f ms", limit, ms),
        "");
  }

  static Knee knee() {
    List<CapacityStep> steps = new ArrayList<>();
    return KneeSearch.run(PLAN, (rate, kind) -> step(steps.size() + 1, kind, rate), steps::add);
  }

  static List<ScalingTrigger> triggers() {
    return List.of(
        new ScalingTrigger(
            "database", "Database CPU utilization", Bound.ABOVE, 80, Unit.PERCENT, ""),
        new ScalingTrigger("api", "API response time", Bound.ABOVE, 2000, Unit.MILLISECONDS, ""),
        new ScalingTrigger("storage", "Storage capacity used", Bound.ABOVE, 75, Unit.PERCENT, ""));
  }

  static CapacityReport report() {
    Knee knee = knee();
    return CapacityAnalysis.analyse(
        new CapacityAnalysis.Header(
            "20261202T150000Z-capacity",
            Instant.parse("2026-12-02T15:00:00Z"),
            Instant.parse("2026-12-02T15:09:00Z"),
            "embedded reference app at http://127.0.0.1:4711",
            "production",
            Map.of("auth", 0.5, "letter_generation", 0.5),
            PLAN),
        List.of(new CapacityReport.Staircase(1, knee)),
        Optional.of(
            new Runway(
                1.5,
                Map.of("auth", 0.5, "letter_generation", 0.5),
                Map.of("auth", 0.20, "letter_generation", 0.25))),
        "--current-rate",
        triggers(),
        3,
        "",
        List.of("target CPU: process 1"));
  }
}
