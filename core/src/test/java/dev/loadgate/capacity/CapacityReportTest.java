package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CapacityReportTest {
  private final CapacityReport report = CapacityFixtures.report();

  @Test
  void theKneeIsBracketedAndAuthBreaksFirst() {
    Knee knee = report.primary().knee();

    // auth p95 = 120 ms × e^(rate/7) with a ±5 % interval: PASS below 9.65/s, WARN (holds) up to
    // 10.35/s, FAIL above. Stairs 2 … 10.125 hold, 15.19 breaks; bisection 12.4 and 11.2 break.
    assertThat(knee.bracketed()).isTrue();
    assertThat(knee.heldRatePerSec()).isBetween(9.6, 10.35);
    assertThat(knee.brokeRatePerSec()).isBetween(10.35, 12.5);
    assertThat(knee.firstFailure().orElseThrow().id()).isEqualTo("latency.auth.p95");
  }

  @Test
  void theUslFitRecoversTheModelBehindTheSteps() {
    UslFit fit = report.usl().value().orElseThrow();

    assertThat(fit.model().lambda()).isCloseTo(1.2, within(0.012));
    assertThat(fit.model().kappa()).isCloseTo(0.004, within(0.0001));
  }

  @Test
  void runwayCountsTheMonthsUntilTheKneeAndTheTriggersAndListsUnobservableOnes() {
    double months = report.knee().months();
    Runway runway = report.runway().orElseThrow();

    assertThat(runway.rateAfter(months)).isCloseTo(report.knee().ratePerSec(), within(1e-6));
    CapacityReport.TriggerRunway storage =
        report.triggers().stream()
            .filter(t -> t.name().equals("storage"))
            .findFirst()
            .orElseThrow();
    assertThat(storage.measured()).isFalse();
    assertThat(storage.runway().note()).startsWith("not measured: a load test does not observe");
    CapacityReport.TriggerRunway db =
        report.triggers().stream()
            .filter(t -> t.name().equals("database"))
            .findFirst()
            .orElseThrow();
    // db CPU = 5 + 2.5 × rate reaches 80 % at 30/s, beyond the highest step (15.2/s).
    assertThat(db.measured()).isTrue();
    assertThat(db.runway().ratePerSec()).isCloseTo(30, within(1e-6));
    assertThat(db.runway().note()).contains("extrapolated beyond the highest step, 15/s");
    assertThat(report.exitCode()).isEqualTo(report.runwayMonths() >= 3 ? 0 : 1);
  }

  @Test
  void jsonCarriesTheSchemaTheKneeAndEveryStep() throws Exception {
    JsonNode json = new ObjectMapper().readTree(CapacityJson.render(report));

    assertThat(json.path("schema").asText()).isEqualTo("loadgate.capacity/v1");
    assertThat(json.path("staircases").get(0).path("steps"))
        .hasSize(report.primary().knee().steps().size());
    assertThat(
            json.path("staircases").get(0).path("knee").path("firstFailure").path("check").asText())
        .isEqualTo("latency.auth.p95");
    assertThat(json.path("usl").path("kappa").path("value").asDouble()).isGreaterThan(0);
    assertThat(json.path("runway").path("triggers")).hasSize(3);
  }

  @Test
  void markdownAndHtmlSayWhatBrokeFirstWithNumbers() {
    String md = CapacityText.markdown(report);
    String html = CapacityHtml.render(report);

    assertThat(md).contains("first to break: latency.auth.p95: required < 500 ms, actual");
    assertThat(md).contains("| storage | Storage capacity used | > 75 % | not measured |");
    assertThat(html).contains("<svg").contains("USL: throughput against concurrency");
    assertThat(html).contains("latency.auth.p95 against load").contains("limit 500 ms");
    assertThat(html).contains("Runway: projected load by month");
  }

  @Test
  void reportsAreTheSameUnderAnyDefaultLocale() {
    String md = CapacityText.markdown(report);
    String html = CapacityHtml.render(report);
    String json = CapacityJson.render(report);
    Locale original = Locale.getDefault();
    try {
      for (Locale locale :
          new Locale[] {Locale.GERMANY, new Locale("tr", "TR"), new Locale("ar", "EG")}) {
        Locale.setDefault(locale);
        assertThat(CapacityText.markdown(report)).isEqualTo(md);
        assertThat(CapacityHtml.render(report)).isEqualTo(html);
        assertThat(CapacityJson.render(report)).isEqualTo(json);
      }
    } finally {
      Locale.setDefault(original);
    }
  }

  @Test
  void dataGrowthSetsTheKneesAndTheSharedStepsSideBySide() {
    Knee tenfold =
        KneeSearch.run(
            CapacityFixtures.PLAN,
            (rate, kind) -> CapacityFixtures.step(1, kind, rate * 1.3),
            s -> {});
    CapacityReport both =
        CapacityAnalysis.analyse(
            new CapacityAnalysis.Header(
                report.runId(),
                report.started(),
                report.finished(),
                report.target(),
                report.mix(),
                report.shares(),
                report.plan()),
            java.util.List.of(report.primary(), new CapacityReport.Staircase(10, renamed(tenfold))),
            report.runway(),
            report.runwaySource(),
            CapacityFixtures.triggers(),
            3,
            "",
            java.util.List.of());

    java.util.List<String> lines = CapacityText.dataGrowth(both);

    assertThat(lines.get(0))
        .startsWith("seed 10x against 1x: knee held ")
        .contains(" against held 10/s");
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("at 2.0/s: latency.auth.p95 159.7 ms → 174 ms"));
    assertThat(CapacityText.markdown(both))
        .contains("## Data growth")
        .contains("## Steps at seed scale 10x");
  }

  /** A staircase run at rates × 1.3, shown at the 1x rates: the same load costs 1.3 times more. */
  private static Knee renamed(Knee knee) {
    java.util.List<CapacityStep> steps = new java.util.ArrayList<>();
    for (CapacityStep s : knee.steps()) {
      steps.add(
          new CapacityStep(
              s.index(),
              s.kind(),
              s.offeredRatePerSec() / 1.3,
              s.measured(),
              s.achievedPerSec(),
              s.concurrency(),
              s.checks(),
              s.figures(),
              s.targetCpuPercent(),
              s.targetCpuSource(),
              s.dbCpuPercent(),
              s.dbCpuSource()));
    }
    return new Knee(
        steps, knee.heldRatePerSec() / 1.3, knee.brokeRatePerSec() / 1.3, knee.firstFailure());
  }
}
