package dev.loadgate.compare;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.baseline.Source;
import dev.loadgate.baseline.Statistic;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.measure.SeriesKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Which checks a side-by-side comparison compares, and their samples: every p95 latency check of
 * the baselines whose data are latency series (the paths and the all-requests API check), read from
 * the MEASURE phase of both sides exactly as {@code VerdictEngine} reads them.
 */
public final class CompareChecks {
  private CompareChecks() {}

  /**
   * The compared series of {@code baselines}' latency percentile checks.
   *
   * @param gated whether a check id can fail the comparison
   */
  public static List<ComparedSeries> of(
      Baselines baselines, Measurements baseline, Measurements candidate, Predicate<String> gated) {
    List<ComparedSeries> result = new ArrayList<>();
    for (CheckSpec spec : baselines.checks()) {
      if (spec.statistic().kind() != Statistic.Kind.PERCENTILE
          || spec.source() instanceof Source.FigureRef) {
        continue;
      }
      result.add(
          new ComparedSeries(
              spec.id(),
              spec.path() == null ? spec.title() : spec.title() + " " + spec.statistic().label(),
              gated.test(spec.id()),
              merged(spec.source(), baseline),
              merged(spec.source(), candidate)));
    }
    return List.copyOf(result);
  }

  /** The MEASURE-phase samples of {@code source}, merged exactly, in microseconds. */
  public static Histogram merged(Source source, Measurements measurements) {
    Histogram total = Measurements.newLatencyHistogram();
    series(source, measurements).forEach(s -> total.add(s.latencyMicros()));
    return total;
  }

  private static List<Series> series(Source source, Measurements measurements) {
    if (source instanceof Source.Group group) {
      return measurements.get(SeriesKey.group(Phase.MEASURE, group.name())).stream().toList();
    }
    if (source instanceof Source.Request request) {
      return measurements.get(SeriesKey.request(Phase.MEASURE, request.name())).stream().toList();
    }
    if (source instanceof Source.AllRequests all) {
      return measurements.series(Phase.MEASURE).stream()
          .filter(s -> s.key().kind() == SeriesKind.REQUEST)
          .filter(s -> !all.except().contains(s.key().name()))
          .toList();
    }
    return List.of();
  }
}
