package dev.loadgate.refapp.gateway;

import dev.loadgate.refapp.auth.Tokens;
import dev.loadgate.targets.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The project's two API keys, as Supabase issues them: HS256 JWTs signed with the JWT secret,
 * claims {@code {iss: "supabase", ref, role: "anon" | "service_role", iat, exp}}. They are derived
 * from the secret with a fixed issue time, so the same {@code SUPABASE_JWT_SECRET} always gives the
 * same keys, as a Supabase project's keys stay the same.
 */
public final class ApiKeys {
  /** The role a key grants. */
  public enum Role {
    ANON,
    SERVICE_ROLE
  }

  /** 2026-01-01T00:00:00Z, the issue time of both keys. */
  static final Instant ISSUED_AT = Instant.ofEpochSecond(1_767_225_600L);

  /** Supabase's keys are valid for ten years. */
  static final Duration VALIDITY = Duration.ofDays(3650);

  private final Secret anon;
  private final Secret serviceRole;

  public ApiKeys(Tokens tokens) {
    this.anon = Secret.of(key(tokens, "anon"));
    this.serviceRole = Secret.of(key(tokens, "service_role"));
  }

  private static String key(Tokens tokens, String role) {
    return tokens.signAt(
        null, Map.of("iss", "supabase", "ref", "loadgate", "role", role), ISSUED_AT, VALIDITY);
  }

  /** The anon key, which the browser client sends as {@code apikey}. */
  public Secret anon() {
    return anon;
  }

  /** The service-role key, which bypasses row-level security. */
  public Secret serviceRole() {
    return serviceRole;
  }

  /** The role of {@code key} if it is one of the two keys (compared in constant time). */
  public Optional<Role> roleOf(String key) {
    if (key == null) {
      return Optional.empty();
    }
    if (Tokens.constantTimeEquals(anon.reveal(), key)) {
      return Optional.of(Role.ANON);
    }
    if (Tokens.constantTimeEquals(serviceRole.reveal(), key)) {
      return Optional.of(Role.SERVICE_ROLE);
    }
    return Optional.empty();
  }
}
