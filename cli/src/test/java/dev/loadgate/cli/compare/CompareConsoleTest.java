package dev.loadgate.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.compare.Change;
import dev.loadgate.compare.CompareOptions;
import dev.loadgate.compare.CompareResult;
import dev.loadgate.compare.PathComparison;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareConsoleTest {
  private static PathComparison row(String id, Change change, boolean gated, double a, double b) {
    return new PathComparison(
        id,
        id,
        gated,
        change,
        150,
        150,
        a,
        b,
        b / a,
        0.9,
        1.5,
        b / a,
        0.95,
        1.4,
        0.001,
        0.9,
        "p95 " + a + " → " + b + " ms");
  }

  @Test
  void regressionsComeFirstWithTheirReasonsAndTheVerdictLast() {
    CompareResult result =
        new CompareResult(
            "20261202T150000Z-compare-smoke",
            Instant.EPOCH,
            Instant.EPOCH,
            null,
            "embedded",
            "embedded [auth=+40ms]",
            1,
            CompareOptions.DEFAULT,
            true,
            null,
            List.of(
                row("latency.download.p95", Change.SAME, true, 40, 41),
                row("latency.auth.p95", Change.REGRESSED, true, 120, 180),
                row("latency.letter_generation.p95", Change.IMPROVED, false, 25_000, 20_000)),
            null,
            null,
            List.of());

    List<String> lines = CompareConsole.render(result).lines().toList();

    assertThat(lines.get(0)).startsWith("change     check");
    assertThat(lines.get(1)).startsWith("REGRESSED  latency.auth.p95").contains("×1.50");
    assertThat(lines.get(2))
        .startsWith("IMPROVED*  latency.letter_generation.p95")
        .contains("25.00 s")
        .contains("20.00 s");
    assertThat(lines.get(3)).startsWith("SAME       latency.download.p95");
    assertThat(lines).contains("* not gated in this suite: reported, never failing the comparison");
    assertThat(lines).contains("REGRESSED latency.auth.p95: p95 120.0 → 180.0 ms");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("verdict: REGRESSED (exit 1): 1 of 2 gated checks regressed");
  }
}
