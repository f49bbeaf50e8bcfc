package dev.loadgate.cli.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserRateCapAndStripeTest {
  @Test
  void aRateAboveTheUsersOwnCapIsRefused() {
    assertThat(UserRateCap.problem(3, Optional.of(2.0)))
        .contains(
            "--max-rate: the planned arrival rate is above your cap (expected at most 2.00"
                + " users/s, got 3.00 users/s). Lower --rate-scale.");
    assertThat(UserRateCap.problem(2, Optional.of(2.0))).isEmpty();
    assertThat(UserRateCap.problem(100, Optional.empty())).isEmpty();
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
