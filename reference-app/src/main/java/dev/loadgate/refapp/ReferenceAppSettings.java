package dev.loadgate.refapp;

import dev.loadgate.targets.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to start a reference app. Immutable; change it with the {@code with...} methods.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the port, 0 (default) for a free one, else 1 to 65535
 * @param databaseUrl a JDBC URL (credentials included) of an external PostgreSQL; empty (default)
 *     starts an embedded PostgreSQL 17 with {@code pg_stat_statements}
 * @param aiLatency the AI stand-in's latency profile, {@link AiLatency#FAST} by default
 * @param seedScale how much synthetic data to seed, 1 to 100; 1 is 40 subscribers, 8 employees, 2
 *     admins and about 200 letters; 10 is ten times that
 * @param faults faults injected from the start (change them later with {@link FaultControl})
 * @param rateLimits the per-IP limits, the real app's by default
 * @param emailProvider the e-mail provider stand-in
 * @param secrets portal key, webhook, cron, JWT and CSRF secrets
 * @param httpMaxThreads Jetty's maximum worker threads, 16 to 2000; letter generation blocks one
 *     thread for the whole AI call, so realistic load needs many
 * @param databasePoolSize HikariCP's maximum pool size, 1 to 200
 * @param randomSeed the seed of the AI latency, e-mail outcome and fault draws
 */
public record ReferenceAppSettings(
    String host,
    int port,
    Optional<Secret> databaseUrl,
    AiLatency aiLatency,
    int seedScale,
    List<FaultSpec> faults,
    RateLimits rateLimits,
    EmailProvider emailProvider,
    AppSecrets secrets,
    int httpMaxThreads,
    int databasePoolSize,
    long randomSeed) {

  public ReferenceAppSettings {
    Objects.requireNonNull(host, "host");
    databaseUrl = Objects.requireNonNullElse(databaseUrl, Optional.empty());
    Objects.requireNonNull(aiLatency, "aiLatency");
    faults = List.copyOf(Objects.requireNonNull(faults, "faults"));
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(emailProvider, "emailProvider");
    Objects.requireNonNull(secrets, "secrets");
    range("--port", port, 0, 65_535, "0 picks a free port");
    range("--seed-scale", seedScale, 1, 100, "10 models the guide's 10x growth");
    range("httpMaxThreads", httpMaxThreads, 16, 2_000, "");
    range("databasePoolSize", databasePoolSize, 1, 200, "");
  }

  private static void range(String where, int value, int min, int max, String hint) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          where
              + ": out of range (expected "
              + min
              + " to "
              + max
              + ", got "
              + value
              + ")."
              + (hint.isEmpty() ? "" : " " + hint));
    }
  }

  /**
   * Port 0 on 127.0.0.1, embedded database, fast AI, seed scale 1, no faults, the real rate limits,
   * a healthy e-mail provider, secrets from the environment (generated where unset).
   */
  public static ReferenceAppSettings defaults() {
    return new ReferenceAppSettings(
        "127.0.0.1",
        0,
        Optional.empty(),
        AiLatency.FAST,
        1,
        List.of(),
        RateLimits.production(),
        EmailProvider.healthy(),
        AppSecrets.fromEnvironment(System.getenv()),
        400,
        10,
        20_261_129L);
  }

  public ReferenceAppSettings withHost(String value) {
    return with(draft -> draft.host = value);
  }

  public ReferenceAppSettings withPort(int value) {
    return with(draft -> draft.port = value);
  }

  public ReferenceAppSettings withDatabaseUrl(Secret value) {
    return with(draft -> draft.databaseUrl = Optional.ofNullable(value));
  }

  public ReferenceAppSettings withAiLatency(AiLatency value) {
    return with(draft -> draft.aiLatency = value);
  }

  public ReferenceAppSettings withSeedScale(int value) {
    return with(draft -> draft.seedScale = value);
  }

  public ReferenceAppSettings withFaults(List<FaultSpec> value) {
    return with(draft -> draft.faults = value);
  }

  public ReferenceAppSettings withRateLimits(RateLimits value) {
    return with(draft -> draft.rateLimits = value);
  }

  public ReferenceAppSettings withEmailProvider(EmailProvider value) {
    return with(draft -> draft.emailProvider = value);
  }

  public ReferenceAppSettings withSecrets(AppSecrets value) {
    return with(draft -> draft.secrets = value);
  }

  public ReferenceAppSettings withHttpMaxThreads(int value) {
    return with(draft -> draft.httpMaxThreads = value);
  }

  public ReferenceAppSettings withDatabasePoolSize(int value) {
    return with(draft -> draft.databasePoolSize = value);
  }

  public ReferenceAppSettings withRandomSeed(long value) {
    return with(draft -> draft.randomSeed = value);
  }

  private ReferenceAppSettings with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** A mutable copy that one wither changes in one place; {@link #build()} validates again. */
  private static final class Draft {
    String host;
    int port;
    Optional<Secret> databaseUrl;
    AiLatency aiLatency;
    int seedScale;
    List<FaultSpec> faults;
    RateLimits rateLimits;
    EmailProvider emailProvider;
    AppSecrets secrets;
    int httpMaxThreads;
    int databasePoolSize;
    long randomSeed;

    Draft(ReferenceAppSettings from) {
      host = from.host;
      port = from.port;
      databaseUrl = from.databaseUrl;
      aiLatency = from.aiLatency;
      seedScale = from.seedScale;
      faults = from.faults;
      rateLimits = from.rateLimits;
      emailProvider = from.emailProvider;
      secrets = from.secrets;
      httpMaxThreads = from.httpMaxThreads;
      databasePoolSize = from.databasePoolSize;
      randomSeed = from.randomSeed;
    }

    ReferenceAppSettings build() {
      return new ReferenceAppSettings(
          host,
          port,
          databaseUrl,
          aiLatency,
          seedScale,
          faults,
          rateLimits,
          emailProvider,
          secrets,
          httpMaxThreads,
          databasePoolSize,
          randomSeed);
    }
  }
}
