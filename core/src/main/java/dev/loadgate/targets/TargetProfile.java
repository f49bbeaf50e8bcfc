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

  /** A profile of {@code appUrl} with nothing else known yet; the other parts are set by name. */
  public static Builder builder(URI appUrl) {
    return new Builder(appUrl);
  }

  /**
   * Builds a {@link TargetProfile} part by part, for the many profiles that know only a few of its
   * optional parts (tests, loopback placeholders). Mutable; {@link #build()} returns a new
   * immutable profile each time.
   */
  public static final class Builder {
    private final URI appUrl;
    private URI authUrl;
    private Secret supabaseAnonKey;
    private Optional<Account> admin = Optional.empty();
    private Optional<Secret> adminPortalKey = Optional.empty();
    private Optional<Secret> stripeWebhookSecret = Optional.empty();
    private Optional<Secret> stripeSecretKey = Optional.empty();
    private Optional<Secret> cronSecret = Optional.empty();
    private Optional<Secret> databaseUrl = Optional.empty();
    private List<Account> accounts = List.of();

    private Builder(URI appUrl) {
      this.appUrl = Objects.requireNonNull(appUrl, "appUrl");
    }

    public Builder authUrl(URI url) {
      this.authUrl = url;
      return this;
    }

    public Builder supabaseAnonKey(String key) {
      this.supabaseAnonKey = Secret.of(key);
      return this;
    }

    public Builder admin(Account account) {
      this.admin = Optional.of(account);
      return this;
    }

    public Builder adminPortalKey(String key) {
      this.adminPortalKey = Optional.of(Secret.of(key));
      return this;
    }

    public Builder stripeWebhookSecret(String secret) {
      this.stripeWebhookSecret = Optional.of(Secret.of(secret));
      return this;
    }

    public Builder stripeSecretKey(String key) {
      this.stripeSecretKey = Optional.of(Secret.of(key));
      return this;
    }

    public Builder cronSecret(String secret) {
      this.cronSecret = Optional.of(Secret.of(secret));
      return this;
    }

    public Builder databaseUrl(String jdbcUrl) {
      this.databaseUrl = Optional.of(Secret.of(jdbcUrl));
      return this;
    }

    public Builder accounts(List<Account> list) {
      this.accounts = List.copyOf(list);
      return this;
    }

    public TargetProfile build() {
      return new TargetProfile(
          appUrl,
          authUrl,
          supabaseAnonKey,
          admin,
          adminPortalKey,
          stripeWebhookSecret,
          stripeSecretKey,
          cronSecret,
          databaseUrl,
          accounts);
    }
  }
}
