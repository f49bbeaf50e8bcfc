package dev.loadgate.targets;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the client side (simulations, benchmarks, probes) needs to know about a target.
 *
 * @param appUrl the app's base URL, e.g. {@code http://127.0.0.1:41234}
 * @param authUrl the Supabase Auth base URL ({@code /auth/v1/...} and {@code /rest/v1/...} hang
 *     below it); the app URL for the reference app
 * @param supabaseAnonKey sent as the {@code apikey} header; may be empty for the reference app
 * @param admin the admin account for the portal login, if known
 * @param adminPortalKey the {@code ADMIN_PORTAL_KEY}, if known
 * @param stripeWebhookSecret the {@code STRIPE_WEBHOOK_SECRET} used to sign synthetic webhooks
 * @param stripeSecretKey the configured {@code STRIPE_SECRET_KEY}, if any; a live key ({@code
 *     sk_live_}) makes the payment journey refuse to run
 * @param cronSecret the {@code CRON_SECRET} for the e-mail queue endpoint
 * @param databaseUrl a JDBC URL for probes (read-only role is enough), if known
 * @param accounts the synthetic accounts provisioned for this run
 */
public record TargetProfile(
    URI appUrl,
    URI authUrl,
    Secret supabaseAnonKey,
    Optional<Account> admin,
    Optional<Secret> adminPortalKey,
    Optional<Secret> stripeWebhookSecret,
    Optional<Secret> stripeSecretKey,
    Optional<Secret> cronSecret,
    Optional<Secret> databaseUrl,
    List<Account> accounts) {
  public TargetProfile {
    Objects.requireNonNull(appUrl, "appUrl");
    authUrl = authUrl == null ? appUrl : authUrl;
    supabaseAnonKey = supabaseAnonKey == null ? Secret.of("") : supabaseAnonKey;
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  /** Accounts with the given role, in a stable order. */
  public List<Account> accounts(String role) {
    return accounts.stream().filter(a -> a.role().equals(role)).toList();
  }

  /** Whether the configured Stripe key is a live one, which synthetic payments must refuse. */
  public boolean hasLiveStripeKey() {
    return stripeSecretKey.map(k -> k.reveal().startsWith("sk_live_")).orElse(false);
  }
}
