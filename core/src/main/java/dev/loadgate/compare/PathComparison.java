package dev.loadgate.compare;

import java.util.Objects;

/**
 * One check compared side by side: both p95s and their ratio, the shift of the whole distribution,
 * the Holm-corrected p-values and the conclusion. Values in milliseconds; NaN where not measured.
 *
 * @param id the check id
 * @param title a short human name
 * @param gated whether this check can fail the comparison
 * @param change the conclusion
 * @param baselineSamples samples of the baseline
 * @param candidateSamples samples of the candidate
 * @param baselineP95Millis the baseline's p95
 * @param candidateP95Millis the candidate's p95
 * @param p95Ratio candidate p95 over baseline p95
 * @param p95RatioLower lower end of its 95 % interval ({@link QuantileRatio})
 * @param p95RatioUpper upper end
 * @param shiftRatio the Hodges–Lehmann shift of the whole distribution, as a ratio ({@link
 *     RankShift})
 * @param shiftRatioLower lower end of its 95 % interval
 * @param shiftRatioUpper upper end
 * @param pSlower the smaller Holm-adjusted p-value of this check's two "slower" tests
 * @param pFaster the smaller Holm-adjusted p-value of its two "faster" tests
 * @param reason one sentence with the numbers behind {@code change}
 */
public record PathComparison(
    String id,
    String title,
    boolean gated,
    Change change,
    long baselineSamples,
    long candidateSamples,
    double baselineP95Millis,
    double candidateP95Millis,
    double p95Ratio,
    double p95RatioLower,
    double p95RatioUpper,
    double shiftRatio,
    double shiftRatioLower,
    double shiftRatioUpper,
    double pSlower,
    double pFaster,
    String reason) {
  public PathComparison {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, id + ": change");
    reason = reason == null ? "" : reason;
  }

  /** Whether this check alone fails the comparison: a gated REGRESSED or NO_DATA. */
  public boolean failsGate() {
    return gated && change.failsGate();
  }
}
