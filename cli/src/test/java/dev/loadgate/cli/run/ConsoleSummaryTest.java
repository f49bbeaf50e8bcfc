package dev.loadgate.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import dev.loadgate.report.RunMetadata;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Comparison;
import dev.loadgate.verdict.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {
  private static Check check(
      String id, Status status, boolean gated, double measured, double limit, String unit) {
    return new Check(
        id,
        id,
        status,
        gated,
        measured,
        "<",
        limit,
        unit,
        1234,
        null,
        null,
        "required < " + limit + " " + unit + ", actual " + measured,
        "");
  }

  private static RunResult result(boolean complete, List<Check> checks) {
    Instant at = Instant.parse("2026-11-29T08:00:00Z");
    return new RunResult(
        new RunMetadata(
            "20261129T080000Z-smoke",
            at,
            at,
            new Environment("17", 2, 1, "Linux", "abc", "embedded", "smoke", Map.of()),
            "baselines/production.yaml",
            null),
        complete,
        complete ? "" : "preflight: the target is unreachable",
        checks,
        Measurements.EMPTY,
        List.of());
  }

  @Test
  void listsGateFailuresFirstWithUnitsAndExplainsThemBelowTheTable() {
    String text =
        ConsoleSummary.render(
            result(
                true,
                List.of(
                    check("latency.auth.p95", Status.PASS, true, 212, 500, "ms"),
                    check("latency.letter_generation.p95", Status.FAIL, true, 31_500, 30_000, "ms"),
                    check("errors.all.rate", Status.WARN, false, 1.5, 2, "%"),
                    check("latency.download.p95", Status.NO_DATA, true, Double.NaN, 2000, "ms"))));

    assertThat(text.lines())
        .containsExactly(
            "status  check                               measured            limit   samples",
            "NO_DATA latency.download.p95                       -            < 2 s     1,234",
            "FAIL    latency.letter_generation.p95         31.5 s           < 30 s     1,234",
            "WARN*   errors.all.rate                        1.5 %            < 2 %     1,234",
            "PASS    latency.auth.p95                      212 ms         < 500 ms     1,234",
            "* not gated in this suite: reported, never failing the run",
            "",
            "NO_DATA latency.download.p95: required < 2000.0 ms, actual NaN",
            "FAIL latency.letter_generation.p95: required < 30000.0 ms, actual 31500.0",
            "verdict: FAIL (exit 1): 2 of 3 gated checks failed or had no data");
  }

  @Test
  void showsTheChangeAgainstAnAcceptedRunAndMarksARegression() {
    Check slower =
        new Check(
            "latency.auth.p95",
            "Authentication p95",
            Status.FAIL,
            true,
            180,
            "<",
            500,
            "ms",
            1234,
            null,
            new Comparison("20261129T071502Z-smoke", 120, null, 60, 50, true),
            "regressed",
            "");
    Check same =
        new Check(
            "errors.all.rate",
            "System error rate",
            Status.PASS,
            true,
            0,
            "<",
            2,
            "%",
            1234,
            null,
            new Comparison("20261129T071502Z-smoke", 0, null, 0, Double.NaN, false),
            "",
            "");

    String text =
        ConsoleSummary.render(
            result(
                true,
                List.of(same, slower, check("db.query.mean", Status.PASS, true, 1, 100, "ms"))));

    assertThat(text.lines().limit(4))
        .containsExactly(
            "status  check                  measured            limit   samples          vs accepted",
            "FAIL    latency.auth.p95         180 ms         < 500 ms     1,234    +50.0 % REGRESSED",
            "PASS    db.query.mean              1 ms         < 100 ms     1,234                    -",
            "PASS    errors.all.rate             0 %            < 2 %     1,234                  0 %");
  }

  @Test
  void leavesTheChangeColumnOutWithoutAnAcceptedRun() {
    String text =
        ConsoleSummary.render(
            result(true, List.of(check("latency.auth.p95", Status.PASS, true, 212, 500, "ms"))));

    assertThat(text).doesNotContain("vs accepted");
    assertThat(text.lines().findFirst())
        .hasValue("status  check                  measured            limit   samples");
  }

  @Test
  void anIncompleteRunGivesItsOneReasonInTheVerdictLine() {
    String text =
        ConsoleSummary.render(
            result(
                false,
                List.of(check("latency.auth.p95", Status.NO_DATA, true, Double.NaN, 500, "ms"))));

    assertThat(text)
        .doesNotContain("NO_DATA latency.auth.p95: required")
        .endsWith("verdict: FAIL (exit 3): run incomplete: preflight: the target is unreachable");
  }

  @Test
  void aPassingRunCountsItsWarnings() {
    assertThat(
            ConsoleSummary.verdictLine(
                result(
                    true,
                    List.of(
                        check("latency.auth.p95", Status.PASS, true, 212, 500, "ms"),
                        check("latency.api.p95", Status.WARN, true, 2500, 5000, "ms")))))
        .isEqualTo("verdict: WARN (exit 0): all 2 gated checks passed, 1 warn");
  }
}
