package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KneeSearchTest {
  private static final StaircasePlan PLAN =
      new StaircasePlan(2, 1.5, 40, Duration.ofSeconds(5), Duration.ofSeconds(20), 2);

  /** A target whose auth p95 crosses 500 ms above {@code kneeRate}, all else passing. */
  static CapacityStep step(double rate, String kind, double kneeRate, int index) {
    double p95 = rate <= kneeRate ? 200 : 900;
    Status status = p95 < 500 ? Status.PASS : Status.FAIL;
    Check auth =
        new Check(
            "latency.auth.p95",
            "auth p95",
            status,
            true,
            p95,
            "<",
            500,
            "ms",
            200,
            null,
            null,
            "required < 500 ms, actual " + p95 + " ms",
            "");
    return new CapacityStep(
        index,
        kind,
        rate,
        Duration.ofSeconds(20),
        rate,
        rate * 0.3,
        List.of(auth),
        List.of(),
        Double.NaN,
        "",
        Double.NaN,
        "");
  }

  @Test
  void stopsAtTheFirstBreakAndBisectsTheKneeToWithinAQuarterStep() {
    List<CapacityStep> seen = new ArrayList<>();
    Knee knee =
        KneeSearch.run(PLAN, (rate, kind) -> step(rate, kind, 7.5, seen.size() + 1), seen::add);

    // Stairs 2, 3, 4.5, 6.75 hold and 10.125 breaks; bisection: 8.27 breaks, 7.47 holds.
    assertThat(knee.steps())
        .extracting(CapacityStep::kind)
        .containsExactly("stair", "stair", "stair", "stair", "stair", "bisect", "bisect");
    assertThat(knee.heldRatePerSec()).isBetween(7.0, 7.5);
    assertThat(knee.brokeRatePerSec()).isBetween(7.5, 8.5);
    assertThat(knee.firstFailure()).get().extracting(Check::id).isEqualTo("latency.auth.p95");
    assertThat(seen).isEqualTo(knee.steps());
  }

  @Test
  void aKneeBeyondTheHighestStepIsOnlyALowerBound() {
    Knee knee = KneeSearch.run(PLAN, (rate, kind) -> step(rate, kind, 1000, 1), s -> {});

    assertThat(knee.bracketed()).isFalse();
    assertThat(knee.brokeRatePerSec()).isNaN();
    assertThat(knee.heldRatePerSec())
        .isCloseTo(
            PLAN.stairRates().get(PLAN.stairRates().size() - 1),
            org.assertj.core.api.Assertions.within(1e-9));
    assertThat(knee.steps()).allMatch(s -> s.kind().equals("stair"));
  }

  @Test
  void undecidedStepsNeitherStopTheStaircaseNorCountAsTheKnee() {
    Knee knee =
        KneeSearch.run(
            PLAN,
            (rate, kind) -> {
              if (rate < 4) {
                Check none =
                    new Check(
                        "latency.auth.p95",
                        "auth p95",
                        Status.NO_DATA,
                        true,
                        Double.NaN,
                        "<",
                        500,
                        "ms",
                        30,
                        null,
                        null,
                        "no data",
                        "");
                return new CapacityStep(
                    1,
                    kind,
                    rate,
                    Duration.ofSeconds(20),
                    rate,
                    1,
                    List.of(none),
                    List.of(),
                    Double.NaN,
                    "",
                    Double.NaN,
                    "");
              }
              return step(rate, kind, 5, 1);
            },
            s -> {});

    assertThat(knee.steps().get(0).outcome()).isEqualTo(StepOutcome.UNDECIDED);
    assertThat(knee.heldRatePerSec()).isBetween(4.5, 5.0);
    assertThat(knee.brokeRatePerSec()).isLessThanOrEqualTo(6.75);
  }

  @Test
  void anUndecidedStepJustBelowTheBreakIsConfirmedBeforeTheBisection() {
    List<String> kinds = new ArrayList<>();
    Knee knee =
        KneeSearch.run(
            PLAN,
            (rate, kind) -> {
              kinds.add(kind);
              if (rate < 5 && kind.equals("stair")) {
                Check few =
                    new Check(
                        "latency.auth.p95",
                        "auth p95",
                        Status.NO_DATA,
                        true,
                        Double.NaN,
                        "<",
                        500,
                        "ms",
                        40,
                        null,
                        null,
                        "no data",
                        "");
                return new CapacityStep(
                    1,
                    kind,
                    rate,
                    Duration.ofSeconds(20),
                    rate,
                    1,
                    List.of(few),
                    List.of(),
                    Double.NaN,
                    "",
                    Double.NaN,
                    "");
              }
              return step(rate, kind, 5.5, 1);
            },
            s -> {});

    // Stairs 2, 3, 4.5 undecided, 6.75 breaks; 4.5 again, longer, holds; then bisection.
    assertThat(kinds).startsWith("stair", "stair", "stair", "stair", "confirm", "bisect");
    assertThat(knee.heldRatePerSec()).isBetween(4.5, 5.5);
    assertThat(knee.bracketed()).isTrue();
  }
}
