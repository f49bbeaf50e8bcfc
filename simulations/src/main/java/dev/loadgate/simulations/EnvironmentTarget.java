package dev.loadgate.simulations;

import dev.loadgate.target.Account;
import dev.loadgate.target.Secret;
import dev.loadgate.target.TargetProfile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target described by environment variables, for runs against a deployment (staging, a preview
 * URL). Secrets use the app's own variable names; accounts come from a file, one per line.
 *
 * <pre>
 *   SUPABASE_ANON_KEY  STRIPE_WEBHOOK_SECRET  STRIPE_SECRET_KEY  CRON_SECRET  ADMIN_PORTAL_KEY
 *   LOADGATE_ADMIN_EMAIL  LOADGATE_ADMIN_PASSWORD  LOADGATE_DB_URL
 *   LOADGATE_ACCOUNTS_FILE   lines of: role,email,password[,couponCode[,letterId;letterId...]]
 * </pre>
 */
public final class EnvironmentTarget {
  private EnvironmentTarget() {}

  /**
   * The target at {@code appUrl} (and {@code authUrl}, the Supabase URL, if it differs).
   *
   * @throws IllegalArgumentException naming the variable or the accounts file line that is wrong
   */
  public static TargetProfile profile(URI appUrl, Optional<URI> authUrl, Map<String, String> env) {
    Optional<Account> admin =
        secret(env, "LOADGATE_ADMIN_PASSWORD")
            .flatMap(
                password ->
                    Optional.ofNullable(env.get("LOADGATE_ADMIN_EMAIL"))
                        .filter(e -> !e.isBlank())
                        .map(email -> new Account(email, password, "admin", "", List.of())));
    List<Account> accounts =
        Optional.ofNullable(env.get("LOADGATE_ACCOUNTS_FILE"))
            .filter(f -> !f.isBlank())
            .map(f -> accounts(Path.of(f)))
            .orElse(List.of());
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
        accounts);
  }

  /** Reads an accounts file: {@code role,email,password[,couponCode[,letterId;letterId...]]}. */
  public static List<Account> accounts(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file
              + ": cannot read the accounts file ("
              + e.getMessage()
              + "). Check LOADGATE_ACCOUNTS_FILE.");
    }
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(",", -1);
      if (parts.length < 3 || parts[1].isBlank() || parts[2].isEmpty()) {
        throw new IllegalArgumentException(
            file
                + ":"
                + (i + 1)
                + ": an account needs role,email,password (got "
                + parts.length
                + " fields). Write e.g. subscriber,sub-0001@loadgate.test,<password>");
      }
      List<String> letters =
          parts.length > 4 && !parts[4].isBlank()
              ? Arrays.stream(parts[4].split(";")).map(String::strip).toList()
              : List.of();
      accounts.add(
          new Account(
              parts[1].strip(),
              Secret.of(parts[2]),
              parts[0].strip(),
              parts.length > 3 ? parts[3].strip() : "",
              letters));
    }
    return List.copyOf(accounts);
  }

  private static Optional<Secret> secret(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty()).map(Secret::of);
  }
}
