package dev.loadgate.refapp.http;

import dev.loadgate.refapp.RateLimits;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-IP fixed windows, one bucket per limiter name, as the real app's Upstash limiters. */
public final class RateLimiter {
  private final RateLimits limits;
  private final Map<String, long[]> buckets = new ConcurrentHashMap<>();

  public RateLimiter(RateLimits limits) {
    this.limits = limits;
  }

  /** Counts this request against {@code limiter}; answers 429 when the window is full. */
  public void check(Context ctx, String limiter) {
    if (!limits.enabled() || limiter == null) {
      return;
    }
    RateLimits.Window w = limits.windows().get(limiter);
    if (w == null) {
      return;
    }
    long windowMillis = w.window().toMillis();
    long now = System.currentTimeMillis();
    long windowStart = now - now % windowMillis;
    long[] state =
        buckets.compute(
            limiter + ":" + ClientIp.of(ctx),
            (k, old) ->
                old == null || old[0] != windowStart
                    ? new long[] {windowStart, 1}
                    : new long[] {windowStart, old[1] + 1});
    long reset = windowStart + windowMillis;
    long remaining = Math.max(0, w.limit() - state[1]);
    ctx.header("X-RateLimit-Limit", Integer.toString(w.limit()));
    ctx.header("X-RateLimit-Remaining", Long.toString(remaining));
    ctx.header("X-RateLimit-Reset", Long.toString(reset));
    if (state[1] > w.limit()) {
      long retryAfterSeconds = Math.max(1, (reset - now + 999) / 1000);
      ctx.header("Retry-After", Long.toString(retryAfterSeconds));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", "Rate limit exceeded. Please try again later.");
      body.put("retryAfter", retryAfterSeconds);
      body.put("limit", w.limit());
      body.put("remaining", 0);
      body.put("reset", reset);
      throw new ApiError(429, body);
    }
  }
}
