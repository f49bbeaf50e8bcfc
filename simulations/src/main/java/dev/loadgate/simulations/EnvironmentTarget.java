package dev.loadgate.simulations;

import dev.loadgate.targets.Account;
import dev.loadgate.targets.AccountsFile;
import dev.loadgate.targets.AccountsFileException;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target described by environment variables, for runs against a deployment (staging, a preview
 * URL). Secrets use the app's own variable names; accounts come from the same YAML accounts file
 * {@code loadgate run --accounts} reads ({@link AccountsFile}, format in docs/safety.md).
 *
 * <pre>
 *   SUPABASE_ANON_KEY  STRIPE_WEBHOOK_SECRET  STRIPE_SECRET_KEY  CRON_SECRET  ADMIN_PORTAL_KEY
 *   LOADGATE_ADMIN_EMAIL  LOADGATE_ADMIN_PASSWORD  LOADGATE_DB_URL
 *   LOADGATE_ACCOUNTS_FILE   the YAML accounts file (its admin, if any, wins over the two above)
 * </pre>
 */
public final class EnvironmentTarget {
  private EnvironmentTarget() {}

  /**
   * The target at {@code appUrl} (and {@code authUrl}, the Supabase URL, if it differs).
   *
   * @throws AccountsFileException naming each place in the accounts file that is wrong
   */
  public static TargetProfile profile(URI appUrl, Optional<URI> authUrl, Map<String, String> env) {
    AccountsFile file =
        Optional.ofNullable(env.get("LOADGATE_ACCOUNTS_FILE"))
            .filter(f -> !f.isBlank())
            .map(f -> AccountsFile.read(Path.of(f), env))
            .orElse(new AccountsFile(Optional.empty(), List.of()));
    Optional<Account> admin =
        file.admin()
            .or(
                () ->
                    secret(env, "LOADGATE_ADMIN_PASSWORD")
                        .flatMap(
                            password ->
                                Optional.ofNullable(env.get("LOADGATE_ADMIN_EMAIL"))
                                    .filter(e -> !e.isBlank())
                                    .map(
                                        email ->
                                            new Account(email, password, "admin", "", List.of()))));
    return new TargetProfile(
        appUrl,
        authUrl.orElse(appUrl),
        secret(env, "SUPABASE_ANON_KEY").orElse(Secret.of("")),
        admin,
        secret(env, "ADMIN_PORTAL_KEY"),
        secret(env, "STRIPE_WEBHOOK_SECRET"),
        secret(env, "STRIPE_SECRET_KEY"),
        secret(env, "CRON_SECRET"),
        secret(env, "LOADGATE_DB_URL"),
        file.accounts());
  }

  private static Optional<Secret> secret(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty()).map(Secret::of);
  }
}
