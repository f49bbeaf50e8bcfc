package dev.loadgate.refapp;

import dev.loadgate.targets.Secret;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The secrets the app checks, read from the real app's environment variable names. Where one is
 * unset, an ephemeral random value is generated; it is never printed or logged, and clients get it
 * from {@link RunningReferenceApp#targetProfile()}.
 *
 * @param adminPortalKey {@code ADMIN_PORTAL_KEY}
 * @param stripeWebhookSecret {@code STRIPE_WEBHOOK_SECRET}
 * @param cronSecret {@code CRON_SECRET}
 * @param jwtSecret {@code SUPABASE_JWT_SECRET}, the HS256 key of access tokens
 * @param csrfSecret {@code CSRF_SECRET}, the key of admin CSRF tokens
 * @param seedPassword {@code LOADGATE_SEED_PASSWORD}, the password of every seeded synthetic
 *     account
 */
public record AppSecrets(
    Secret adminPortalKey,
    Secret stripeWebhookSecret,
    Secret cronSecret,
    Secret jwtSecret,
    Secret csrfSecret,
    Secret seedPassword) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public AppSecrets {
    Objects.requireNonNull(adminPortalKey, "adminPortalKey");
    Objects.requireNonNull(stripeWebhookSecret, "stripeWebhookSecret");
    Objects.requireNonNull(cronSecret, "cronSecret");
    Objects.requireNonNull(jwtSecret, "jwtSecret");
    Objects.requireNonNull(csrfSecret, "csrfSecret");
    Objects.requireNonNull(seedPassword, "seedPassword");
    if (jwtSecret.reveal().length() < 32) {
      throw new IllegalArgumentException(
          "SUPABASE_JWT_SECRET: too short for HS256 (expected at least 32 characters, got "
              + jwtSecret.reveal().length()
              + "). Leave it unset to use a generated one.");
    }
  }

  /** Reads the secrets from {@code env}, generating the missing ones. */
  public static AppSecrets fromEnvironment(Map<String, String> env) {
    return new AppSecrets(
        read(env, "ADMIN_PORTAL_KEY", ""),
        read(env, "STRIPE_WEBHOOK_SECRET", "whsec_"),
        read(env, "CRON_SECRET", ""),
        read(env, "SUPABASE_JWT_SECRET", ""),
        read(env, "CSRF_SECRET", ""),
        read(env, "LOADGATE_SEED_PASSWORD", "Lg-"));
  }

  /** Fresh random secrets, ignoring the environment (what tests use). */
  public static AppSecrets generated() {
    return fromEnvironment(Map.of());
  }

  private static Secret read(Map<String, String> env, String name, String prefix) {
    String value = env.get(name);
    if (value != null && !value.isBlank()) {
      return Secret.of(value);
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Secret.of(prefix + HexFormat.of().formatHex(bytes));
  }

  @Override
  public String toString() {
    return "AppSecrets[****]";
  }
}
