package dev.loadgate.compare;

import dev.loadgate.verdict.Intervals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The decision rule of {@code loadgate compare}: per check, two one-sided tests in each direction,
 * the shift of the whole distribution ({@link RankShift}, Mann–Whitney) and the change of the p95
 * beyond the minimum effect ({@link QuantileRatio}); all "slower" tests of one comparison corrected
 * together with {@link Holm} at the family-wise α, and the "faster" tests likewise.
 *
 * <ul>
 *   <li>REGRESSED: the shift is significant and its Hodges–Lehmann estimate is at least the minimum
 *       effect (ratio and ms), or the p95 is significantly more than the minimum effect ratio above
 *       the baseline's and at least the minimum ms higher. The second catches a change in the tail
 *       alone, which the rank test misses.
 *   <li>IMPROVED: the mirror image, when nothing regressed.
 *   <li>SAME: neither; NO_DATA: fewer than 72 samples (a p95's interval) on either side.
 * </ul>
 *
 * Stateless. Error rates, measured by {@code SideBySideErrorRates}, are in docs/verdicts.md.
 */
public final class SideBySide {
  private static final double P95 = 0.95;
  private static final double MICROS_PER_MILLI = 1_000.0;

  private SideBySide() {}

  /** Compares every check; the result is in input order. */
  public static List<PathComparison> compare(List<ComparedSeries> checks, CompareOptions options) {
    int k = checks.size();
    List<Optional<QuantileRatio>> ratios = new ArrayList<>();
    List<Optional<RankShift>> shifts = new ArrayList<>();
    double[] slower = new double[2 * k];
    double[] faster = new double[2 * k];
    for (int i = 0; i < k; i++) {
      ComparedSeries c = checks.get(i);
      Optional<QuantileRatio> ratio =
          QuantileRatio.of(c.baselineMicros(), c.candidateMicros(), P95);
      Optional<RankShift> shift = RankShift.of(c.baselineMicros(), c.candidateMicros());
      if (ratio.isEmpty() || shift.isEmpty()) {
        ratio = Optional.empty();
        shift = Optional.empty();
      }
      ratios.add(ratio);
      shifts.add(shift);
      double tolerance = options.minEffectRatio();
      slower[2 * i] = shift.map(RankShift::pSlower).orElse(Double.NaN);
      slower[2 * i + 1] = ratio.map(r -> r.pValueSlowerThan(tolerance, 0)).orElse(Double.NaN);
      faster[2 * i] = shift.map(RankShift::pFaster).orElse(Double.NaN);
      faster[2 * i + 1] = ratio.map(r -> r.pValueFasterThan(tolerance, 0)).orElse(Double.NaN);
    }
    double[] slowerAdjusted = Holm.adjust(slower);
    double[] fasterAdjusted = Holm.adjust(faster);
    List<PathComparison> result = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      ComparedSeries c = checks.get(i);
      if (ratios.get(i).isEmpty()) {
        result.add(noData(c));
        continue;
      }
      result.add(
          decide(
              c,
              ratios.get(i).get(),
              shifts.get(i).get(),
              new double[] {slowerAdjusted[2 * i], slowerAdjusted[2 * i + 1]},
              new double[] {fasterAdjusted[2 * i], fasterAdjusted[2 * i + 1]},
              options));
    }
    return List.copyOf(result);
  }

  private static PathComparison decide(
      ComparedSeries c,
      QuantileRatio ratio,
      RankShift shift,
      double[] slower,
      double[] faster,
      CompareOptions options) {
    double alpha = options.familyAlpha();
    double medianMillis = c.baselineMicros().getValueAtPercentile(50) / MICROS_PER_MILLI;
    double p95a = ratio.baseline().value() / MICROS_PER_MILLI;
    double p95b = ratio.candidate().value() / MICROS_PER_MILLI;
    double shiftMillis = medianMillis * (shift.ratio() - 1);
    boolean shiftSlower =
        slower[0] <= alpha
            && shift.ratio() >= options.minEffectRatio()
            && shiftMillis >= options.minEffectMillis();
    boolean tailSlower = slower[1] <= alpha && p95b - p95a >= options.minEffectMillis();
    boolean shiftFaster =
        faster[0] <= alpha
            && shift.ratio() <= 1 / options.minEffectRatio()
            && -shiftMillis >= options.minEffectMillis();
    boolean tailFaster = faster[1] <= alpha && p95a - p95b >= options.minEffectMillis();
    Change change;
    String why;
    if (shiftSlower || tailSlower) {
      change = Change.REGRESSED;
      why =
          "slower"
              + (shiftSlower ? ": the whole distribution shifted" : ": the tail moved")
              + String.format(Locale.ROOT, " (p=%s, Holm)", p(Math.min(slower[0], slower[1])));
    } else if (shiftFaster || tailFaster) {
      change = Change.IMPROVED;
      why =
          "faster"
              + (shiftFaster ? ": the whole distribution shifted" : ": the tail moved")
              + String.format(Locale.ROOT, " (p=%s, Holm)", p(Math.min(faster[0], faster[1])));
    } else {
      change = Change.SAME;
      why =
          "no change of at least "
              + options.describeMinEffect()
              + String.format(
                  Locale.ROOT,
                  " shown at family-wise α=%s (p=%s slower, p=%s faster, Holm)",
                  p(alpha),
                  p(Math.min(slower[0], slower[1])),
                  p(Math.min(faster[0], faster[1])));
    }
    double[] p95Ci = ratio.interval(Intervals.CONFIDENCE_PERCENT, 0);
    String reason =
        String.format(
            Locale.ROOT,
            "p95 %s → %s ms (×%.2f, 95 %% CI %.2f–%.2f), whole distribution ×%.2f (95 %% CI"
                + " %.2f–%.2f), n=%d/%d: %s",
            number(p95a),
            number(p95b),
            ratio.ratio(),
            p95Ci[0],
            p95Ci[1],
            shift.ratio(),
            shift.ratioLower(),
            shift.ratioUpper(),
            shift.baselineSamples(),
            shift.candidateSamples(),
            why);
    return new PathComparison(
        c.id(),
        c.title(),
        c.gated(),
        change,
        shift.baselineSamples(),
        shift.candidateSamples(),
        p95a,
        p95b,
        ratio.ratio(),
        p95Ci[0],
        p95Ci[1],
        shift.ratio(),
        shift.ratioLower(),
        shift.ratioUpper(),
        Math.min(slower[0], slower[1]),
        Math.min(faster[0], faster[1]),
        reason);
  }

  private static PathComparison noData(ComparedSeries c) {
    long needed = Intervals.minimumSamples(P95, Intervals.CONFIDENCE_PERCENT);
    long a = c.baselineMicros().getTotalCount();
    long b = c.candidateMicros().getTotalCount();
    return new PathComparison(
        c.id(),
        c.title(),
        c.gated(),
        Change.NO_DATA,
        a,
        b,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        "no data: "
            + a
            + " baseline and "
            + b
            + " candidate samples (expected at least "
            + needed
            + " on each side for a p95 interval). Run longer or at a higher rate.");
  }

  private static String p(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return value < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", value);
  }

  static String number(double value) {
    double abs = Math.abs(value);
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
