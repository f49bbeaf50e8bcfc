package dev.loadgate.refapp.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: header {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw
 * body>")>}, accepted when the timestamp is at most 300 s old. As stripe-node's {@code
 * constructEvent} applies it, the tolerance bounds the age only: a timestamp ahead of the server
 * clock (a sender whose clock runs fast) is accepted.
 */
public final class StripeSignature {
  /** Stripe's default tolerance. */
  public static final Duration TOLERANCE = Duration.ofSeconds(300);

  private StripeSignature() {}

  /** The header value Stripe would send for {@code body} at {@code timestamp}. */
  public static String header(String secret, long timestampSeconds, byte[] body) {
    return "t=" + timestampSeconds + ",v1=" + hmacHex(secret, timestampSeconds, body);
  }

  /**
   * Whether {@code header} is a valid signature of {@code body}: a {@code t} no more than the
   * tolerance before {@code now} and at least one {@code v1} that matches (compared in constant
   * time).
   */
  public static boolean verify(String header, byte[] body, String secret, Instant now) {
    if (header == null) {
      return false;
    }
    Long t = null;
    java.util.List<String> v1 = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String k = part.substring(0, eq).trim();
      String v = part.substring(eq + 1).trim();
      if (k.equals("t")) {
        try {
          t = Long.parseLong(v);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (k.equals("v1")) {
        v1.add(v);
      }
    }
    if (t == null || v1.isEmpty()) {
      return false;
    }
    if (now.getEpochSecond() - t > TOLERANCE.toSeconds()) {
      return false;
    }
    byte[] expected = hmacHex(secret, t, body).getBytes(StandardCharsets.US_ASCII);
    boolean ok = false;
    for (String candidate : v1) {
      ok |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
    }
    return ok;
  }

  private static String hmacHex(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
