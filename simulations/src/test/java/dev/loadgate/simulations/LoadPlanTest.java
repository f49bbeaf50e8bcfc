package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.targets.TargetProfile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadPlanTest {
  private static final TargetProfile TARGET =
      TargetProfile.builder(URI.create("http://127.0.0.1:1"))
          .stripeSecretKey("sk_live_abc")
          .build();

  private static final String SUITES =
      """
      schema: loadgate.suites/v1
      suites:
        soaked:
          warmup: 10s
          duration: 10min
          soak: {duration: 30min, rate: 50%}
          journeys: {auth: 4/s, payment: 1/s}
          caps: {maxRate: 10/s, maxDuration: 1h}
      """;

  private static LoadPlan plan(Optional<Duration> override, double scale) {
    Suite suite = Suites.parse("s.yaml", SUITES, ItSuites.baselines()).get("soaked");
    return new LoadPlan(TARGET, suite, override, scale, Path.of("target"), false);
  }

  @Test
  void keepsTheSuitesStagesWithoutOverride() {
    LoadPlan plan = plan(Optional.empty(), 1);

    assertThat(plan.measuredStages())
        .containsExactly(
            new LoadPlan.Stage(Duration.ofMinutes(10), 1.0),
            new LoadPlan.Stage(Duration.ofMinutes(30), 0.5));
    assertThat(plan.totalDuration()).isEqualTo(Duration.ofSeconds(10 + 40 * 60));
  }

  @Test
  void splitsAnOverrideInTheSuitesProportion() {
    LoadPlan plan = plan(Optional.of(Duration.ofMinutes(8)), 1);

    assertThat(plan.measuredStages())
        .containsExactly(
            new LoadPlan.Stage(Duration.ofMinutes(2), 1.0),
            new LoadPlan.Stage(Duration.ofMinutes(6), 0.5));
  }

  @Test
  void scalesRatesAndReportsCapViolations() {
    LoadPlan plan = plan(Optional.of(Duration.ofHours(2)), 3);

    assertThat(plan.arrivalRatePerSec("auth")).isEqualTo(12.0);
    assertThat(plan.arrivalRatePerSec("download")).isZero();
    assertThat(plan.capViolations())
        .containsExactly(
            "suite soaked: arrival rate exceeds its cap (expected at most 10/s, got 15/s after"
                + " --rate-scale 3). Lower --rate-scale or pass --override-caps.",
            "suite soaked: run time exceeds its cap (expected at most 1h, got 7210s warm-up and"
                + " measured together). Shorten --duration or pass --override-caps.");
  }

  @Test
  void refusesSyntheticPaymentsAgainstALiveStripeKey() {
    LoadPlan plan = plan(Optional.of(Duration.ofSeconds(5)), 1);

    assertThat(LoadRunner.problems(plan))
        .anyMatch(
            p ->
                p.startsWith(
                    "payment: refusing to send synthetic payments to a target with a live Stripe"
                        + " key"))
        .noneMatch(p -> p.contains("sk_live_abc"));
    LoadOutcome outcome = LoadRunner.run(plan, SampleSinkHolder.NONE, List.of());
    assertThat(outcome.completed()).isFalse();
    assertThat(outcome.problem()).contains("live Stripe key");
  }

  @Test
  void rejectsNonPositiveScaleAndDuration() {
    assertThatThrownBy(() -> plan(Optional.empty(), 0))
        .hasMessage("rate scale must be above 0 (expected e.g. 0.5 or 2, got 0.0)");
    assertThatThrownBy(() -> plan(Optional.of(Duration.ZERO), 1))
        .hasMessage("duration must be positive (expected e.g. 30s, got PT0S)");
  }

  /** Keeps the import list of the test short. */
  private static final class SampleSinkHolder {
    static final dev.loadgate.simulations.recording.SampleSink NONE =
        dev.loadgate.simulations.recording.SampleSink.NONE;
  }
}
