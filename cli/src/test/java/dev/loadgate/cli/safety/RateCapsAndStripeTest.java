package dev.loadgate.cli.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateCapsAndStripeTest {
  private final RateCaps caps = new RateCaps("smoke", 10, Duration.ofMinutes(5), Optional.empty());

  @Test
  void withinTheCapsThereIsNoProblem() {
    assertThat(caps.problems(10, Duration.ofMinutes(5), false)).isEmpty();
  }

  @Test
  void breakingTheRateCapIsRefusedUnlessOverridden() {
    assertThat(caps.problems(12.5, Duration.ofMinutes(1), false))
        .containsExactly(
            "suite smoke: the planned arrival rate breaks the suite's cap (expected at most 10.00"
                + " users/s, got 12.50 users/s). Lower --rate-scale, or pass --override-caps if"
                + " the target can take it.");
    assertThat(caps.problems(12.5, Duration.ofMinutes(1), true)).isEmpty();
  }

  @Test
  void breakingTheDurationCapIsRefusedUnlessOverridden() {
    assertThat(caps.problems(1, Duration.ofMinutes(6), false))
        .containsExactly(
            "suite smoke: the planned load lasts longer than the suite's cap (expected at most"
                + " 300s, got 360s). Shorten --duration, or pass --override-caps.");
    assertThat(caps.problems(1, Duration.ofMinutes(6), true)).isEmpty();
  }

  @Test
  void theUsersOwnCapIsNeverLiftedByOverrideCaps() {
    RateCaps capped = new RateCaps("smoke", 10, Duration.ofMinutes(5), Optional.of(2.0));
    assertThat(capped.problems(3, Duration.ofMinutes(1), true))
        .containsExactly(
            "--max-rate: the planned arrival rate is above your cap (expected at most 2.00"
                + " users/s, got 3.00 users/s). Lower --rate-scale.");
  }

  @Test
  void liveStripeKeysAreRefusedWithoutQuotingThem() {
    String live = "sk_live_" + "51AbCdEfGhIjKlMnOp";
    assertThat(StripeKeyGuard.problem(live, true))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("STRIPE_SECRET_KEY: the payment journey refuses live Stripe keys")
                    .contains("got a key starting sk_live_…")
                    .doesNotContain("51AbCdEf"));
    assertThat(StripeKeyGuard.problem("rk_live_x", true)).isPresent();
    assertThat(StripeKeyGuard.problem(live, false)).isEmpty();
    assertThat(StripeKeyGuard.problem("sk_test_abc", true)).isEmpty();
    assertThat(StripeKeyGuard.problem(null, true)).isEmpty();
  }
}
