package dev.loadgate.refapp;

import java.time.Duration;
import java.util.Objects;

/**
 * The e-mail provider stand-in the queue processor sends to.
 *
 * @param latency time one send takes (sends of a batch run in parallel), zero or more
 * @param failurePercent share of sends that fail and are retried with backoff, in [0, 100]
 * @param bouncePercent share of sends the provider accepts but that bounce, in [0, 100]
 * @param retryBackoffUnit a failed send is retried after {@code 2^attempts} of these (the real
 *     queue uses one minute), above zero
 */
public record EmailProvider(
    Duration latency, double failurePercent, double bouncePercent, Duration retryBackoffUnit) {
  public EmailProvider {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException(
          "email latency must not be negative (got " + latency + ")");
    }
    check("failurePercent", failurePercent);
    check("bouncePercent", bouncePercent);
    Objects.requireNonNull(retryBackoffUnit, "retryBackoffUnit");
    if (retryBackoffUnit.isZero() || retryBackoffUnit.isNegative()) {
      throw new IllegalArgumentException(
          "email retryBackoffUnit must be above zero (got " + retryBackoffUnit + ")");
    }
  }

  private static void check(String name, double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "email " + name + " must be in [0, 100] percent (got " + percent + ")");
    }
  }

  /** 40 ms per send, 1 % failures, 0.5 % bounces, one-minute backoff unit: a healthy provider. */
  public static EmailProvider healthy() {
    return new EmailProvider(Duration.ofMillis(40), 1, 0.5, Duration.ofMinutes(1));
  }
}
