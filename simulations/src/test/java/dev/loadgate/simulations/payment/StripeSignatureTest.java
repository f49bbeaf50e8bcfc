package dev.loadgate.simulations.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.targets.Secret;
import org.junit.jupiter.api.Test;

class StripeSignatureTest {
  @Test
  void signsTimestampDotPayloadWithHmacSha256AsStripeDoes() {
    // Expected value computed independently (Python hmac) for this secret, time and payload.
    String header =
        StripeSignature.header(
            Secret.of("whsec_loadgate_test_secret"), 1_700_000_000L, "{\"id\":\"evt_1\"}");

    assertThat(header)
        .isEqualTo(
            "t=1700000000,v1=14e6e1b1743d8afb6283b50274a27763937808a87b89fcb8b2bb445b01dc7a98");
  }
}
