package dev.loadgate.cli.targets;

import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.refapp.AppSecrets;
import dev.loadgate.targets.AccountsFile;
import dev.loadgate.targets.AccountsFileException;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts embedded targets: the reference app, with its own embedded PostgreSQL, in a child JVM
 * ({@code loadgate serve} with hidden child options), so that the injector's heap, GC and CPU are
 * not shared with what it measures. Used by {@code run}, {@code compare} and {@code capacity}:
 *
 * <pre>{@code
 * try (EmbeddedTarget target = EmbeddedTargets.start(EmbeddedTargetSpec.forLoad(secrets))) {
 *   load(target.profile());
 * }
 * }</pre>
 *
 * <p>A target dies with loadgate: {@link EmbeddedTarget#close()} stops it, a JVM shutdown hook
 * closes every target still open, and the child stops itself (the app, then PostgreSQL) when its
 * stdin ends, which the kernel does when loadgate dies in any way, {@code kill -9} included. Each
 * start first cleans what a killed run left behind ({@link TargetRecords}). The start waits for the
 * child's ready line, never for a fixed time.
 */
public final class EmbeddedTargets {
  /**
   * The line the child prints when it serves: {@code <prefix><base URL> <JDBC URL> <anon key or
   * ->}.
   */
  public static final String READY_PREFIX = "loadgate-target ready ";

  /** The hidden {@code loadgate serve} option that makes it a child of this launcher. */
  public static final String CHILD_OPTION = "--child-of";

  /** Upper bound for migration, seeding and start-up on a busy machine; not a synchronisation. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /** The variables that carry the app's secrets to the child (the real app's names). */
  static final List<String> SECRET_VARIABLES =
      List.of(
          "ADMIN_PORTAL_KEY",
          "STRIPE_WEBHOOK_SECRET",
          "CRON_SECRET",
          "SUPABASE_JWT_SECRET",
          "CSRF_SECRET",
          "LOADGATE_SEED_PASSWORD");

  private static final Set<EmbeddedTarget> OPEN = new LinkedHashSet<>();
  private static boolean hookInstalled;

  private EmbeddedTargets() {}

  /**
   * Starts a target as {@code spec} says and waits until it serves.
   *
   * @throws IncompleteRunException when it does not start; the message has the child's last words
   */
  public static EmbeddedTarget start(EmbeddedTargetSpec spec) {
    Path root = TargetRecords.root();
    List<String> cleaned = TargetRecords.cleanStale(root);
    PrintStream err = System.err;
    cleaned.forEach(line -> err.println("loadgate: " + line));
    Path entry;
    try {
      entry = TargetRecords.create(root);
    } catch (UncheckedIOException e) {
      throw new IncompleteRunException("the embedded target did not start: " + e.getMessage(), e);
    }
    Process process = launch(spec, entry);
    Deque<String> lastLines = new ArrayDeque<>();
    CompletableFuture<String> ready = readOutput(process, lastLines);
    String line;
    try {
      line = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw failed(process, entry, lastLines, e instanceof TimeoutException);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(process, entry, lastLines, false);
    }
    String[] parts = line.substring(READY_PREFIX.length()).trim().split(" ");
    URI baseUrl = URI.create(parts[0]);
    TargetProfile profile;
    try {
      Secret anonKey = Secret.of(parts.length > 2 && !parts[2].equals("-") ? parts[2] : "");
      profile = profile(spec.secrets(), entry, baseUrl, Secret.of(parts[1]), anonKey);
    } catch (AccountsFileException e) {
      throw failed(process, entry, lastLines, false);
    }
    EmbeddedTarget target = new EmbeddedTarget(process, entry, baseUrl, profile, cleaned);
    remember(target);
    return target;
  }

  private static Process launch(EmbeddedTargetSpec spec, Path entry) {
    List<String> args = new ArrayList<>();
    args.add("serve");
    args.addAll(spec.serveOptions());
    args.addAll(List.of("--accounts-out", entry.resolve(TargetRecords.ACCOUNTS).toString()));
    args.addAll(List.of(CHILD_OPTION, entry.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(
            ChildJvm.command(
                System.getenv(), ChildJvm.TARGET_FLAGS, "dev.loadgate.cli.Main", args));
    Map<String, String> environment = builder.environment();
    // The child always runs its own database; the secrets travel in its environment, which only
    // this user can read, never on its command line.
    environment.remove("LOADGATE_SERVE_DATABASE_URL");
    putSecrets(environment, spec.secrets());
    builder.redirectError(entry.resolve(TargetRecords.CHILD_LOG).toFile());
    try {
      Process process = builder.start();
      TargetRecords.writeChild(entry, ProcessRecord.of(process.toHandle()));
      return process;
    } catch (IOException | UncheckedIOException e) {
      TargetRecords.deleteTree(entry);
      throw new IncompleteRunException(
          "the embedded target did not start: cannot launch a JVM (" + e.getMessage() + ").", e);
    }
  }

  static void putSecrets(Map<String, String> environment, AppSecrets secrets) {
    List<Secret> values =
        List.of(
            secrets.adminPortalKey(),
            secrets.stripeWebhookSecret(),
            secrets.cronSecret(),
            secrets.jwtSecret(),
            secrets.csrfSecret(),
            secrets.seedPassword());
    for (int i = 0; i < SECRET_VARIABLES.size(); i++) {
      environment.put(SECRET_VARIABLES.get(i), values.get(i).reveal());
    }
  }

  /** Reads the child's stdout: completes with the ready line, keeps draining after it. */
  private static CompletableFuture<String> readOutput(Process process, Deque<String> lastLines) {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (!ready.isDone() && line.startsWith(READY_PREFIX)) {
                    ready.complete(line);
                  } else {
                    synchronized (lastLines) {
                      lastLines.addLast(line);
                      if (lastLines.size() > 20) {
                        lastLines.removeFirst();
                      }
                    }
                  }
                }
              } catch (IOException e) {
                // the child is gone; the EOF below says so
              }
              ready.completeExceptionally(new IOException("the child's output ended"));
            },
            "loadgate-target-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return ready;
  }

  private static TargetProfile profile(
      AppSecrets secrets, Path entry, URI baseUrl, Secret jdbcUrl, Secret anonKey) {
    AccountsFile accounts =
        AccountsFile.read(
            entry.resolve(TargetRecords.ACCOUNTS),
            Map.of("LOADGATE_SEED_PASSWORD", secrets.seedPassword().reveal()));
    return new TargetProfile(
        baseUrl,
        baseUrl,
        anonKey,
        accounts.admin(),
        Optional.of(secrets.adminPortalKey()),
        Optional.of(secrets.stripeWebhookSecret()),
        Optional.empty(),
        Optional.of(secrets.cronSecret()),
        Optional.of(jdbcUrl),
        accounts.accounts());
  }

  private static IncompleteRunException failed(
      Process process, Path entry, Deque<String> lastLines, boolean timedOut) {
    ProcessRecord.of(process.toHandle()).kill();
    TargetRecords.read(entry, TargetRecords.POSTMASTER).ifPresent(ProcessRecord::kill);
    List<String> said = new ArrayList<>(lastWords(entry.resolve(TargetRecords.CHILD_LOG)));
    synchronized (lastLines) {
      if (said.isEmpty()) {
        lastLines.stream().skip(Math.max(0, lastLines.size() - 3)).forEach(said::add);
      }
    }
    TargetRecords.dataDirectory(entry)
        .filter(TargetRecords::isPostgresDataDirectory)
        .ifPresent(TargetRecords::deleteTree);
    TargetRecords.deleteTree(entry);
    String why =
        timedOut
            ? "it was not serving after " + START_TIMEOUT.toMinutes() + " minutes"
            : "its JVM ended before it served";
    return new IncompleteRunException(
        "the embedded target did not start ("
            + why
            + (said.isEmpty() ? "" : "; it said: " + String.join(" / ", said))
            + "). Embedded PostgreSQL needs util-linux (unshare) when run as root; see"
            + " docs/safety.md.");
  }

  /** The child's last three lines of stderr, where a failed start says why. */
  private static List<String> lastWords(Path log) {
    try {
      List<String> lines =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank())
              .toList();
      return lines.subList(Math.max(0, lines.size() - 3), lines.size());
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  private static synchronized void remember(EmbeddedTarget target) {
    OPEN.add(target);
    if (!hookInstalled) {
      hookInstalled = true;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(EmbeddedTargets::closeAll, "loadgate-embedded-targets"));
    }
  }

  static synchronized void forget(EmbeddedTarget target) {
    OPEN.remove(target);
  }

  private static void closeAll() {
    List<EmbeddedTarget> open;
    synchronized (EmbeddedTargets.class) {
      open = new ArrayList<>(OPEN);
    }
    open.forEach(EmbeddedTarget::close);
  }
}
