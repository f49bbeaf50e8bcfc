package dev.loadgate.verdict;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.Bound;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.baseline.Source;
import dev.loadgate.baseline.Statistic;
import dev.loadgate.verdict.sequential.ShareBoundary;
import dev.loadgate.verdict.sequential.SharePlanning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * What a run needs before its gated checks decide, for the console before load: per gated
 * percentile and error-rate check fed by one journey, the samples (and the time at that journey's
 * arrival rate) that decide a healthy path, and those that decide a path whose statistic lies the
 * suite's {@code detect} share off its limit with 95 % probability.
 *
 * <p>For a percentile the change is translated into the share of samples at or above the limit with
 * an exponential tail as the planning model: a p95 at {@code L·(1 + d)} leaves {@code 0.05^(1/(1 +
 * d))} of the samples at or above {@code L}. Heavier tails need more samples, shifted (mostly
 * fixed) latencies fewer; docs/verdicts.md has the simulated figures.
 */
public final class RunSizing {
  private RunSizing() {}

  /**
   * One line per gated check that the load decides.
   *
   * @param options which checks are gated
   * @param detectShare the smallest change to catch, e.g. 0.10
   * @param journeyRatePerSec the arrival rate of a journey (group), users per second; 0 if absent
   * @param measured the longest measured phase, seconds
   */
  public static List<String> lines(
      Baselines baselines,
      EvaluationOptions options,
      double detectShare,
      ToDoubleFunction<String> journeyRatePerSec,
      double measured) {
    List<String> lines = new ArrayList<>();
    for (CheckSpec spec : baselines.checks()) {
      if (!options.isGated(spec.id())
          || spec.bound() != Bound.BELOW
          || spec.source() instanceof Source.FigureRef) {
        continue;
      }
      double rate =
          spec.source() instanceof Source.Group group
              ? journeyRatePerSec.applyAsDouble(group.name())
              : Double.NaN;
      if (spec.statistic().kind() == Statistic.Kind.PERCENTILE) {
        double threshold = 1 - spec.statistic().percentile().fraction();
        lines.add(percentileLine(spec, threshold, detectShare, rate, measured));
      } else if (spec.statistic().kind() == Statistic.Kind.RATE && spec.limit() < 100) {
        lines.add(rateLine(spec, spec.limit() / 100, rate));
      }
    }
    return List.copyOf(lines);
  }

  private static String percentileLine(
      CheckSpec spec, double threshold, double detect, double rate, double measured) {
    long healthy =
        Math.max(
            ShareBoundary.of(threshold).fewestTrialsToShowBelow(),
            Intervals.minimumSamples(1 - threshold, Intervals.CONFIDENCE_PERCENT));
    OptionalLong above =
        SharePlanning.trialsToDecide(Math.pow(threshold, 1 / (1 + detect)), threshold);
    OptionalLong below =
        SharePlanning.trialsToDecide(Math.pow(threshold, 1 / (1 - detect)), threshold);
    long offLimit = Math.max(above.orElse(SharePlanning.MAX_TRIALS), below.orElse(0));
    String text =
        String.format(
            Locale.ROOT,
            "sizing: %s decides a fast path after %d samples%s; a %s %.0f %% off its limit after"
                + " about %d%s",
            spec.id(),
            healthy,
            at(healthy, rate),
            spec.statistic().label(),
            100 * detect,
            offLimit,
            at(offLimit, rate));
    if (!Double.isNaN(rate) && rate > 0 && offLimit / rate > measured) {
      text +=
          String.format(
              Locale.ROOT,
              ": this run (at most %.0f s) leaves such a path undecided (WARN)",
              measured);
    }
    return text;
  }

  private static String rateLine(CheckSpec spec, double threshold, double rate) {
    long clean = ShareBoundary.of(threshold).fewestTrialsToShowBelow();
    long needed = Math.max(clean, spec.minSamples());
    return String.format(
        Locale.ROOT,
        "sizing: %s decides an error-free run after %d requests%s",
        spec.id(),
        needed,
        at(needed, rate));
  }

  private static String at(long samples, double rate) {
    if (Double.isNaN(rate) || rate <= 0) {
      return "";
    }
    double seconds = samples / rate;
    return String.format(
        Locale.ROOT,
        " (%s at %s/s)",
        seconds < 90
            ? String.format(Locale.ROOT, "%.0f s", seconds)
            : String.format(Locale.ROOT, "%.0f min", seconds / 60),
        dev.loadgate.baseline.Unit.number(rate));
  }
}
