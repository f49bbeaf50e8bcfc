package dev.loadgate.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunSizingTest {
  @Test
  void printsPerGatedJourneyCheckWhatDecidingTakesAtTheSuitesRates() {
    List<String> lines =
        RunSizing.lines(
            VerdictEngineTest.BASELINES,
            EvaluationOptions.defaults().gating(List.of("latency.auth.*", "errors.payment.rate")),
            0.10,
            journey -> journey.equals("auth") ? 2.0 : 1.5,
            75);

    assertThat(lines)
        .containsExactly(
            "sizing: latency.auth.p95 decides a fast path after 115 samples (58 s at 2/s); a"
                + " p95 10 % off its limit after about 5347 (45 min at 2/s): this run (at most"
                + " 75 s) leaves such a path undecided (WARN)",
            "sizing: errors.payment.rate decides an error-free run after 115 requests (77 s at"
                + " 1.5/s)");
  }

  @Test
  void aLargerEffectToDetectNeedsFewerSamples() {
    List<String> lines =
        RunSizing.lines(
            VerdictEngineTest.BASELINES,
            EvaluationOptions.defaults().gating(List.of("latency.auth.*")),
            0.30,
            journey -> 100.0,
            600);

    assertThat(lines)
        .singleElement()
        .asString()
        .contains("30 % off its limit after about 639 (6 s at 100/s)");
    assertThat(lines.get(0)).doesNotContain("undecided");
  }
}
