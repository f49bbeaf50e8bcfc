package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryMarkdownTest {
  @Test
  void matchesTheGoldenFile() {
    ReportFixtures.assertGolden("summary.md", SummaryMarkdown.render(ReportFixtures.result()));
  }

  @Test
  void startsWithTheVerdictAndListsFailuresFirst() {
    List<String> lines = SummaryMarkdown.render(ReportFixtures.result()).lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "### ❌ loadgate FAIL: 2 of 6 gated checks failed, 1 warning, 1 ungated without data");
    List<String> rows = lines.stream().filter(l -> l.startsWith("| ")).skip(1).toList();
    assertThat(rows).hasSize(8);
    assertThat(rows.get(0))
        .startsWith(
            "| Authentication p95 `latency.auth.p95` | < 500 ms | 612 ms (590–640) | 2400 |")
        .contains("**+27.5 % (+132 ms) regressed**")
        .endsWith("| **❌ FAIL** |");
    assertThat(rows.get(1)).contains("`latency.download.p95`").endsWith("| **❌ NO DATA** |");
    assertThat(rows.get(7)).contains("`service.auth.p95`").endsWith("| ✅ PASS (not gated) |");
  }

  @Test
  void escapesPipesInCellsAndTagsInNotes() {
    dev.loadgate.verdict.Check piped =
        new dev.loadgate.verdict.Check(
            "errors.all.rate",
            "errors | all",
            dev.loadgate.verdict.Status.PASS,
            true,
            1,
            "<",
            2,
            "%",
            100,
            null,
            null,
            "",
            "");
    RunResult result =
        new RunResult(
            ReportFixtures.metadata(ReportFixtures.RUN_ID),
            true,
            "",
            List.of(piped),
            dev.loadgate.measure.Measurements.EMPTY,
            List.of("a <script>alert(1)</script> note"));
    String md = SummaryMarkdown.render(result);
    assertThat(md).contains("| errors \\| all `errors.all.rate` |");
    assertThat(md).contains("- a &lt;script>alert(1)&lt;/script> note").doesNotContain("<script>");
  }

  @Test
  void incompleteRunSaysWhyOnTheFirstLine() {
    String md = SummaryMarkdown.render(ReportFixtures.incomplete());
    assertThat(md.lines().findFirst())
        .hasValue(
            "### ⛔ loadgate INCOMPLETE: target unhealthy: GET /api/health answered 503 three times");
  }

  @Test
  void passWithWarningsIsStillAPass() {
    RunResult warn =
        new RunResult(
            ReportFixtures.metadata(ReportFixtures.RUN_ID),
            true,
            "",
            List.of(
                CheckTextTest.byId("latency.payment.p95"), CheckTextTest.byId("errors.all.rate")),
            dev.loadgate.measure.Measurements.EMPTY,
            List.of());
    assertThat(SummaryMarkdown.verdictLine(warn))
        .isEqualTo("⚠️ loadgate PASS with warnings: all 2 gated checks passed, 1 warning");
    assertThat(warn.exitCode()).isZero();
  }
}
