package dev.loadgate.refapp.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StripeSignatureTest {
  static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  @Test
  void matchesStripesDocumentedConstruction() {
    // HMAC-SHA256("whsec_test", "1800000000.{\"id\":\"evt_1\"}"), computed independently with
    // openssl
    assertThat(StripeSignature.header("whsec_test", 1_800_000_000L, BODY))
        .isEqualTo("t=1800000000,v1=" + OpensslVector.V1);
  }

  @Test
  void acceptsOwnSignatureWithinTolerance() {
    String h = StripeSignature.header("whsec_test", NOW.getEpochSecond() - 300, BODY);
    assertThat(StripeSignature.verify(h, BODY, "whsec_test", NOW)).isTrue();
  }

  @Test
  void acceptsATimestampAheadOfTheClockAsStripeNodeDoes() {
    // stripe-node: timestampAge = now - t; only timestampAge > tolerance is refused
    String h = StripeSignature.header("whsec_test", NOW.getEpochSecond() + 3600, BODY);
    assertThat(StripeSignature.verify(h, BODY, "whsec_test", NOW)).isTrue();
  }

  @Test
  void rejectsStaleWrongSecretTamperedAndMalformed() {
    assertThat(
            StripeSignature.verify(
                StripeSignature.header("whsec_test", NOW.getEpochSecond() - 301, BODY),
                BODY,
                "whsec_test",
                NOW))
        .isFalse();
    String h = StripeSignature.header("whsec_test", NOW.getEpochSecond(), BODY);
    assertThat(StripeSignature.verify(h, BODY, "whsec_other", NOW)).isFalse();
    assertThat(StripeSignature.verify(h, "{}".getBytes(StandardCharsets.UTF_8), "whsec_test", NOW))
        .isFalse();
    assertThat(StripeSignature.verify("t=abc,v1=00", BODY, "whsec_test", NOW)).isFalse();
    assertThat(StripeSignature.verify("v1=00", BODY, "whsec_test", NOW)).isFalse();
    assertThat(StripeSignature.verify(null, BODY, "whsec_test", NOW)).isFalse();
  }

  @Test
  void anyOfSeveralV1SignaturesMayMatch() {
    String good = StripeSignature.header("whsec_test", NOW.getEpochSecond(), BODY);
    String both = good.replace(",v1=", ",v1=deadbeef,v1=");
    assertThat(StripeSignature.verify(both, BODY, "whsec_test", NOW)).isTrue();
  }
}
