package dev.loadgate.benchmarks;

import dev.loadgate.targets.Account;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Hands the target's details, secrets included, to forked benchmark JVMs without putting them on a
 * command line: a Java properties file readable only by its owner (0600), whose path travels as the
 * system property {@value #PROPERTY}.
 *
 * <p>Keys: {@code app.url}, {@code auth.url}, {@code anon.key}, {@code subscriber.email}, {@code
 * subscriber.password}, {@code subscriber.letter} (an approved letter of that subscriber), {@code
 * admin.email}, {@code admin.password}, {@code admin.portal_key}, {@code stripe.webhook_secret},
 * {@code stripe.live} ({@code true} refuses synthetic payments), {@code jdbc.url}. Absent keys make
 * the benchmarks that need them fail with a message naming the key.
 */
public final class TargetFile {
  /** The system property that names the file in a forked benchmark JVM. */
  public static final String PROPERTY = "loadgate.benchmarks.target";

  private final Properties properties;

  private TargetFile(Properties properties) {
    this.properties = properties;
  }

  /**
   * Writes the target's details into a new owner-only file in {@code directory}.
   *
   * @return the file; the caller deletes it when the benchmarks are done
   */
  public static Path write(TargetProfile target, Optional<String> jdbcUrl, Path directory) {
    Properties p = new Properties();
    p.setProperty("app.url", target.appUrl().toString());
    p.setProperty("auth.url", target.authUrl().toString());
    p.setProperty("anon.key", target.supabaseAnonKey().reveal());
    subscriberWithLetter(target)
        .ifPresent(
            a -> {
              p.setProperty("subscriber.email", a.email());
              p.setProperty("subscriber.password", a.password().reveal());
              if (!a.approvedLetterIds().isEmpty()) {
                p.setProperty("subscriber.letter", a.approvedLetterIds().get(0));
              }
            });
    target
        .admin()
        .ifPresent(
            a -> {
              p.setProperty("admin.email", a.email());
              p.setProperty("admin.password", a.password().reveal());
            });
    target.adminPortalKey().ifPresent(k -> p.setProperty("admin.portal_key", k.reveal()));
    target.stripeWebhookSecret().ifPresent(k -> p.setProperty("stripe.webhook_secret", k.reveal()));
    p.setProperty("stripe.live", Boolean.toString(target.hasLiveStripeKey()));
    jdbcUrl.ifPresent(u -> p.setProperty("jdbc.url", u));
    try {
      Files.createDirectories(directory);
      Path file =
          Files.createTempFile(
              directory,
              "loadgate-target-",
              ".properties",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(out, "loadgate benchmark target; contains secrets; delete after use");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "benchmarks: cannot write the target file in " + directory + " (" + e + ")", e);
    }
  }

  /** Reads the file named by the system property {@value #PROPERTY}. */
  public static TargetFile fromSystemProperty() {
    String path = System.getProperty(PROPERTY);
    if (path == null || path.isBlank()) {
      throw new IllegalStateException(
          "benchmarks: no target file (expected -D"
              + PROPERTY
              + "=<file> in the fork's JVM arguments, got none). Pass -jvmArgsAppend -D"
              + PROPERTY
              + "=target.properties; see docs/benchmarks.md for its keys");
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("benchmarks: cannot read the target file " + path, e);
    }
    return new TargetFile(p);
  }

  /** For tests: a target file from properties in memory. */
  static TargetFile of(Properties properties) {
    Properties copy = new Properties();
    copy.putAll(properties);
    return new TargetFile(copy);
  }

  /** A plain value, e.g. a URL or an e-mail address. */
  public String get(String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "benchmarks: the target file has no "
              + key
              + " (expected a value, got none). Provision the account or secret on the target, or"
              + " leave this benchmark out");
    }
    return value;
  }

  /** A secret value, masked in any string form. */
  public Secret secret(String key) {
    return Secret.of(get(key));
  }

  public Optional<String> find(String key) {
    return Optional.ofNullable(properties.getProperty(key)).filter(v -> !v.isBlank());
  }

  /** A subscriber that owns an approved letter (for downloads), else any subscriber. */
  static Optional<Account> subscriberWithLetter(TargetProfile target) {
    List<Account> subscribers = target.accounts("subscriber");
    return subscribers.stream()
        .filter(a -> !a.approvedLetterIds().isEmpty())
        .findFirst()
        .or(() -> subscribers.stream().findFirst());
  }

  @Override
  public String toString() {
    return "TargetFile[" + properties.stringPropertyNames().size() + " keys]";
  }
}
