package dev.loadgate.verdict;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.Bound;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.baseline.Source;
import dev.loadgate.baseline.Statistic;
import dev.loadgate.baseline.Unit;
import dev.loadgate.compare.Calibration;
import dev.loadgate.compare.QuantileRatio;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.measure.SeriesKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Judges measurements against baselines: one {@link Check} per documented limit, each PASS, WARN,
 * FAIL or NO_DATA with the numbers behind it. Stateless; the decision rule is documented in {@code
 * docs/verdicts.md}.
 *
 * <ul>
 *   <li>Statistics with an interval (percentiles of series, error rates): FAIL when the whole 95 %
 *       interval breaches the limit, PASS when the whole interval is inside, otherwise WARN
 *       (undecided; FAIL with {@link EvaluationOptions#failUndecided()}).
 *   <li>Statistics without an interval (max, mean, probe figures): the value against the limit.
 *   <li>Too few samples, a missing series or figure: NO_DATA, which fails the gate when gated.
 *   <li>A warning level (an alert's lower level) turns a PASS into a WARN when the value is beyond
 *       it.
 *   <li>Against an accepted run: FAIL when worse beyond the tolerance and the minimum effect, and a
 *       one-sided test shows the change exceeds the tolerance (p ≤ 1 %; the p95 ratio of {@link
 *       QuantileRatio} with the calibrated drift); NO_DATA when the accepted run cannot support the
 *       comparison.
 * </ul>
 */
public final class VerdictEngine {
  private static final double MICROS_PER_MILLI = 1_000.0;

  private VerdictEngine() {}

  /**
   * Evaluates every check of {@code baselines}, then a {@code service.<path>.p95} check for each
   * such figure in {@code measurements} whose path has a limit, then a {@code sql.<query>.mean}
   * check for each benchmarked statement, judged against {@code db.query.mean}'s limit.
   *
   * @return the checks, in baselines order, service and SQL checks last; never empty when baselines
   *     hold checks
   */
  public static List<Check> evaluate(
      Baselines baselines, Measurements measurements, EvaluationOptions options) {
    List<Check> checks = new ArrayList<>();
    for (CheckSpec spec : baselines.checks()) {
      checks.add(judge(spec, spec.id(), title(spec), spec.source(), measurements, options));
    }
    for (CheckSpec path : baselines.paths()) {
      String id = "service." + path.path() + "." + path.statistic().label();
      if (measurements.figure(id).isPresent()) {
        checks.add(
            judge(
                path,
                id,
                path.title() + " service time " + path.statistic().label() + " (JMH)",
                new Source.FigureRef(id),
                measurements,
                options));
      }
    }
    // The app's key SQL, benchmarked by JMH (sql.<query>.mean), answers to the same documented
    // limit as the probe's mean over the whole run: query response under 100 ms on average.
    baselines.checks().stream()
        .filter(spec -> spec.id().equals(SQL_LIMIT_CHECK))
        .findFirst()
        .ifPresent(
            queryMean ->
                measurements.figures().keySet().stream()
                    .filter(id -> id.startsWith("sql.") && id.endsWith(".mean"))
                    .sorted()
                    .forEach(
                        id ->
                            checks.add(
                                judge(
                                    queryMean,
                                    id,
                                    "SQL "
                                        + id.substring(4, id.length() - 5).replace('_', ' ')
                                        + " mean (JMH)",
                                    new Source.FigureRef(id),
                                    measurements,
                                    options))));
    return List.copyOf(checks);
  }

  /** The documented limit that each benchmarked statement's mean is judged against. */
  static final String SQL_LIMIT_CHECK = "db.query.mean";

  private static String title(CheckSpec spec) {
    return spec.path() == null ? spec.title() : spec.title() + " " + spec.statistic().label();
  }

  private static Check judge(
      CheckSpec spec,
      String id,
      String title,
      Source source,
      Measurements measurements,
      EvaluationOptions options) {
    boolean gated = options.isGated(id);
    Measured measured = measure(spec, source, measurements);
    if (measured.noData() != null) {
      return new Check(
          id,
          title,
          Status.NO_DATA,
          gated,
          Double.NaN,
          spec.bound(),
          spec.limit(),
          spec.unit(),
          measured.samples(),
          null,
          null,
          "required " + spec.describeLimit() + ", no data: " + measured.noData(),
          spec.guideSection(),
          spec.path());
    }
    Status status = decide(spec, measured, options);
    String reason = "required " + spec.describeLimit() + ", actual " + evidence(spec, measured);
    if (measured.ci() != null && status == Status.WARN) {
      reason += "; the limit lies inside the interval: undecided";
    } else if (measured.ci() != null && status == Status.FAIL && !breachedForSure(spec, measured)) {
      reason += "; the limit lies inside the interval: undecided, failing as configured";
    }
    if (status == Status.PASS
        && spec.hasWarning()
        && !spec.bound().within(measured.value(), spec.warning())) {
      status = Status.WARN;
      reason +=
          (spec.bound() == Bound.BELOW ? "; above" : "; below")
              + " the warning level "
              + spec.unit().format(spec.warning());
    }
    Comparison comparison = null;
    if (options.accepted().isPresent()) {
      AcceptedRun accepted = options.accepted().get();
      Measured before = measure(spec, source, accepted.measurements());
      if (before.noData() == null) {
        double drift = options.calibration().drift(id);
        double p = pWorse(spec, measured, before, drift);
        comparison = compare(spec, measured, before, accepted.runId(), p);
        if (comparison.regressed()) {
          status = Status.FAIL;
        }
        reason += "; " + describe(spec, comparison, p, drift, options.calibration());
      } else if (measured.ci() != null) {
        // A statistic the relative gate judges, but the accepted run cannot support the
        // comparison: fail closed rather than switch the relative gate off.
        status = Status.NO_DATA;
        reason +=
            "; no comparison with accepted run "
                + accepted.runId()
                + ": "
                + before.noData()
                + " The relative gate fails closed: accept a run that measured this check.";
      } else {
        reason += "; no comparison with accepted run " + accepted.runId() + ": " + before.noData();
      }
    }
    return new Check(
        id,
        title,
        status,
        gated,
        measured.value(),
        spec.bound(),
        spec.limit(),
        spec.unit(),
        measured.samples(),
        measured.ci(),
        comparison,
        reason,
        spec.guideSection(),
        spec.path());
  }

  // ---- decision ------------------------------------------------------------------------------

  private static Status decide(CheckSpec spec, Measured m, EvaluationOptions options) {
    Bound bound = spec.bound();
    if (m.ci() == null) {
      return bound.within(m.value(), spec.limit()) ? Status.PASS : Status.FAIL;
    }
    if (breachedForSure(spec, m)) {
      return Status.FAIL;
    }
    double worst = bound == Bound.BELOW ? m.ci().upper() : m.ci().lower();
    if (bound.within(worst, spec.limit())) {
      return Status.PASS;
    }
    return options.failUndecided() ? Status.FAIL : Status.WARN;
  }

  /** Whether even the interval's most favourable end breaches the limit. */
  private static boolean breachedForSure(CheckSpec spec, Measured m) {
    double best = spec.bound() == Bound.BELOW ? m.ci().lower() : m.ci().upper();
    return !spec.bound().within(best, spec.limit());
  }

  /** One-sided α of the relative gate's test on the change (per check). */
  static final double RELATIVE_ALPHA = 0.01;

  private static Comparison compare(
      CheckSpec spec, Measured now, Measured before, String runId, double pWorse) {
    double delta = now.value() - before.value();
    double percent = before.value() == 0 ? Double.NaN : 100 * delta / before.value();
    double worsening = spec.bound().worsening(now.value(), before.value());
    boolean regressed =
        now.ci() != null
            && before.ci() != null
            && spec.regression().beyond(worsening, before.value(), spec.unit())
            && pWorse <= RELATIVE_ALPHA;
    return new Comparison(runId, before.value(), before.ci(), delta, percent, regressed);
  }

  /**
   * The one-sided p-value of "worse than the accepted run by more than the tolerance". Percentiles:
   * the log ratio of the two (Price–Bonett standard errors from the intervals' widths, plus the
   * calibrated run-to-run drift), see {@link QuantileRatio}. Rates: the difference of the two
   * shares against the tolerance, standard errors from the Wilson intervals' widths. NaN when
   * either side has no interval.
   */
  private static double pWorse(CheckSpec spec, Measured now, Measured before, double drift) {
    if (now.ci() == null || before.ci() == null) {
      return Double.NaN;
    }
    double tolerance = spec.regression().tolerance().fraction();
    if (spec.statistic().kind() == Statistic.Kind.PERCENTILE
        && before.ci().lower() > 0
        && now.ci().lower() > 0) {
      QuantileRatio ratio =
          new QuantileRatio(
              new Intervals.Estimate(
                  before.value(), before.ci().lower(), before.ci().upper(), before.samples()),
              new Intervals.Estimate(
                  now.value(), now.ci().lower(), now.ci().upper(), now.samples()));
      return spec.bound() == Bound.BELOW
          ? ratio.pValueSlowerThan(1 + tolerance, drift)
          : ratio.pValueFasterThan(1 + tolerance, drift);
    }
    double seNow = (now.ci().upper() - now.ci().lower()) / (2 * Z_95);
    double seBefore = (before.ci().upper() - before.ci().lower()) / (2 * Z_95);
    double allowed =
        Math.max(Math.abs(before.value()) * tolerance, spec.regression().minEffect(spec.unit()));
    double se = Math.hypot(seNow, seBefore);
    if (!(se > 0)) {
      return spec.bound().worsening(now.value(), before.value()) > allowed ? 0 : 1;
    }
    double z = (spec.bound().worsening(now.value(), before.value()) - allowed) / se;
    return 1 - NORMAL.cumulativeProbability(z);
  }

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
  private static final double Z_95 = NORMAL.inverseCumulativeProbability(0.975);

  private static String describe(
      CheckSpec spec, Comparison c, double p, double drift, Calibration calibration) {
    String change =
        (c.deltaAbsolute() >= 0 ? "+" : "-")
            + spec.unit().format(Math.abs(c.deltaAbsolute()))
            + (Double.isNaN(c.deltaPercent())
                ? ""
                : String.format(Locale.ROOT, " (%+.1f %%)", c.deltaPercent()));
    String against =
        "vs accepted run "
            + c.acceptedRunId()
            + " "
            + spec.unit().format(c.acceptedValue())
            + (c.acceptedCi() == null
                ? ""
                : " (" + interval(c.acceptedCi(), spec.unit().scaleFor(c.acceptedValue())) + ")");
    String test =
        Double.isNaN(p)
            ? ""
            : String.format(
                    Locale.ROOT,
                    " (one-sided p=%s against the tolerance",
                    p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p))
                + (spec.statistic().kind() == Statistic.Kind.PERCENTILE
                    ? String.format(
                        Locale.ROOT,
                        ", run-to-run drift %.1f %% (%s)",
                        100 * drift,
                        calibration.measured() ? "calibrated" : "default; run loadgate calibrate")
                    : "")
                + ")";
    if (c.regressed()) {
      return "regressed "
          + change
          + " "
          + against
          + ", beyond the tolerance "
          + spec.regression().tolerance()
          + " and "
          + spec.unit().format(spec.regression().minEffect(spec.unit()))
          + test;
    }
    return "change " + change + " " + against + ", not a regression" + test;
  }

  // ---- measurement ---------------------------------------------------------------------------

  /**
   * What a check measured: a value (in the check's unit) with its interval, or why there is none.
   */
  private record Measured(double value, ConfidenceInterval ci, long samples, String noData) {
    static Measured none(long samples, String why) {
      return new Measured(Double.NaN, null, samples, why);
    }
  }

  private static Measured measure(CheckSpec spec, Source source, Measurements measurements) {
    if (source instanceof Source.FigureRef ref) {
      return figure(spec, ref.id(), measurements);
    }
    List<Series> series = series(source, measurements);
    if (series.isEmpty()) {
      return Measured.none(
          0,
          "no measured samples for "
              + source.describe()
              + " (expected a series recorded in the measure phase). Check that the suite runs"
              + " this journey.");
    }
    return switch (spec.statistic().kind()) {
      case PERCENTILE -> percentile(spec, source, series);
      case RATE -> rate(spec, source, series);
      case MEAN, MAX, VALUE -> plain(spec, source, series);
    };
  }

  private static List<Series> series(Source source, Measurements measurements) {
    if (source instanceof Source.Group group) {
      return measurements.get(SeriesKey.group(Phase.MEASURE, group.name())).stream().toList();
    }
    if (source instanceof Source.Request request) {
      return measurements.get(SeriesKey.request(Phase.MEASURE, request.name())).stream().toList();
    }
    Source.AllRequests all = (Source.AllRequests) source;
    return measurements.series(Phase.MEASURE).stream()
        .filter(s -> s.key().kind() == SeriesKind.REQUEST)
        .filter(s -> !all.except().contains(s.key().name()))
        .toList();
  }

  private static Histogram merged(List<Series> series) {
    Histogram total = Measurements.newLatencyHistogram();
    series.forEach(s -> total.add(s.latencyMicros()));
    return total;
  }

  private static Measured percentile(CheckSpec spec, Source source, List<Series> series) {
    Histogram micros = merged(series);
    long n = micros.getTotalCount();
    double fraction = spec.statistic().percentile().fraction();
    long needed =
        Math.max(
            spec.minSamples(), Intervals.minimumSamples(fraction, Intervals.CONFIDENCE_PERCENT));
    if (n < needed) {
      return Measured.none(n, tooFew(spec, source, n, needed));
    }
    Optional<Intervals.Estimate> estimate =
        Intervals.percentile(micros, fraction, Intervals.CONFIDENCE_PERCENT);
    if (estimate.isEmpty()) {
      return Measured.none(n, tooFew(spec, source, n, needed));
    }
    Intervals.Estimate e = estimate.get();
    return new Measured(
        e.value() / MICROS_PER_MILLI,
        new ConfidenceInterval(
            e.lower() / MICROS_PER_MILLI,
            e.upper() / MICROS_PER_MILLI,
            Intervals.CONFIDENCE_PERCENT),
        n,
        null);
  }

  private static Measured rate(CheckSpec spec, Source source, List<Series> series) {
    long n = series.stream().mapToLong(Series::sampleCount).sum();
    long errors = series.stream().mapToLong(Series::errorCount).sum();
    long needed = Math.max(1, spec.minSamples());
    if (n < needed) {
      return Measured.none(n, tooFew(spec, source, n, needed));
    }
    Intervals.Estimate e = Intervals.wilsonPercent(errors, n, Intervals.CONFIDENCE_PERCENT);
    return new Measured(
        e.value(),
        new ConfidenceInterval(e.lower(), e.upper(), Intervals.CONFIDENCE_PERCENT),
        n,
        null);
  }

  private static Measured plain(CheckSpec spec, Source source, List<Series> series) {
    if (spec.unit() != Unit.MILLISECONDS) {
      return Measured.none(
          0,
          "a "
              + spec.statistic().label()
              + " of latency series is in ms, but the limit is in "
              + spec.unit().symbol()
              + " (expected a duration limit). Fix the baselines file.");
    }
    Histogram micros = merged(series);
    long n = micros.getTotalCount();
    long needed = Math.max(1, spec.minSamples());
    if (n < needed) {
      return Measured.none(n, tooFew(spec, source, n, needed));
    }
    double value =
        spec.statistic().kind() == Statistic.Kind.MEAN ? micros.getMean() : micros.getMaxValue();
    return new Measured(value / MICROS_PER_MILLI, null, n, null);
  }

  private static Measured figure(CheckSpec spec, String id, Measurements measurements) {
    Optional<Figure> found = measurements.figure(id);
    if (found.isEmpty()) {
      return Measured.none(
          0,
          "no figure "
              + id
              + " in the measurements (expected one from "
              + producer(id)
              + "). Run the suite that includes it, or narrow the gate.");
    }
    Figure figure = found.get();
    if (!figure.isMeasured()) {
      return Measured.none(
          figure.samples(),
          figure.note().isEmpty()
              ? "figure " + id + " from " + figure.source() + " was not measured"
              : figure.note());
    }
    if (!spec.unit().symbol().equals(figure.unit())) {
      return Measured.none(
          figure.samples(),
          "figure "
              + id
              + " is in "
              + figure.unit()
              + " (expected "
              + spec.unit().symbol()
              + "). The producer and the baselines disagree on the unit.");
    }
    long needed = Math.max(1, spec.minSamples());
    if (figure.samples() < needed) {
      return Measured.none(
          figure.samples(),
          "figure "
              + id
              + " rests on "
              + figure.samples()
              + " samples (expected at least "
              + needed
              + ")");
    }
    return new Measured(figure.value(), null, figure.samples(), null);
  }

  private static String producer(String id) {
    if (id.startsWith("db.")) {
      return "the database probe";
    }
    if (id.startsWith("email.")) {
      return "the e-mail queue probe";
    }
    if (id.startsWith("service.") || id.startsWith("sql.")) {
      return "the JMH benchmarks";
    }
    return "a probe";
  }

  private static String tooFew(CheckSpec spec, Source source, long n, long needed) {
    return "only "
        + n
        + " samples for the "
        + spec.statistic().label()
        + " of "
        + source.describe()
        + " (expected at least "
        + needed
        + (spec.statistic().kind() == Statistic.Kind.PERCENTILE ? " for a 95 % interval" : "")
        + "). Run longer or at a higher arrival rate.";
  }

  // ---- text ----------------------------------------------------------------------------------

  private static String evidence(CheckSpec spec, Measured m) {
    Unit.Scale scale = spec.unit().scaleFor(m.value());
    StringBuilder text = new StringBuilder(Unit.formatIn(m.value(), scale));
    List<String> details = new ArrayList<>();
    if (m.ci() != null) {
      details.add(interval(m.ci(), scale));
    }
    details.add("n=" + m.samples());
    return text.append(" (").append(String.join(", ", details)).append(')').toString();
  }

  private static String interval(ConfidenceInterval ci, Unit.Scale scale) {
    return Unit.number(ci.confidencePercent())
        + " % CI "
        + Unit.range(ci.lower(), ci.upper(), scale);
  }
}
