package dev.loadgate.cli.options;

import dev.loadgate.targets.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --db-url}, or the {@value #ENV} environment variable: the one place either is read. A
 * picocli mixin of {@code run} and {@code cleanup}; the value is a secret and is never echoed.
 */
public final class DatabaseUrlOption {
  /** The environment variable that keeps the password off the command line. */
  public static final String ENV = "LOADGATE_DB_URL";

  @Option(
      names = "--db-url",
      paramLabel = "JDBC_URL",
      description =
          "The target's database as a JDBC URL, credentials included (the probes need a"
              + " read-only role, cleanup write access). Default: the "
              + ENV
              + " environment variable, which keeps the password off the command line.")
  private String dbUrl;

  /**
   * The database URL from the option, else from {@code environment}; a value that is not a
   * PostgreSQL JDBC URL adds a problem that does not show it.
   */
  public Optional<Secret> value(Map<String, String> environment, List<String> problems) {
    String value = dbUrl != null ? dbUrl : environment.get(ENV);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (!value.startsWith("jdbc:postgresql:")) {
      // Never echo the value: it may hold a password.
      problems.add(
          "--db-url: not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:5432/db?user=..."
              + ", got a value starting \""
              + value.substring(0, Math.min(value.length(), value.indexOf(':') + 1))
              + "\").");
      return Optional.empty();
    }
    return Optional.of(Secret.of(value));
  }
}
