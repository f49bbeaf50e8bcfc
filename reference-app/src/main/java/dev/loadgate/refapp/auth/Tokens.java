package dev.loadgate.refapp.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.loadgate.targets.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** HS256 JWTs (Supabase access tokens, admin sessions) and opaque refresh tokens. */
public final class Tokens {
  /** Access-token lifetime, as Supabase's default {@code expires_in} of 3600 s. */
  public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

  private static final SecureRandom RANDOM = new SecureRandom();
  private final MACSigner signer;
  private final MACVerifier verifier;

  public Tokens(Secret key) {
    try {
      byte[] bytes = key.reveal().getBytes(StandardCharsets.UTF_8);
      this.signer = new MACSigner(bytes);
      this.verifier = new MACVerifier(bytes);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("JWT secret: unusable for HS256 (" + e.getMessage() + ")");
    }
  }

  /** Signs {@code claims} with HS256, valid from now for {@code lifetime}. */
  public String sign(String subject, Map<String, Object> claims, Duration lifetime) {
    return signAt(subject, claims, Instant.now(), lifetime);
  }

  /** Signs {@code claims} with HS256, issued at {@code issuedAt}, valid for {@code lifetime}. */
  public String signAt(
      String subject, Map<String, Object> claims, Instant issuedAt, Duration lifetime) {
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(lifetime)));
    claims.forEach(b::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), b.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign JWT", e);
    }
    return jwt.serialize();
  }

  /** The claims of a token with a valid signature that has not expired, else empty. */
  public Optional<JWTClaimsSet> verify(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token.trim());
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date exp = claims.getExpirationTime();
      if (exp == null || exp.before(new Date())) {
        return Optional.empty();
      }
      return Optional.of(claims);
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A fresh opaque refresh token. */
  public static String newRefreshToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 hex digest under which a refresh token is stored. */
  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  /** Compares two secrets in constant time (lengths first, as the real app). */
  public static boolean constantTimeEquals(String expected, String given) {
    if (given == null) {
      return false;
    }
    byte[] a = expected.getBytes(StandardCharsets.UTF_8);
    byte[] b = given.getBytes(StandardCharsets.UTF_8);
    return a.length == b.length && MessageDigest.isEqual(a, b);
  }
}
