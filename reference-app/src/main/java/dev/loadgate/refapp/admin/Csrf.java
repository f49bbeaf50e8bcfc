package dev.loadgate.refapp.admin;

import dev.loadgate.targets.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Admin CSRF tokens as the real app signs them: {@code <64-hex token>:<ms timestamp>:<sha256 hex of
 * "token:timestamp:CSRF_SECRET">}, valid for 24 hours. Only the header is checked.
 */
public final class Csrf {
  /** How long a token is valid. */
  public static final Duration VALIDITY = Duration.ofHours(24);

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Secret secret;

  public Csrf(Secret secret) {
    this.secret = secret;
  }

  /** A fresh signed token, issued at {@code nowMillis}. */
  public String issue(long nowMillis) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = HexFormat.of().formatHex(raw);
    return token + ":" + nowMillis + ":" + sign(token, nowMillis);
  }

  /** Why {@code header} is not valid at {@code nowMillis}, or null if it is. */
  public String problem(String header, long nowMillis) {
    if (header == null || header.isBlank()) {
      return "missing x-csrf-token header";
    }
    String[] parts = header.split(":");
    if (parts.length != 3 || !parts[0].matches("[0-9a-f]{64}")) {
      return "malformed token (expected <64 hex>:<ms timestamp>:<signature>)";
    }
    long issued;
    try {
      issued = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return "malformed timestamp";
    }
    if (nowMillis - issued > VALIDITY.toMillis() || issued - nowMillis > 60_000) {
      return "token expired";
    }
    byte[] expected = sign(parts[0], issued).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return "bad signature";
    }
    return null;
  }

  private String sign(String token, long timestamp) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (token + ":" + timestamp + ":" + secret.reveal())
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }
}
