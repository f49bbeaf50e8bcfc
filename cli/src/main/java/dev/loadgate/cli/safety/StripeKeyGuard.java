package dev.loadgate.cli.safety;

import java.util.Optional;

/**
 * Synthetic payments must never reach live Stripe: a configured {@code STRIPE_SECRET_KEY} (or a
 * restricted key) that is live makes any run with the payment journey refuse to start.
 */
public final class StripeKeyGuard {
  /** The environment variable the TTML app and loadgate read the Stripe secret key from. */
  public static final String ENV = "STRIPE_SECRET_KEY";

  private StripeKeyGuard() {}

  /** Whether {@code key} is a live Stripe secret or restricted key. */
  public static boolean isLive(String key) {
    return key != null && (key.startsWith("sk_live_") || key.startsWith("rk_live_"));
  }

  /** The problem with a live key, or empty; the key itself is never quoted. */
  public static Optional<String> problem(String key, boolean suiteHasPayment) {
    if (!suiteHasPayment || !isLive(key)) {
      return Optional.empty();
    }
    return Optional.of(
        ENV
            + ": the payment journey refuses live Stripe keys (expected a test key starting"
            + " sk_test_, got a key starting "
            + key.substring(0, key.indexOf("_live_") + 6)
            + "…). Unset it or use the test-mode key of the target's Stripe account.");
  }
}
