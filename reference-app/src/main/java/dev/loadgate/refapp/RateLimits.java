package dev.loadgate.refapp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-IP fixed-window rate limits, one bucket per limiter as in the real app (Upstash prefixes).
 * Routes that share a limiter share its bucket. The client IP is the first entry of {@code
 * X-Forwarded-For}, else {@code X-Real-IP}, else the socket address.
 *
 * <p>Load tests run with {@link #disabled()} ({@code --rate-limits off}): with the real limits a
 * single injector IP is stopped after 5 letters per hour.
 *
 * @param enabled whether limits are enforced at all
 * @param windows limiter name ({@code auth}, {@code api}, {@code admin}, {@code letter-gen}, {@code
 *     subscription}) to its window
 */
public record RateLimits(boolean enabled, Map<String, Window> windows) {

  /**
   * One fixed window.
   *
   * @param limit requests allowed per window, at least 1
   * @param window the window length, above zero
   */
  public record Window(int limit, Duration window) {
    public Window {
      if (limit < 1) {
        throw new IllegalArgumentException("rate limit must be at least 1 (got " + limit + ")");
      }
      if (window == null || window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("rate window must be above zero (got " + window + ")");
      }
    }
  }

  public RateLimits {
    windows = Map.copyOf(Objects.requireNonNull(windows, "windows"));
  }

  /** The real app's Upstash limiters. */
  public static RateLimits production() {
    Map<String, Window> w = new LinkedHashMap<>();
    w.put("auth", new Window(5, Duration.ofMinutes(15)));
    w.put("api", new Window(100, Duration.ofMinutes(1)));
    w.put("admin", new Window(10, Duration.ofMinutes(15)));
    w.put("letter-gen", new Window(5, Duration.ofHours(1)));
    w.put("subscription", new Window(3, Duration.ofHours(1)));
    return new RateLimits(true, w);
  }

  /** No limits: the setting load tests use. */
  public static RateLimits disabled() {
    return new RateLimits(false, production().windows());
  }

  /** Parses {@code on} (the real limits) or {@code off}. */
  public static RateLimits parse(String text) {
    return switch (Objects.requireNonNullElse(text, "").trim()) {
      case "on" -> production();
      case "off" -> disabled();
      default ->
          throw new IllegalArgumentException(
              "--rate-limits: unknown mode (expected on or off, got \"" + text + "\").");
    };
  }
}
