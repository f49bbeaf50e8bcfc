package dev.loadgate.verdict;

import dev.loadgate.baseline.Bound;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.baseline.Unit;
import dev.loadgate.measure.Series;
import dev.loadgate.verdict.sequential.ShareBoundary;
import dev.loadgate.verdict.sequential.ShareCount;
import dev.loadgate.verdict.sequential.ShareDecision;
import dev.loadgate.verdict.sequential.SharePlanning;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The hook between {@link VerdictEngine} and the anytime-valid share tests of {@code
 * verdict.sequential}: which checks they decide, on which counts, and the sentences that say so.
 *
 * <p>A {@code p<q> < L} limit is decided on the share of successful samples at or above {@code L}
 * against {@code 1 - q} (a p95 below 500 ms means fewer than 5 % of samples take 500 ms or more);
 * an error rate below {@code r %} on the share of errors against {@code r / 100}. Limits on the
 * other side ({@code above:}) keep the interval rule.
 */
final class SequentialVerdicts {
  private SequentialVerdicts() {}

  /** The decision for a percentile check, or {@code null} when the share tests do not apply. */
  static ShareDecision percentile(CheckSpec spec, List<Series> series) {
    if (spec.bound() != Bound.BELOW || spec.unit() != Unit.MILLISECONDS) {
      return null;
    }
    double threshold = 1 - spec.statistic().percentile().fraction();
    long limitMicros = Math.round(spec.limit() * 1_000);
    return ShareDecision.decide(ShareCount.latencyAtOrAbove(series, limitMicros), threshold);
  }

  /** The decision for an error rate check, or {@code null} when the share tests do not apply. */
  static ShareDecision rate(CheckSpec spec, long errors, long samples) {
    double threshold = spec.limit() / 100;
    if (spec.bound() != Bound.BELOW || !(threshold > 0 && threshold < 1)) {
      return null;
    }
    return ShareDecision.decide(ShareCount.exact(errors, samples), threshold);
  }

  /** Samples per second over the span the series cover; NaN when they cover no time. */
  static double samplesPerSecond(List<Series> series) {
    long start = series.stream().mapToLong(Series::startEpochMillis).min().orElse(0);
    long end = series.stream().mapToLong(Series::endEpochMillis).max().orElse(0);
    long samples = series.stream().mapToLong(Series::sampleCount).sum();
    return end > start ? samples * 1_000.0 / (end - start) : Double.NaN;
  }

  /** The sentences a check's reason gains: the share, the outcome, what would decide it. */
  static String describe(
      CheckSpec spec, ShareDecision decision, double samplesPerSecond, boolean failUndecided) {
    boolean latency = spec.statistic().percentile() != null;
    ShareCount count = decision.count();
    String allowed = percent(decision.threshold());
    StringBuilder text = new StringBuilder("; ");
    if (latency) {
      text.append(shareText(count))
          .append(" of ")
          .append(count.trials())
          .append(" successful samples at or above ")
          .append(spec.unit().format(spec.limit()));
      if (count.excludedFailures() > 0) {
        text.append(" (").append(count.excludedFailures()).append(" failed samples left out)");
      }
      text.append(", ");
    }
    switch (decision.outcome()) {
      case BELOW -> text.append("shown below the ").append(allowed).append(" allowed");
      case ABOVE -> text.append("shown above the ").append(allowed).append(" allowed");
      case UNDECIDED ->
          text.append("neither shown below nor above the ")
              .append(allowed)
              .append(" allowed: undecided")
              .append(failUndecided ? ", failing as configured" : "")
              .append("; ")
              .append(toDecide(decision, samplesPerSecond));
    }
    text.append(" (anytime-valid test); ").append(detectable(spec, decision));
    return text.toString();
  }

  private static String toDecide(ShareDecision decision, double samplesPerSecond) {
    ShareCount count = decision.count();
    if (count.trials() == 0) {
      return "no successful samples to judge";
    }
    double share = (count.fewestHits() + count.mostHits()) / 2.0 / count.trials();
    OptionalLong needed = SharePlanning.trialsToDecide(share, decision.threshold());
    if (needed.isEmpty()) {
      return "at this share, right at the limit, no run of practical length decides it";
    }
    long more = needed.getAsLong() - count.trials();
    if (more <= 0) {
      return "the share is close to deciding; a somewhat longer run would decide it";
    }
    String time =
        Double.isNaN(samplesPerSecond) || samplesPerSecond <= 0
            ? ""
            : String.format(
                Locale.ROOT,
                " (about %s at %s/s)",
                minutes(more / samplesPerSecond),
                dev.loadgate.baseline.Unit.number(samplesPerSecond));
    return "at this share about " + more + " more samples" + time + " would decide it";
  }

  private static String detectable(CheckSpec spec, ShareDecision decision) {
    double threshold = decision.threshold();
    long trials = decision.count().trials();
    double above = SharePlanning.detectableAbove(threshold, trials);
    double below = SharePlanning.detectableBelow(threshold, trials);
    boolean latency = spec.statistic().percentile() != null;
    String label = latency ? "a " + spec.statistic().label() : "a rate";
    String fail =
        Double.isNaN(above)
            ? "cannot fail yet"
            : latency
                ? label + " " + relative(Math.log(threshold) / Math.log(above) - 1) + " above"
                : label + " of " + percent(above) + " or more";
    String pass =
        Double.isNaN(below)
            ? "cannot pass below "
                + ShareBoundary.of(threshold).fewestTrialsToShowBelow()
                + " samples"
            : latency
                ? (below == 0
                    ? "passes only without a sample at or above it"
                    : relative(1 - Math.log(threshold) / Math.log(below)) + " below")
                : percent(below) + " or less";
    return "with 95 % power this run detects "
        + fail
        + (latency && !Double.isNaN(above) ? " the limit" : "")
        + " and "
        + pass
        + (latency && !Double.isNaN(below) && below > 0 ? " it" : "")
        + (latency ? " (exponential tail)" : "");
  }

  private static String shareText(ShareCount count) {
    if (count.trials() == 0) {
      return "none";
    }
    String fewest = percent((double) count.fewestHits() / count.trials());
    return count.isExact()
        ? fewest
        : fewest.replace(" %", "") + "–" + percent((double) count.mostHits() / count.trials());
  }

  private static String relative(double fraction) {
    return percent(fraction);
  }

  static String percent(double fraction) {
    double value = 100 * fraction;
    return String.format(Locale.ROOT, value >= 10 ? "%.0f %%" : "%.2g %%", value);
  }

  private static String minutes(double seconds) {
    return seconds < 90
        ? String.format(Locale.ROOT, "%.0f s", seconds)
        : String.format(Locale.ROOT, "%.0f min", seconds / 60);
  }
}
