package dev.loadgate.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.run.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * What repeated side-by-side A/A comparisons say about this machine and target, per check: the
 * false alarms, the spread of the p95 ratio, the run-to-run drift of the log p95 beyond its
 * sampling error (what the relative gate needs), and the smallest change a run of a given length
 * could detect with 80 % power.
 *
 * <p>Drift: over the repeats, the variance of {@code ln p95} of each side minus the mean squared
 * standard error of a single run's {@code ln p95} (Price–Bonett, {@link QuantileRatio}); what is
 * left is movement between runs that one run's interval does not show. Negative estimates are 0.
 *
 * @param rows one per compared check
 * @param comparisons how many A/A comparisons
 * @param withRegression how many of them called at least one gated check REGRESSED
 * @param perRepeat the measured phase of each repeat
 * @param forDuration the run length the detectable effects are for
 */
public record CalibrationSummary(
    List<Row> rows, int comparisons, int withRegression, Duration perRepeat, Duration forDuration) {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
  private static final double Z_POWER_80 = NORMAL.inverseCumulativeProbability(0.8);

  /**
   * One check's figures.
   *
   * @param id check id
   * @param comparisons repeats with data for this check
   * @param regressed repeats that called it REGRESSED (false alarms)
   * @param improved repeats that called it IMPROVED (false alarms the other way)
   * @param spreadLogRatioSd standard deviation of {@code ln(p95 B / p95 A)} over the repeats
   * @param runToRunLogSd standard deviation of {@code ln p95} of one side over the repeats
   * @param meanLogSe root mean square of one run's {@code ln p95} standard error
   * @param driftLogSd the drift beyond the sampling error (written for the relative gate)
   * @param detectableCompare the smallest whole-distribution ratio {@code loadgate compare} of
   *     {@code forDuration} catches in 80 % of runs
   * @param detectableAgainst the smallest p95 ratio {@code --against} of {@code forDuration}
   *     catches in 80 % of runs, tolerance and drift included
   */
  public record Row(
      String id,
      int comparisons,
      int regressed,
      int improved,
      double spreadLogRatioSd,
      double runToRunLogSd,
      double meanLogSe,
      double driftLogSd,
      double detectableCompare,
      double detectableAgainst) {}

  /** Summarises complete A/A results. */
  public static CalibrationSummary of(
      List<CompareResult> results, Baselines baselines, Duration perRepeat, Duration forDuration) {
    double scale = Math.sqrt((double) perRepeat.toMillis() / Math.max(1, forDuration.toMillis()));
    List<Row> rows = new ArrayList<>();
    int withRegression = 0;
    for (CompareResult r : results) {
      withRegression +=
          r.comparisons().stream().anyMatch(c -> c.gated() && c.change() == Change.REGRESSED)
              ? 1
              : 0;
    }
    List<ComparedSeries> first =
        results.isEmpty()
            ? List.of()
            : CompareChecks.of(
                baselines, results.get(0).baseline(), results.get(0).candidate(), id -> true);
    int family = Math.max(1, 2 * first.size());
    double zCompare =
        NORMAL.inverseCumulativeProbability(1 - CompareOptions.DEFAULT.familyAlpha() / family);
    double zAgainst = NORMAL.inverseCumulativeProbability(1 - 0.01);
    for (ComparedSeries template : first) {
      String id = template.id();
      List<Double> lnA = new ArrayList<>();
      List<Double> lnB = new ArrayList<>();
      List<Double> lnRatio = new ArrayList<>();
      double seSquared = 0;
      double shiftSeSquared = 0;
      int shiftCount = 0;
      int regressed = 0;
      int improved = 0;
      for (CompareResult r : results) {
        Optional<ComparedSeries> series =
            CompareChecks.of(baselines, r.baseline(), r.candidate(), x -> true).stream()
                .filter(c -> c.id().equals(id))
                .findFirst();
        Optional<QuantileRatio> ratio =
            series.flatMap(s -> QuantileRatio.of(s.baselineMicros(), s.candidateMicros(), 0.95));
        if (ratio.isEmpty()) {
          continue;
        }
        QuantileRatio q = ratio.get();
        lnA.add(Math.log(q.baseline().value()));
        lnB.add(Math.log(q.candidate().value()));
        lnRatio.add(Math.log(q.ratio()));
        seSquared +=
            (square(QuantileRatio.logSe(q.baseline())) + square(QuantileRatio.logSe(q.candidate())))
                / 2;
        for (PathComparison c : r.comparisons()) {
          if (c.id().equals(id)) {
            regressed += c.change() == Change.REGRESSED ? 1 : 0;
            improved += c.change() == Change.IMPROVED ? 1 : 0;
            if (c.shiftRatioLower() > 0) {
              shiftSeSquared +=
                  square(
                      (Math.log(c.shiftRatioUpper()) - Math.log(c.shiftRatioLower()))
                          / (2 * QuantileRatio.Z_95));
              shiftCount++;
            }
          }
        }
      }
      int n = lnA.size();
      if (n < 2) {
        continue;
      }
      double meanSeSquared = seSquared / n;
      double runToRun = (variance(lnA) + variance(lnB)) / 2;
      double drift = Math.sqrt(Math.max(0, runToRun - meanSeSquared));
      double shiftSe = shiftCount == 0 ? Double.NaN : Math.sqrt(shiftSeSquared / shiftCount);
      double tolerance =
          baselines
              .check(id)
              .map(CheckSpec::regression)
              .map(g -> g.tolerance().fraction())
              .orElse(0.1);
      rows.add(
          new Row(
              id,
              n,
              regressed,
              improved,
              Math.sqrt(variance(lnRatio)),
              Math.sqrt(runToRun),
              Math.sqrt(meanSeSquared),
              drift,
              Math.exp((zCompare + Z_POWER_80) * shiftSe * scale),
              (1 + tolerance)
                  * Math.exp(
                      (zAgainst + Z_POWER_80)
                          * Math.sqrt(2 * meanSeSquared * scale * scale + drift * drift))));
    }
    return new CalibrationSummary(rows, results.size(), withRegression, perRepeat, forDuration);
  }

  /** The share of comparisons that called some gated check REGRESSED. */
  public double falseAlarmShare() {
    return comparisons == 0 ? 0 : withRegression / (double) comparisons;
  }

  /** The calibration file's content besides the schema. */
  public void describe(ObjectNode evidence, Environment environment) {
    evidence.put("comparisons", comparisons);
    evidence.put("comparisonsWithARegression", withRegression);
    evidence.put("durationPerRepeat", perRepeat.toString());
    evidence.put("detectableFor", forDuration.toString());
    evidence.put(
        "defaultDriftLogSd",
        rows.stream()
            .mapToDouble(Row::driftLogSd)
            .max()
            .orElse(Calibration.DEFAULT.defaultDriftLogSd()));
    if (environment != null) {
      evidence.put("cores", environment.cores());
      evidence.put("jdk", environment.jdk());
      evidence.put("suite", environment.suite());
      evidence.put("gitCommit", environment.gitCommit());
    }
    ObjectNode checks = evidence.putObject("checks");
    for (Row row : rows) {
      ObjectNode node = checks.putObject(row.id());
      node.put("driftLogSd", round(row.driftLogSd()));
      node.put("comparisons", row.comparisons());
      node.put("falseRegressions", row.regressed());
      node.put("falseImprovements", row.improved());
      node.put("spreadLogRatioSd", round(row.spreadLogRatioSd()));
      node.put("runToRunLogSd", round(row.runToRunLogSd()));
      node.put("meanLogSe", round(row.meanLogSe()));
      node.put("detectableCompareRatio", round(row.detectableCompare()));
      node.put("detectableAgainstRatio", round(row.detectableAgainst()));
    }
  }

  /** The console table. */
  public String render() {
    StringBuilder text = new StringBuilder();
    String format = "%-30s %6s %7s %10s %11s %8s %12s %12s%n";
    text.append(
        String.format(
            Locale.ROOT,
            format,
            "check",
            "A/A",
            "false",
            "spread",
            "run-to-run",
            "drift",
            "compare",
            "--against"));
    text.append(
        String.format(
            Locale.ROOT,
            format,
            "",
            "runs",
            "alarms",
            "p95 ratio",
            "p95",
            "",
            "detects",
            "detects"));
    for (Row r : rows) {
      text.append(
          String.format(
              Locale.ROOT,
              format,
              r.id(),
              r.comparisons(),
              r.regressed() + r.improved(),
              percent(r.spreadLogRatioSd()),
              percent(r.runToRunLogSd()),
              percent(r.driftLogSd()),
              ratio(r.detectableCompare()),
              ratio(r.detectableAgainst())));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%nA/A: %d of %d comparisons called a gated check REGRESSED (%.1f %%; the goal is at most"
                + " 1 %%). Detectable effects (80 %% power) are for a measured phase of %ds per"
                + " side; spread and drift are standard deviations of the log, shown as %%.",
            withRegression,
            comparisons,
            100 * falseAlarmShare(),
            forDuration.getSeconds()));
    return text.toString();
  }

  private static String percent(double logSd) {
    return Double.isNaN(logSd) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * logSd);
  }

  private static String ratio(double value) {
    return Double.isNaN(value) || Double.isInfinite(value)
        ? "-"
        : String.format(Locale.ROOT, "×%.2f", value);
  }

  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 1e5) / 1e5 : 0;
  }

  private static double square(double x) {
    return x * x;
  }

  private static double variance(List<Double> values) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return values.size() < 2 ? 0 : sum / (values.size() - 1);
  }
}
