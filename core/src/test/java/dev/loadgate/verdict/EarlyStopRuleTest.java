package dev.loadgate.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EarlyStopRuleTest {
  private static final EvaluationOptions AUTH_AND_ERRORS =
      EvaluationOptions.defaults().gating(List.of("latency.auth.p95", "errors.all.rate", "db.*"));

  private static List<Check> judge(int samples, double millis) {
    Measurements m =
        new Samples()
            .group("auth", VerdictEngineTest.LOGIN, samples, Samples.constant(millis), 0)
            .finish();
    return VerdictEngine.evaluate(VerdictEngineTest.BASELINES, m, AUTH_AND_ERRORS);
  }

  @Test
  void stopsOnceEveryGatedSampleCheckIsDecidedWhateverTheProbeFiguresSay() {
    List<Check> checks = judge(300, 50);

    assertThat(VerdictEngineTest.check(checks, "latency.auth.p95").status()).isEqualTo(Status.PASS);
    assertThat(VerdictEngineTest.check(checks, "errors.all.rate").status()).isEqualTo(Status.PASS);
    assertThat(VerdictEngineTest.check(checks, "db.query.mean").status()).isEqualTo(Status.NO_DATA);
    assertThat(EarlyStopRule.decided(VerdictEngineTest.BASELINES, checks)).isTrue();
  }

  @Test
  void aWarnForTheAlertsWarningLevelIsDecided() {
    List<Check> checks =
        VerdictEngine.evaluate(
            VerdictEngineTest.BASELINES,
            new Samples()
                .group("auth", VerdictEngineTest.LOGIN, 300, Samples.constant(3_000), 0)
                .finish(),
            EvaluationOptions.defaults().gating(List.of("latency.api.p95", "errors.all.rate")));

    assertThat(VerdictEngineTest.check(checks, "latency.api.p95").status()).isEqualTo(Status.WARN);
    assertThat(EarlyStopRule.decided(VerdictEngineTest.BASELINES, checks)).isTrue();
  }

  @Test
  void aGatedFailIsDecidedToo() {
    assertThat(EarlyStopRule.decided(VerdictEngineTest.BASELINES, judge(300, 900))).isTrue();
  }

  @Test
  void goesOnWhileAGatedCheckIsUndecidedOrShortOfData() {
    // 200 fast requests: the p95 is shown below its limit, the 2 % budget needs 261 clean ones.
    assertThat(EarlyStopRule.decided(VerdictEngineTest.BASELINES, judge(200, 50))).isFalse();
    assertThat(EarlyStopRule.decided(VerdictEngineTest.BASELINES, judge(50, 50))).isFalse();
    List<Check> nearTheLimit =
        VerdictEngine.evaluate(
            VerdictEngineTest.BASELINES,
            new Samples()
                .group(
                    "auth",
                    VerdictEngineTest.LOGIN,
                    400,
                    Samples.lognormal(new Random(4), Math.log(500) - 1.645 * 0.5, 0.5),
                    0)
                .finish(),
            AUTH_AND_ERRORS);
    assertThat(VerdictEngineTest.check(nearTheLimit, "latency.auth.p95").status())
        .isEqualTo(Status.WARN);
    assertThat(EarlyStopRule.decided(VerdictEngineTest.BASELINES, nearTheLimit)).isFalse();
  }
}
