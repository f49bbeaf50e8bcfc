package dev.loadgate.simulations.payment;

import dev.loadgate.targets.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook payload the way Stripe does: {@code Stripe-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<payload>" keyed with the endpoint's signing secret>}.
 */
public final class StripeSignature {
  private StripeSignature() {}

  /** The {@code Stripe-Signature} header value for {@code payload} sent at {@code unixSeconds}. */
  public static String header(Secret signingSecret, long unixSeconds, String payload) {
    return "t=" + unixSeconds + ",v1=" + hmacSha256Hex(signingSecret, unixSeconds + "." + payload);
  }

  static String hmacSha256Hex(Secret key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
