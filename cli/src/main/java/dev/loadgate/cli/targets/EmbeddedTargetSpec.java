package dev.loadgate.cli.targets;

import dev.loadgate.refapp.AiLatency;
import dev.loadgate.refapp.AppSecrets;
import dev.loadgate.refapp.FaultSpec;
import java.util.List;
import java.util.Objects;

/**
 * What an embedded target (the reference app with its own embedded PostgreSQL, in a child JVM) is
 * started with. Immutable; change it with the {@code with...} methods.
 *
 * @param faults faults injected from the start, e.g. {@code download=+2500ms}
 * @param seedScale how much synthetic data the app seeds, 1 to 100 (see {@code Seeder})
 * @param aiLatency the AI stand-in's latency profile
 * @param rateLimits whether the real app's per-IP rate limits apply (load tests turn them off)
 * @param emailAlwaysDelivered whether the e-mail provider stand-in delivers every message, at the
 *     healthy profile's speed. The embedded target of a run is the reference of a healthy system,
 *     so it does: the healthy profile's 1 % failures and 0.5 % bounces would, at the 50 to 100
 *     e-mails of a smoke run, breach the documented 98 % and 2 % by chance in a good share of runs,
 *     because the e-mail figures are judged as point values
 * @param secrets portal key, webhook, cron, JWT, CSRF secrets and the seed password; they reach the
 *     child through its environment, never its command line
 */
public record EmbeddedTargetSpec(
    List<FaultSpec> faults,
    int seedScale,
    AiLatency aiLatency,
    boolean rateLimits,
    boolean emailAlwaysDelivered,
    AppSecrets secrets) {
  public EmbeddedTargetSpec {
    faults = List.copyOf(Objects.requireNonNull(faults, "faults"));
    Objects.requireNonNull(aiLatency, "aiLatency");
    Objects.requireNonNull(secrets, "secrets");
    if (seedScale < 1 || seedScale > 100) {
      throw new IllegalArgumentException(
          "seedScale: out of range (expected 1 to 100, got " + seedScale + ").");
    }
  }

  /**
   * What {@code loadgate run} loads: no faults, seed scale 1, the fast AI, no rate limits, every
   * e-mail delivered, with {@code secrets}.
   */
  public static EmbeddedTargetSpec forLoad(AppSecrets secrets) {
    return new EmbeddedTargetSpec(List.of(), 1, AiLatency.FAST, false, true, secrets);
  }

  public EmbeddedTargetSpec withFaults(List<FaultSpec> value) {
    return new EmbeddedTargetSpec(
        value, seedScale, aiLatency, rateLimits, emailAlwaysDelivered, secrets);
  }

  public EmbeddedTargetSpec withSeedScale(int value) {
    return new EmbeddedTargetSpec(
        faults, value, aiLatency, rateLimits, emailAlwaysDelivered, secrets);
  }

  public EmbeddedTargetSpec withAiLatency(AiLatency value) {
    return new EmbeddedTargetSpec(
        faults, seedScale, value, rateLimits, emailAlwaysDelivered, secrets);
  }

  public EmbeddedTargetSpec withRateLimits(boolean value) {
    return new EmbeddedTargetSpec(
        faults, seedScale, aiLatency, value, emailAlwaysDelivered, secrets);
  }

  /** The {@code loadgate serve} options that start the app this spec describes. */
  List<String> serveOptions() {
    List<String> options = new java.util.ArrayList<>();
    options.addAll(List.of("--port", "0"));
    options.addAll(List.of("--seed-scale", Integer.toString(seedScale)));
    options.addAll(List.of("--ai-latency", aiLatency.name().toLowerCase(java.util.Locale.ROOT)));
    options.addAll(List.of("--rate-limits", rateLimits ? "on" : "off"));
    options.addAll(List.of("--email-provider", emailAlwaysDelivered ? "delivering" : "healthy"));
    for (FaultSpec fault : faults) {
      options.addAll(List.of("--inject", fault.toString()));
    }
    return options;
  }
}
