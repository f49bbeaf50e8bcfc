package dev.loadgate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loadgate.config.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesLoaderTest {
  /** A valid file with every kind of entry; tests break one thing at a time. */
  static final String VALID =
      """
      schema: loadgate.baselines/v1
      defaults:
        minSamples:
          percentile: auto
          rate: 50
        regression:
          tolerance: 15%
          minLatencyEffect: 20ms
          minRateEffect: 1%
      paths:
        auth:
          title: Authentication
          percentile: 95
          below: 500ms
          severity: baseline
          guide: Performance Baselines
        letter_generation:
          percentile: 95
          below: 30s
          severity: baseline
          guide: Performance Baselines
          regression: { tolerance: 20%, minEffect: 1s }
        payment:
          percentile: 95
          below: 3s
          severity: baseline
          guide: Performance Baselines
        admin_dashboard:
          percentile: 95
          below: 1s
          severity: baseline
          guide: Performance Baselines
        download:
          percentile: 95
          below: 2s
          severity: baseline
          guide: Performance Baselines
      checks:
        errors.all.rate:
          statistic: rate
          source: { requests: all }
          below: 2%
          window: 15min
          severity: critical
          guide: Alert Thresholds
        latency.api.p95:
          percentile: 95
          source: { requests: all, except: ["POST /api/generate-letter"] }
          below: 5s
          warning: 2s
          severity: critical
          guide: Alert Thresholds
        db.index_hit.ratio:
          statistic: value
          source: { figure: db.index_hit.ratio }
          above: 99%
          severity: baseline
          guide: Database Performance
        email.batch.max:
          statistic: max
          source: { request: "POST /api/cron/process-email-queue" }
          below: 2min
          severity: baseline
          guide: Email Delivery
      capacity:
        scalingTriggers:
          database: { metric: CPU, above: 80%, guide: Scaling Triggers }
        growth:
          users: { perMonth: 20%, guide: Growth Projections }
          database: { factor: 10x, guide: Growth Projections }
      """;

  @Test
  void theProjectsOwnBaselinesFileIsValid() {
    // Only validity: numbers are asserted on the test fixture, so editing a real limit breaks no
    // test.
    assertThat(BaselinesLoader.load(Path.of("../baselines/production.yaml")).checks()).isNotEmpty();
  }

  @Test
  void loadsTheFixtureBaselinesWithEveryDocumentedLimit() {
    Baselines baselines = BaselinesLoader.load(Path.of("../test-fixtures/baselines.yaml"));

    assertThat(baselines.paths())
        .extracting(CheckSpec::path)
        .containsExactlyElementsOf(Baselines.REQUIRED_PATHS);
    assertThat(baselines.checks())
        .extracting(CheckSpec::id)
        .containsExactly(
            "latency.auth.p95",
            "latency.letter_generation.p95",
            "latency.payment.p95",
            "latency.admin_dashboard.p95",
            "latency.download.p95",
            "errors.all.rate",
            "errors.payment.rate",
            "errors.letter_generation.rate",
            "latency.api.p95",
            "db.query.mean",
            "db.pool.utilization",
            "db.lock_wait.max",
            "db.index_hit.ratio",
            "email.success.rate",
            "email.delivery.p95",
            "email.batch.max",
            "email.bounce.rate");
    assertThat(baselines.path("auth").orElseThrow().limit()).isEqualTo(500.0);
    assertThat(baselines.path("letter_generation").orElseThrow().limit()).isEqualTo(30_000.0);
    assertThat(baselines.check("email.delivery.p95").orElseThrow().limit()).isEqualTo(300_000.0);
    assertThat(baselines.check("email.batch.max").orElseThrow().limit()).isEqualTo(120_000.0);
    CheckSpec api = baselines.check("latency.api.p95").orElseThrow();
    assertThat(api.limit()).isEqualTo(5_000.0);
    assertThat(api.warning()).isEqualTo(2_000.0);
    assertThat(baselines.check("db.index_hit.ratio").orElseThrow().bound()).isEqualTo(Bound.ABOVE);
    assertThat(baselines.capacity().scalingTriggers()).hasSize(4);
    assertThat(baselines.capacity().growth())
        .extracting(GrowthProjection::name)
        .containsExactly("users", "letters", "database");
  }

  @Test
  void readsEveryKindOfEntryWithItsUnitsAndDefaults() {
    Baselines b = BaselinesLoader.parse(VALID, "valid.yaml");

    CheckSpec auth = b.path("auth").orElseThrow();
    assertThat(auth.id()).isEqualTo("latency.auth.p95");
    assertThat(auth.source()).isEqualTo(new Source.Group("auth"));
    assertThat(auth.statistic()).isEqualTo(Statistic.percentile(new Percentile(95)));
    assertThat(auth.minSamples()).isZero();
    assertThat(auth.regression()).isEqualTo(new Regression(new Percent(15), 20, 1));
    assertThat(b.path("letter_generation").orElseThrow().regression())
        .isEqualTo(new Regression(new Percent(20), 1_000, 1));
    CheckSpec errors = b.check("errors.all.rate").orElseThrow();
    assertThat(errors.unit()).isEqualTo(Unit.PERCENT);
    assertThat(errors.minSamples()).isEqualTo(50);
    assertThat(errors.windowMillis()).isEqualTo(900_000.0);
    assertThat(b.check("latency.api.p95").orElseThrow().source())
        .isEqualTo(new Source.AllRequests(List.of("POST /api/generate-letter")));
    assertThat(b.check("email.batch.max").orElseThrow().source())
        .isEqualTo(new Source.Request("POST /api/cron/process-email-queue"));
    assertThat(b.capacity().growth().get(1).factor()).isEqualTo(10.0);
  }

  @Test
  void reportsAllFiveMistakesOfOneFileWithLineAndColumn() throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/baseline/five-mistakes.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    BaselineException e =
        catchThrowableOfType(
            BaselineException.class, () -> BaselinesLoader.parse(text, "five-mistakes.yaml"));

    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "five-mistakes.yaml:4:17: paths.auth.percentile: percentile 0.95 looks like a"
                + " fraction; percentiles are given in percent (expected 95, got 0.95)",
            "five-mistakes.yaml:10:12: paths.letter_generation.below: duration needs a unit, one"
                + " of us, ms, s, min, h (expected e.g. \"30ms\", got \"30\")",
            "five-mistakes.yaml:18:3: unknown path \"admin_dashbaord\" (expected one of auth,"
                + " letter_generation, payment, admin_dashboard, download). Did you mean"
                + " \"admin_dashboard\"?",
            "five-mistakes.yaml:28:5: duplicate key \"below\" in paths.download (expected each"
                + " key once, first at line 25)",
            "five-mistakes.yaml:36:5: unknown key \"windw\" in checks.errors.all.rate (expected"
                + " one of title, statistic, percentile, source, below, above, warning, severity,"
                + " guide, window, minSamples, regression). Did you mean \"window\"?");
    assertThat(e.getMessage()).startsWith("5 problems in five-mistakes.yaml:\n");
  }

  @Test
  void rejectsAWrongSchemaVersion() {
    assertThat(problems(VALID.replace("loadgate.baselines/v1", "loadgate.baselines/v2")))
        .containsExactly(
            "t.yaml:1:9: schema: unsupported schema version (expected \"loadgate.baselines/v1\","
                + " got \"loadgate.baselines/v2\")");
  }

  @Test
  void rejectsAMissingSchema() {
    assertThat(problems(VALID.replace("schema: loadgate.baselines/v1\n", "")))
        .containsExactly("t.yaml:1:1: missing \"schema\" (expected schema: loadgate.baselines/v1)");
  }

  @Test
  void rejectsADurationWithoutUnit() {
    assertThat(problems(VALID.replace("below: 500ms", "below: 500")))
        .containsExactly(
            "t.yaml:14:12: paths.auth.below: duration needs a unit, one of us, ms, s, min, h"
                + " (expected e.g. \"500ms\", got \"500\")");
  }

  @Test
  void rejectsAnUnknownDurationUnit() {
    assertThat(problems(VALID.replace("below: 500ms", "below: 500 msec")))
        .containsExactly(
            "t.yaml:14:12: paths.auth.below: unknown duration unit \"msec\" (expected one of us,"
                + " ms, s, min, h, got \"500 msec\")");
  }

  @Test
  void rejectsANonDurationText() {
    assertThat(problems(VALID.replace("below: 500ms", "below: fast")))
        .containsExactly(
            "t.yaml:14:12: paths.auth.below: must be a duration such as \"500ms\", \"30s\" or"
                + " \"2min\" (got \"fast\")");
  }

  @Test
  void rejectsNegativeAndZeroLimits() {
    assertThat(
            problems(
                VALID.replace("below: 500ms", "below: -500ms").replace("below: 2%", "below: 0%")))
        .containsExactly(
            "t.yaml:14:12: paths.auth.below: a duration must be positive (expected e.g."
                + " \"500ms\", got \"-500ms\")",
            "t.yaml:42:12: checks.errors.all.rate.below: a percentage must be above 0 and at most"
                + " 100 (expected e.g. \"2%\", got \"0%\")");
  }

  @Test
  void rejectsAPercentileGivenAsAFraction() {
    assertThat(
            problems(
                VALID.replace(
                    "percentile: 95\n    below: 500ms", "percentile: 0.95\n    below: 500ms")))
        .containsExactly(
            "t.yaml:13:17: paths.auth.percentile: percentile 0.95 looks like a fraction;"
                + " percentiles are given in percent (expected 95, got 0.95)");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThat(
            problems(
                VALID.replace(
                    "    guide: Alert Thresholds\n  latency",
                    "    guide: Alert Thresholds\n    below: 3%\n  latency")))
        .containsExactly(
            "t.yaml:46:5: duplicate key \"below\" in checks.errors.all.rate (expected each key"
                + " once, first at line 42)");
  }

  @Test
  void rejectsAMissingRequiredPath() {
    String withoutDownload =
        VALID.replace(
            "  download:\n    percentile: 95\n    below: 2s\n    severity: baseline\n"
                + "    guide: Performance Baselines\n",
            "");
    assertThat(problems(withoutDownload))
        .containsExactly(
            "t.yaml:10:1: paths: missing required path \"download\" (expected a latency limit for"
                + " each of auth, letter_generation, payment, admin_dashboard, download)");
  }

  @Test
  void suggestsTheKnownNameForAnUnknownKeyPathOrCheck() {
    assertThat(
            problems(
                VALID
                    .replace("  auth:", "  atuh:")
                    .replace("    window:", "    windo:")
                    .replace("errors.all.rate:", "errors.al.rate:")))
        .containsExactly(
            "t.yaml:11:3: unknown path \"atuh\" (expected one of auth, letter_generation, payment,"
                + " admin_dashboard, download). Did you mean \"auth\"?",
            "t.yaml:39:3: checks: unknown check id \"errors.al.rate\" (expected a known id or a"
                + " new, distinct one). Did you mean \"errors.all.rate\"?");
  }

  @Test
  void rejectsAPercentageWithoutItsSignForARate() {
    assertThat(problems(VALID.replace("below: 2%", "below: 2")))
        .containsExactly(
            "t.yaml:42:12: checks.errors.all.rate.below: a percentage needs its % sign (expected"
                + " \"2%\", got \"2\")");
  }

  @Test
  void rejectsAWarningLevelOutsideTheLimit() {
    assertThat(problems(VALID.replace("warning: 2s", "warning: 6s")))
        .containsExactly(
            "t.yaml:47:5: checks.latency.api.p95: the warning level must lie inside the limit"
                + " (expected < 5 s, got 6 s)");
  }

  @Test
  void rejectsAnUnknownStatisticAndSeverity() {
    assertThat(
            problems(
                VALID
                    .replace("statistic: max", "statistic: maximum")
                    .replace(
                        "severity: critical\n    guide: Alert",
                        "severity: urgent\n    guide: Alert")))
        .containsExactly(
            "t.yaml:44:15: checks.errors.all.rate.severity: unknown severity (expected one of"
                + " baseline, critical, warning, got \"urgent\").",
            "t.yaml:51:15: checks.latency.api.p95.severity: unknown severity (expected one of"
                + " baseline, critical, warning, got \"urgent\").",
            "t.yaml:60:16: checks.email.batch.max.statistic: unknown statistic \"maximum\""
                + " (expected one of percentile, mean, max, rate, value).");
  }

  @Test
  void rejectsAStatisticThatDoesNotFitItsSource() {
    assertThat(
            problems(
                VALID
                    .replace("below: 2min", "below: 50%")
                    .replace(
                        "statistic: value\n    source: { figure: db.index_hit.ratio }",
                        "statistic: value\n    source: { group: auth }")))
        .containsExactly(
            "t.yaml:56:5: checks.db.index_hit.ratio: statistic value reads a probe figure"
                + " (expected source: { figure: ID }, got group auth)",
            "t.yaml:62:12: checks.email.batch.max.below: the max of request POST"
                + " /api/cron/process-email-queue is a latency (expected a duration such as"
                + " \"500ms\", got \"50%\")");
  }

  @Test
  void reportsInvalidYamlWithItsLocation() {
    assertThat(problems("schema: [unclosed\n"))
        .singleElement()
        .asString()
        .isEqualTo(
            "t.yaml:1:18: not valid YAML: while parsing a flow sequence; expected ',' or ']', but"
                + " got <stream end>");
  }

  @Test
  void reportsAMissingFileWithAHint() {
    BaselineException e =
        catchThrowableOfType(
            BaselineException.class, () -> BaselinesLoader.load(Path.of("no/such.yaml")));
    assertThat(e.getMessage())
        .isEqualTo(
            "no/such.yaml: no such file (expected a baselines YAML file, got a path that does"
                + " not exist). Pass --baselines FILE or run from the checkout root.");
  }

  @Test
  void rejectsMinSamplesBeyondWhatARunCanRecord() {
    assertThat(problems(VALID.replace("rate: 50", "rate: 100000000000000000000000")))
        .containsExactly(
            "t.yaml:5:11: defaults.minSamples.rate: must be a whole number of samples from 1 to"
                + " 10,000,000 (got \"100000000000000000000000\")");
    assertThat(problems(VALID.replace("rate: 50", "rate: 1e23")))
        .containsExactly(
            "t.yaml:5:11: defaults.minSamples.rate: must be a whole number of samples from 1 to"
                + " 10,000,000 (got \"1e23\")");
  }

  @Test
  void rejectsAGrowthFactorOutOfRange() {
    assertThat(problems(VALID.replace("factor: 10x", "factor: 1e400x")))
        .containsExactly(
            "t.yaml:70:25: capacity.growth.database.factor: must be a growth factor above 1 and at"
                + " most 1000 such as \"10x\" (got \"1e400x\")");
  }

  @Test
  void rejectsAPercentileFinerThanTheEngineCanSize() {
    assertThat(
            problems(
                VALID.replace(
                    "percentile: 95\n    below: 500ms",
                    "percentile: 99.9999999\n    below: 500ms")))
        .containsExactly(
            "t.yaml:13:17: paths.auth.percentile: percentile 99.9999999 is finer than a run can be"
                + " sized for (expected at most 99.99, with at most two decimals, got 99.9999999)");
  }

  @Test
  void rejectsAnAliasClearlyInsteadOfReadingItsName() {
    assertThat(
            problems(
                VALID
                    .replace("below: 500ms", "below: &lim 500ms")
                    .replace("below: 2s\n", "below: *lim\n")))
        .containsExactly(
            "t.yaml:35:12: paths.download.below: YAML aliases are not supported (expected the"
                + " value written out, got *lim). Repeat the value instead.");
  }

  @Test
  void rejectsASecondDocument() {
    assertThat(problems(VALID + "---\nschema: loadgate.baselines/v1\n"))
        .containsExactly(
            "t.yaml:72:1: a second YAML document (expected one document per file, got another"
                + " after \"---\"). Remove it or move it to a file of its own.");
  }

  @Test
  void aNewCheckInTheFileNeedsNoJavaChange() {
    Baselines b = BaselinesLoader.load(Path.of("../test-fixtures/baselines-new-check.yaml"));

    CheckSpec download = b.check("errors.download.rate").orElseThrow();
    assertThat(download.source()).isEqualTo(new Source.Group("download"));
    assertThat(download.unit()).isEqualTo(Unit.PERCENT);
    assertThat(download.limit()).isEqualTo(1.0);
  }

  private static List<String> problems(String text) {
    BaselineException e =
        catchThrowableOfType(BaselineException.class, () -> BaselinesLoader.parse(text, "t.yaml"));
    assertThat(e).as("expected the text to be rejected").isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }
}
