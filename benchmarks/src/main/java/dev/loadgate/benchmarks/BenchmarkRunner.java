package dev.loadgate.benchmarks;

import dev.loadgate.measure.Figure;
import dev.loadgate.targets.TargetProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the benchmarks of a {@link BenchmarkPlan} through JMH's Runner API, in forked JVMs that use
 * the current classpath (run it from a plain {@code java -cp} or a fat jar, not {@code mvn
 * exec:java}), and turns each result into a {@link Figure}:
 *
 * <ul>
 *   <li>{@code service.<path>.p95} (ms): the p95 of the path's single-client service time; when a
 *       path has several endpoints (payment: checkout and webhook) the slowest endpoint's p95, each
 *       endpoint's percentiles in the evidence.
 *   <li>{@code sql.<query>.mean} (ms): the mean time of one statement (or transaction).
 *   <li>{@code harness.<step>_1m.mean} (ms): loadgate's own cost for a million samples.
 * </ul>
 *
 * <p>Each benchmark runs alone with {@code shouldFailOnError}; a benchmark that fails, returns
 * nothing or cannot run for want of an account, a secret or a database URL becomes {@link
 * Figure#missing} with the reason, and the others still run. Secrets reach the forks through an
 * owner-only {@link TargetFile}, never through the command line, and are deleted afterwards.
 */
public final class BenchmarkRunner {
  /** The {@link Figure#source()} of every figure. */
  public static final String SOURCE = "jmh";

  /** How long to wait for another JMH run on this machine to finish. */
  static final java.time.Duration LOCK_PATIENCE = java.time.Duration.ofMinutes(15);

  private static final java.time.Duration LOCK_RETRY = java.time.Duration.ofSeconds(2);

  private BenchmarkRunner() {}

  /**
   * Runs every benchmark of the plan's kinds, one after the other.
   *
   * @return one figure per service path, SQL statement and harness step of the selected kinds, in
   *     catalogue order
   */
  public static List<Figure> run(BenchmarkPlan plan) {
    Path work = workDirectory();
    Path targetFile = null;
    try {
      targetFile = TargetFile.write(plan.target(), plan.jdbcUrl(), work);
      Properties available = availableKeys(plan.target(), plan.jdbcUrl());
      Optional<Path> baselines = baselinesFile();
      Map<String, List<Outcome>> byFigure = new LinkedHashMap<>();
      for (BenchmarkCatalog.Entry entry : BenchmarkCatalog.ALL) {
        if (!plan.settings().kinds().contains(entry.kind())) {
          continue;
        }
        Outcome outcome = runOne(entry, plan, available, baselines, targetFile);
        byFigure.computeIfAbsent(entry.figureId(), k -> new ArrayList<>()).add(outcome);
      }
      Map<String, String> scale =
          plan.jdbcUrl().map(BenchmarkRunner::databaseScale).orElse(Map.of());
      List<Figure> figures = new ArrayList<>();
      byFigure.forEach((id, outcomes) -> figures.add(figure(id, outcomes, scale)));
      return List.copyOf(figures);
    } finally {
      deleteSecrets(targetFile);
      deleteQuietly(work);
    }
  }

  private static void deleteSecrets(Path targetFile) {
    if (targetFile == null) {
      return;
    }
    try {
      Files.deleteIfExists(targetFile);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "benchmarks: cannot delete the target file " + targetFile + "; delete it by hand", e);
    }
  }

  /** What one benchmark gave: its statistics, or why it has none. */
  private record Outcome(
      BenchmarkCatalog.Entry entry, Statistics statistics, long operations, String problem) {}

  private static Outcome runOne(
      BenchmarkCatalog.Entry entry,
      BenchmarkPlan plan,
      Properties available,
      Optional<Path> baselines,
      Path targetFile) {
    for (String key : entry.needs()) {
      if (available.getProperty(key, "").isBlank()) {
        return failed(entry, "the target provides no " + key + "; " + hint(key));
      }
    }
    boolean payment =
        entry.needs().contains("stripe.webhook_secret") || entry.method().equals("createCheckout");
    if (payment && plan.target().hasLiveStripeKey()) {
      return failed(
          entry,
          "the target uses a live Stripe key (expected sk_test_ or none); synthetic payments run"
              + " only against test-mode targets");
    }
    if (entry.kind() == BenchmarkKind.HARNESS
        && entry.method().matches("evaluateVerdicts|writeReports")
        && baselines.isEmpty()) {
      return failed(
          entry,
          "baselines/production.yaml not found in the working directory, its parent or"
              + " -Dloadgate.home; run from the repository root");
    }
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(entry.benchmarkName()) + "$")
            .forks(plan.settings().forks())
            .warmupIterations(plan.settings().warmupIterations())
            .warmupTime(millis(plan.settings().warmupTime()))
            .measurementIterations(plan.settings().measurementIterations())
            .measurementTime(millis(plan.settings().measurementTime()))
            .timeout(millis(plan.settings().iterationTimeout()))
            .shouldFailOnError(true)
            .jvmArgsAppend(forkArguments(plan.settings(), targetFile));
    if (entry.kind() == BenchmarkKind.SERVICE) {
      options.param("baseUrl", stripTrailingSlash(plan.target().appUrl().toString()));
    }
    if (entry.kind() == BenchmarkKind.HARNESS && baselines.isPresent()) {
      options.param("baselines", baselines.get().toAbsolutePath().toString());
    }
    if (plan.settings().logDirectory().isPresent()) {
      Path log = plan.settings().logDirectory().get().resolve("jmh-" + entry.shortName() + ".log");
      createDirectories(log.getParent());
      options.output(log.toString()).verbosity(VerboseMode.NORMAL);
    } else {
      options.output(targetFile.resolveSibling("jmh-" + entry.shortName() + ".log").toString());
    }
    try {
      Collection<RunResult> results = runWhenJmhIsFree(options);
      if (results.isEmpty()) {
        return failed(
            entry,
            "JMH returned no result (expected one); run from a plain java -cp or the fat jar, not"
                + " mvn exec:java");
      }
      RunResult result = results.iterator().next();
      Statistics statistics = result.getPrimaryResult().getStatistics();
      long operations = operations(result);
      if (statistics.getN() == 0 || operations == 0) {
        return failed(entry, "JMH measured no operation (expected at least one)");
      }
      return new Outcome(entry, statistics, operations, null);
    } catch (RunnerException e) {
      return failed(entry, "the benchmark failed: " + rootMessage(e));
    } catch (RuntimeException e) {
      return failed(entry, "JMH could not run it: " + rootMessage(e));
    }
  }

  /**
   * JMH allows one run per machine (a lock file in java.io.tmpdir) and fails at once when another
   * holds it; two benchmarks at once would distort each other anyway. Wait for the other run.
   */
  private static Collection<RunResult> runWhenJmhIsFree(ChainedOptionsBuilder options)
      throws RunnerException {
    long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
    while (true) {
      try {
        return new Runner(options.build()).run();
      } catch (RunnerException e) {
        if (!rootMessage(e).contains("Unable to acquire the JMH lock")
            || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(LOCK_RETRY.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static Figure figure(
      String id, List<Outcome> outcomes, Map<String, String> databaseScale) {
    List<Map<String, String>> evidence = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.problem() == null) {
        evidence.add(evidenceRow(o));
      }
    }
    for (Outcome o : outcomes) {
      if (o.problem() != null) {
        String reason = o.entry().shortName() + " (" + o.entry().label() + "): " + o.problem();
        return new Figure(id, Double.NaN, "ms", 0, SOURCE, reason, evidence);
      }
    }
    BenchmarkKind kind = outcomes.get(0).entry().kind();
    if (kind == BenchmarkKind.SQL && !databaseScale.isEmpty()) {
      evidence.add(databaseScale);
    }
    long operations = outcomes.stream().mapToLong(Outcome::operations).sum();
    if (kind == BenchmarkKind.SERVICE) {
      double slowestP95 =
          outcomes.stream().mapToDouble(o -> o.statistics().getPercentile(95)).max().orElseThrow();
      long samples = outcomes.stream().mapToLong(o -> o.statistics().getN()).sum();
      return new Figure(
          id,
          slowestP95,
          "ms",
          samples,
          SOURCE,
          outcomes.size() == 1
              ? "single-client service time (JMH SampleTime), not latency under load"
              : "single-client service time (JMH SampleTime) of the slowest of "
                  + outcomes.size()
                  + " endpoints, not latency under load",
          evidence);
    }
    Outcome only = outcomes.get(0);
    return new Figure(
        id,
        only.statistics().getMean(),
        "ms",
        operations,
        SOURCE,
        kind == BenchmarkKind.SQL
            ? "mean over " + operations + " executions, one connection (JMH AverageTime)"
            : "mean time per operation of a million samples (JMH AverageTime)",
        evidence);
  }

  private static Map<String, String> evidenceRow(Outcome o) {
    Statistics s = o.statistics();
    Map<String, String> row = new LinkedHashMap<>();
    row.put("benchmark", o.entry().shortName());
    row.put("measures", o.entry().label());
    if (o.entry().kind() == BenchmarkKind.SERVICE) {
      row.put("p50_ms", format(s.getPercentile(50)));
      row.put("p95_ms", format(s.getPercentile(95)));
      row.put("p99_ms", format(s.getPercentile(99)));
      row.put("max_ms", format(s.getMax()));
      row.put("samples", Long.toString(s.getN()));
    } else {
      row.put("mean_ms", format(s.getMean()));
      double error = s.getN() > 1 ? s.getMeanErrorAt(0.999) : Double.NaN;
      row.put("error_ms_99_9", Double.isNaN(error) ? "n/a" : format(error));
      row.put("iterations", Long.toString(s.getN()));
      row.put("operations", Long.toString(o.operations()));
    }
    return row;
  }

  private static long operations(RunResult result) {
    long total = 0;
    for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        total += iteration.getMetadata().getMeasuredOps();
      }
    }
    return total;
  }

  private static Outcome failed(BenchmarkCatalog.Entry entry, String problem) {
    return new Outcome(entry, null, 0, problem);
  }

  private static String[] forkArguments(BenchmarkSettings settings, Path targetFile) {
    List<String> args = new ArrayList<>(settings.forkJvmArgs());
    args.add("-D" + TargetFile.PROPERTY + "=" + targetFile.toAbsolutePath());
    args.add("-Duser.language=en");
    args.add("-Duser.country=US");
    return args.toArray(String[]::new);
  }

  /** Which target keys are set, without their values. */
  private static Properties availableKeys(TargetProfile target, Optional<String> jdbcUrl) {
    Properties keys = new Properties();
    TargetFile.subscriberWithLetter(target)
        .ifPresent(
            a -> {
              keys.setProperty("subscriber.email", "set");
              keys.setProperty("subscriber.password", a.password().isEmpty() ? "" : "set");
              keys.setProperty("subscriber.letter", a.approvedLetterIds().isEmpty() ? "" : "set");
            });
    target
        .admin()
        .ifPresent(
            a -> {
              keys.setProperty("admin.email", "set");
              keys.setProperty("admin.password", a.password().isEmpty() ? "" : "set");
            });
    target.adminPortalKey().ifPresent(k -> keys.setProperty("admin.portal_key", "set"));
    target.stripeWebhookSecret().ifPresent(k -> keys.setProperty("stripe.webhook_secret", "set"));
    jdbcUrl.ifPresent(u -> keys.setProperty("jdbc.url", "set"));
    return keys;
  }

  private static String hint(String key) {
    return switch (key) {
      case "jdbc.url" -> "pass the target database's URL (--db-url) to run the SQL benchmarks";
      case "subscriber.letter" -> "seed a subscriber with an approved letter";
      case "admin.email", "admin.password" -> "provision an admin account on the target";
      case "admin.portal_key" -> "set ADMIN_PORTAL_KEY for the target";
      case "stripe.webhook_secret" -> "set STRIPE_WEBHOOK_SECRET for the target";
      default -> "provision a subscriber account on the target";
    };
  }

  /** Table sizes of the target database, so that SQL means can be read against their scale. */
  private static Map<String, String> databaseScale(String jdbcUrl) {
    String sql =
        "select (select count(*) from profiles), (select count(*) from letters),"
            + " (select count(*) from subscriptions), (select count(*) from email_queue)";
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      Map<String, String> row = new LinkedHashMap<>();
      row.put("benchmark", "database scale");
      row.put("profiles", Long.toString(rows.getLong(1)));
      row.put("letters", Long.toString(rows.getLong(2)));
      row.put("subscriptions", Long.toString(rows.getLong(3)));
      row.put("email_queue", Long.toString(rows.getLong(4)));
      return row;
    } catch (SQLException e) {
      return Map.of();
    }
  }

  /** The baselines file for the verdict and report benchmarks, if one can be found. */
  static Optional<Path> baselinesFile() {
    String home = System.getProperty("loadgate.home");
    Stream<Path> candidates =
        Stream.of(
            home == null ? null : Path.of(home, "baselines", "production.yaml"),
            Path.of("baselines", "production.yaml"),
            Path.of("..", "baselines", "production.yaml"));
    return candidates.filter(p -> p != null && Files.isRegularFile(p)).findFirst();
  }

  /**
   * The innermost message of a failure: what the benchmark itself threw. JMH wraps a fork's errors
   * as suppressed exceptions of a generic "Benchmark error during the run".
   */
  static String rootMessage(Throwable e) {
    String message = deepestMessage(e, 0);
    String line = message == null ? e.getClass().getSimpleName() : message.strip();
    return line.replaceAll("\\s+", " ");
  }

  private static String deepestMessage(Throwable e, int depth) {
    if (e == null || depth > 20) {
      return null;
    }
    for (Throwable suppressed : e.getSuppressed()) {
      String inner = deepestMessage(suppressed, depth + 1);
      if (inner != null) {
        return inner;
      }
    }
    String inner = e.getCause() == e ? null : deepestMessage(e.getCause(), depth + 1);
    if (inner != null) {
      return inner;
    }
    String own = e.getMessage();
    if (own == null || own.isBlank()) {
      return null;
    }
    // Our own failures carry standalone messages; anything else needs its type to make sense.
    boolean standalone =
        e instanceof IllegalStateException
            || e instanceof IllegalArgumentException
            || e.getClass().getName().startsWith("dev.loadgate.");
    return standalone ? own : e.getClass().getName() + ": " + own;
  }

  private static TimeValue millis(java.time.Duration duration) {
    return TimeValue.milliseconds(duration.toMillis());
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static Path workDirectory() {
    try {
      return Files.createTempDirectory(
          "loadgate-jmh-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("benchmarks: cannot create a work directory", e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("benchmarks: cannot create " + dir, e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder holds no secret once the target file is gone; nothing to do.
    }
  }
}
