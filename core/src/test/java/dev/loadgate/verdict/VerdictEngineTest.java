package dev.loadgate.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.Measurements;
import dev.loadgate.run.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerdictEngineTest {
  static final Baselines BASELINES =
      BaselinesLoader.load(Path.of("../test-fixtures/baselines.yaml"));
  static final String LOGIN = "POST /auth/v1/token?grant_type=password";

  @Test
  void passesWhenTheWholeP95IntervalIsBelowTheLimit() {
    Measurements m =
        new Samples()
            .group("auth", LOGIN, 2_400, Samples.uniform(new Random(1), 100, 300), 0)
            .finish();

    Check auth =
        check(
            VerdictEngine.evaluate(BASELINES, m, EvaluationOptions.defaults()), "latency.auth.p95");

    assertThat(auth.status()).isEqualTo(Status.PASS);
    assertThat(auth.gated()).isTrue();
    assertThat(auth.samples()).isEqualTo(2_400);
    assertThat(auth.measured()).isBetween(285.0, 295.0);
    assertThat(auth.ci().lower()).isLessThan(auth.measured());
    assertThat(auth.ci().upper()).isGreaterThan(auth.measured()).isLessThan(500);
    assertThat(auth.reason())
        .matches(
            "required < 500 ms, actual 2\\d\\d(\\.\\d)? ms \\(95 % CI 2\\d\\d(\\.\\d)?–\\d{3}(\\.\\d)?,"
                + " n=2400\\)");
  }

  @Test
  void failsWhenTheWholeP95IntervalIsAboveTheLimit() {
    Measurements m =
        new Samples()
            .group("auth", LOGIN, 2_400, Samples.uniform(new Random(2), 400, 660), 0)
            .finish();

    Check auth =
        check(
            VerdictEngine.evaluate(BASELINES, m, EvaluationOptions.defaults()), "latency.auth.p95");

    assertThat(auth.status()).isEqualTo(Status.FAIL);
    assertThat(auth.failsGate()).isTrue();
    assertThat(auth.ci().lower()).isGreaterThan(500);
    assertThat(auth.reason()).startsWith("required < 500 ms, actual 6").contains("n=2400");
  }

  @Test
  void warnsWhenTheLimitLiesInsideTheInterval() {
    // 80 samples: the p95 interval spans ranks 72..80 (492..508 ms) around the 500 ms limit.
    Measurements m = new Samples().group("auth", LOGIN, 80, sequence(350, 2), 0).finish();

    Check auth =
        check(
            VerdictEngine.evaluate(BASELINES, m, EvaluationOptions.defaults()), "latency.auth.p95");

    assertThat(auth.status()).isEqualTo(Status.WARN);
    assertThat(auth.failsGate()).isFalse();
    assertThat(auth.ci().lower()).isLessThan(500);
    assertThat(auth.ci().upper()).isGreaterThan(500);
    assertThat(auth.reason()).endsWith("; the limit lies inside the interval: undecided");

    Check strict =
        check(
            VerdictEngine.evaluate(
                BASELINES, m, EvaluationOptions.defaults().failingUndecided(true)),
            "latency.auth.p95");
    assertThat(strict.status()).isEqualTo(Status.FAIL);
    assertThat(strict.reason()).endsWith("undecided, failing as configured");
  }

  @Test
  void hasNoDataWithTooFewSamplesForTheInterval() {
    Measurements m = new Samples().group("auth", LOGIN, 71, Samples.constant(10), 0).finish();

    Check auth =
        check(
            VerdictEngine.evaluate(BASELINES, m, EvaluationOptions.defaults()), "latency.auth.p95");

    assertThat(auth.status()).isEqualTo(Status.NO_DATA);
    assertThat(auth.failsGate()).isTrue();
    assertThat(auth.samples()).isEqualTo(71);
    assertThat(auth.measured()).isNaN();
    assertThat(auth.reason())
        .isEqualTo(
            "required < 500 ms, no data: only 71 samples for the p95 of group auth (expected at"
                + " least 72 for a 95 % interval). Run longer or at a higher arrival rate.");
  }

  @Test
  void failsClosedWhenNothingWasMeasured() {
    List<Check> checks =
        VerdictEngine.evaluate(BASELINES, Measurements.EMPTY, EvaluationOptions.defaults());

    assertThat(checks).hasSize(BASELINES.checks().size());
    assertThat(checks).allSatisfy(c -> assertThat(c.status()).isEqualTo(Status.NO_DATA));
    assertThat(checks).allSatisfy(c -> assertThat(c.failsGate()).isTrue());
    assertThat(check(checks, "db.query.mean").reason())
        .isEqualTo(
            "required < 100 ms, no data: no figure db.query.mean in the measurements (expected"
                + " one from the database probe). Run the suite that includes it, or narrow the"
                + " gate.");
    assertThat(check(checks, "latency.download.p95").reason())
        .isEqualTo(
            "required < 2 s, no data: no measured samples for group download (expected a series"
                + " recorded in the measure phase). Check that the suite runs this journey.");
  }

  @Test
  void notGatedChecksAreReportedButCannotFailTheGate() {
    EvaluationOptions options =
        EvaluationOptions.defaults().gating(List.of("latency.auth.*", "errors.*"));

    List<Check> checks = VerdictEngine.evaluate(BASELINES, Measurements.EMPTY, options);

    assertThat(check(checks, "latency.auth.p95").gated()).isTrue();
    assertThat(check(checks, "errors.payment.rate").gated()).isTrue();
    assertThat(check(checks, "latency.payment.p95").gated()).isFalse();
    assertThat(check(checks, "latency.payment.p95").failsGate()).isFalse();
    assertThat(check(checks, "db.query.mean").gated()).isFalse();
  }

  @Test
  void judgesErrorRatesWithTheirInterval() {
    Measurements m =
        new Samples()
            .group("payment", "POST /api/create-checkout", 1_000, Samples.constant(100), 100)
            .group("auth", LOGIN, 4_000, Samples.constant(50), 0)
            .finish();

    List<Check> checks = VerdictEngine.evaluate(BASELINES, m, EvaluationOptions.defaults());

    Check payment = check(checks, "errors.payment.rate");
    assertThat(payment.status()).isEqualTo(Status.FAIL);
    assertThat(payment.measured()).isEqualTo(10.0);
    assertThat(payment.unit()).isEqualTo(dev.loadgate.baseline.Unit.PERCENT);
    assertThat(payment.reason())
        .startsWith("required < 5 %, actual 10 % (95 % CI 8.29–12.02, n=1000)");
    Check all = check(checks, "errors.all.rate");
    assertThat(all.measured()).isEqualTo(2.0);
    assertThat(all.status()).isEqualTo(Status.WARN);
  }

  @Test
  void judgesFiguresAndSaysWhyOneIsMissing() {
    Measurements m =
        Measurements.EMPTY
            .withFigure(new Figure("db.query.mean", 12.5, "ms", 40, "db-probe", "", List.of()))
            .withFigure(new Figure("db.index_hit.ratio", 98.2, "%", 40, "db-probe", "", List.of()))
            .withFigure(
                Figure.missing(
                    "db.lock_wait.max", "ms", "db-probe", "pg_stat_statements is not loaded"))
            .withFigure(
                new Figure("email.bounce.rate", 1.0, "count", 3, "email-probe", "", List.of()));

    List<Check> checks = VerdictEngine.evaluate(BASELINES, m, EvaluationOptions.defaults());

    assertThat(check(checks, "db.query.mean").status()).isEqualTo(Status.PASS);
    assertThat(check(checks, "db.query.mean").reason())
        .isEqualTo("required < 100 ms, actual 12.5 ms (n=40)");
    assertThat(check(checks, "db.index_hit.ratio").status()).isEqualTo(Status.FAIL);
    assertThat(check(checks, "db.index_hit.ratio").comparator()).isEqualTo(">");
    assertThat(check(checks, "db.lock_wait.max").status()).isEqualTo(Status.NO_DATA);
    assertThat(check(checks, "db.lock_wait.max").reason())
        .isEqualTo("required < 50 ms, no data: pg_stat_statements is not loaded");
    assertThat(check(checks, "email.bounce.rate").reason())
        .isEqualTo(
            "required < 2 %, no data: figure email.bounce.rate is in count (expected %). The"
                + " producer and the baselines disagree on the unit.");
  }

  @Test
  void warnsAboveAnAlertsWarningLevelAndFailsAboveItsCriticalLevel() {
    Measurements warm =
        new Samples()
            .request("GET /api/admin/letters", 1_000, Samples.uniform(new Random(4), 2_500, 3_000))
            .finish();
    Measurements hot =
        new Samples()
            .request("GET /api/admin/letters", 1_000, Samples.uniform(new Random(5), 5_500, 6_000))
            .finish();
    Measurements excluded =
        new Samples()
            .request("POST /api/generate-letter", 1_000, Samples.constant(20_000))
            .finish();

    Check warn =
        check(
            VerdictEngine.evaluate(BASELINES, warm, EvaluationOptions.defaults()),
            "latency.api.p95");
    Check fail =
        check(
            VerdictEngine.evaluate(BASELINES, hot, EvaluationOptions.defaults()),
            "latency.api.p95");
    Check none =
        check(
            VerdictEngine.evaluate(BASELINES, excluded, EvaluationOptions.defaults()),
            "latency.api.p95");

    assertThat(warn.status()).isEqualTo(Status.WARN);
    assertThat(warn.reason()).endsWith("; above the warning level 2 s");
    assertThat(fail.status()).isEqualTo(Status.FAIL);
    assertThat(none.status()).isEqualTo(Status.NO_DATA);
  }

  @Test
  void judgesTheEmailBatchByItsSlowestRequest() {
    Measurements m =
        new Samples()
            .request("POST /api/cron/process-email-queue", 3, sequence(60_000, 40_000))
            .finish();

    Check batch =
        check(
            VerdictEngine.evaluate(BASELINES, m, EvaluationOptions.defaults()), "email.batch.max");

    assertThat(batch.status()).isEqualTo(Status.FAIL);
    assertThat(batch.measured()).isCloseTo(140_000, org.assertj.core.api.Assertions.within(200.0));
  }

  @Test
  void addsServiceChecksOnlyForBenchmarkedPaths() {
    Measurements m =
        Measurements.EMPTY.withFigure(
            new Figure("service.auth.p95", 0.8, "ms", 5_000, "jmh", "", List.of()));

    List<Check> checks = VerdictEngine.evaluate(BASELINES, m, EvaluationOptions.defaults());

    assertThat(checks)
        .extracting(Check::id)
        .filteredOn(id -> id.startsWith("service."))
        .containsExactly("service.auth.p95");
    Check service = check(checks, "service.auth.p95");
    assertThat(service.status()).isEqualTo(Status.PASS);
    assertThat(service.limit()).isEqualTo(500.0);
    assertThat(service.title()).isEqualTo("Authentication service time p95 (JMH)");
  }

  @Test
  void judgesEachBenchmarkedStatementAgainstTheQueryMeanLimit() {
    Measurements m =
        Measurements.EMPTY
            .withFigure(new Figure("sql.review_queue.mean", 2.5, "ms", 3, "jmh", "", List.of()))
            .withFigure(
                new Figure("sql.admin_analytics.mean", 140.0, "ms", 3, "jmh", "", List.of()));

    List<Check> checks = VerdictEngine.evaluate(BASELINES, m, EvaluationOptions.defaults());

    assertThat(checks)
        .extracting(Check::id)
        .filteredOn(id -> id.startsWith("sql."))
        .containsExactly("sql.admin_analytics.mean", "sql.review_queue.mean");
    Check slow = check(checks, "sql.admin_analytics.mean");
    assertThat(slow.status()).isEqualTo(Status.FAIL);
    assertThat(slow.limit()).isEqualTo(100.0);
    assertThat(slow.title()).isEqualTo("SQL admin analytics mean (JMH)");
    assertThat(check(checks, "sql.review_queue.mean").status()).isEqualTo(Status.PASS);
  }

  @Test
  void failsARegressionShownBeyondTheTolerance() {
    Measurements before =
        new Samples()
            .group("auth", LOGIN, 3_000, Samples.exponential(new Random(8), 50), 0)
            .finish();
    Measurements after =
        new Samples()
            .group("auth", LOGIN, 3_000, Samples.exponential(new Random(9), 80), 0)
            .finish();
    AcceptedRun accepted = new AcceptedRun("run-a", before, Optional.empty());

    Check auth =
        check(
            VerdictEngine.evaluate(
                BASELINES, after, EvaluationOptions.defaults().against(accepted)),
            "latency.auth.p95");

    assertThat(auth.measured()).isLessThan(500);
    assertThat(auth.status()).isEqualTo(Status.FAIL);
    assertThat(auth.comparison().regressed()).isTrue();
    assertThat(auth.comparison().acceptedRunId()).isEqualTo("run-a");
    assertThat(auth.comparison().deltaPercent()).isBetween(40.0, 80.0);
    assertThat(auth.reason())
        .contains("; regressed +")
        .contains("vs accepted run run-a")
        .contains("beyond the tolerance 10 % and 10 ms (one-sided p=")
        .endsWith(
            "against the tolerance, run-to-run drift 5.0 % (default; run loadgate calibrate))");
  }

  @Test
  void theCalibratedDriftDecidesWhetherAChangeIsShown() {
    Measurements before =
        new Samples()
            .group("auth", LOGIN, 3_000, Samples.lognormal(new Random(8), Math.log(80), 0.3), 0)
            .finish();
    Measurements after =
        new Samples()
            .group("auth", LOGIN, 3_000, Samples.lognormal(new Random(9), Math.log(104), 0.3), 0)
            .finish();
    EvaluationOptions options =
        EvaluationOptions.defaults().against(new AcceptedRun("run-a", before, Optional.empty()));

    Check quiet =
        check(
            VerdictEngine.evaluate(
                BASELINES,
                after,
                options.calibrated(
                    new dev.loadgate.compare.Calibration(0.01, Map.of(), "calibration.json"))),
            "latency.auth.p95");
    Check noisy =
        check(
            VerdictEngine.evaluate(
                BASELINES,
                after,
                options.calibrated(
                    new dev.loadgate.compare.Calibration(
                        0.01, Map.of("latency.auth.p95", 0.2), "calibration.json"))),
            "latency.auth.p95");

    // +30 % on a quiet machine is shown beyond the 10 % tolerance; on one whose p95 drifts by 20 %
    // between runs, the same change is not evidence.
    assertThat(quiet.status()).isEqualTo(Status.FAIL);
    assertThat(quiet.reason()).contains("run-to-run drift 1.0 % (calibrated)");
    assertThat(noisy.status()).isEqualTo(Status.PASS);
    assertThat(noisy.comparison().regressed()).isFalse();
    assertThat(noisy.reason()).contains("not a regression").contains("drift 20.0 % (calibrated)");
  }

  @Test
  void anAcceptedRunThatCannotSupportTheComparisonIsNoData() {
    Measurements thin = new Samples().group("auth", LOGIN, 40, Samples.constant(60), 0).finish();
    Measurements now =
        new Samples()
            .group("auth", LOGIN, 3_000, Samples.exponential(new Random(9), 50), 0)
            .finish();

    Check auth =
        check(
            VerdictEngine.evaluate(
                BASELINES,
                now,
                EvaluationOptions.defaults()
                    .against(new AcceptedRun("thin", thin, Optional.empty()))),
            "latency.auth.p95");

    assertThat(auth.status()).isEqualTo(Status.NO_DATA);
    assertThat(auth.failsGate()).isTrue();
    assertThat(auth.reason())
        .contains("; no comparison with accepted run thin: only 40 samples")
        .endsWith("The relative gate fails closed: accept a run that measured this check.");
  }

  @Test
  void aaRunsOfTheSameDistributionDoNotFail() {
    Random random = new Random(123);
    int regressions = 0;
    for (int trial = 0; trial < 40; trial++) {
      Measurements a =
          new Samples()
              .group("auth", LOGIN, 1_500, Samples.lognormal(random, Math.log(80), 0.6), 10)
              .finish();
      Measurements b =
          new Samples()
              .group("auth", LOGIN, 1_500, Samples.lognormal(random, Math.log(80), 0.6), 10)
              .finish();
      List<Check> checks =
          VerdictEngine.evaluate(
              BASELINES,
              b,
              EvaluationOptions.defaults().against(new AcceptedRun("a", a, Optional.empty())));
      regressions +=
          (int)
              checks.stream()
                  .filter(c -> c.comparison() != null && c.comparison().regressed())
                  .count();
      assertThat(check(checks, "latency.auth.p95").status()).isEqualTo(Status.PASS);
    }
    assertThat(regressions).isZero();
  }

  @Test
  void saysHowTheEnvironmentsDiffer() {
    Environment accepted =
        new Environment(
            "17.0.15 (Debian)", 8, 1L << 32, "Linux", "abc", "embedded", "smoke", Map.of());
    Environment current =
        new Environment(
            "21.0.2 (Eclipse)", 2, 1L << 32, "Linux", "def", "embedded", "smoke", Map.of());

    assertThat(
            new AcceptedRun("r1", Measurements.EMPTY, Optional.of(accepted))
                .environmentDifferences(current))
        .containsExactly(
            "different JDK: accepted run 17.0.15 (Debian), this run 21.0.2 (Eclipse)",
            "different cores: accepted run 8, this run 2");
    assertThat(
            new AcceptedRun("r1", Measurements.EMPTY, Optional.empty())
                .environmentDifferences(current))
        .containsExactly(
            "the accepted run r1 recorded no environment; the comparison cannot say whether the runs are alike");
  }

  @Test
  void rejectsAMalformedGatePattern() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> EvaluationOptions.defaults().gating(List.of("Latency/auth")))
        .hasMessage(
            "gate pattern must be a check id glob of lower-case letters, digits, _ . * ? (expected e.g. \"latency.auth.*\", got \"Latency/auth\")");
  }

  static Check check(List<Check> checks, String id) {
    return checks.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id + " in " + checks));
  }

  /** start, start + step, start + 2 step, ... */
  static java.util.function.DoubleSupplier sequence(double start, double step) {
    double[] next = {start};
    return () -> {
      double v = next[0];
      next[0] += step;
      return v;
    };
  }
}
