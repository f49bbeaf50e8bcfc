package dev.loadgate.cli.serve;

import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.cli.targets.EmbeddedTargets;
import dev.loadgate.cli.targets.TargetChild;
import dev.loadgate.refapp.AiLatency;
import dev.loadgate.refapp.EmailProvider;
import dev.loadgate.refapp.FaultSpec;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.targets.AccountsFileWriter;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadgate serve}: the reference app on loopback until Ctrl-C, for manual exploration. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Starts embedded PostgreSQL and the reference app (a stand-in TTML server with seeded"
          + " synthetic data) on 127.0.0.1 and keeps them running until Ctrl-C.",
      "Its secrets come from ADMIN_PORTAL_KEY, STRIPE_WEBHOOK_SECRET, CRON_SECRET and"
          + " SUPABASE_JWT_SECRET when set; otherwise they are generated and never printed.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate serve --port 8080",
      "  loadgate serve --inject download=+2500ms --ai-latency realistic",
      "  LOADGATE_SEED_PASSWORD=$(openssl rand -hex 16) loadgate serve --port 8080"
          + " --rate-limits off --accounts-out serve-accounts.yaml",
      "  LOADGATE_SERVE_DATABASE_URL='jdbc:postgresql://127.0.0.1:5432/ttml?user=app&password=...'"
          + " loadgate serve --seed-scale 10",
      "  curl -s http://127.0.0.1:8080/api/health"
    })
public final class ServeCommand implements Callable<Integer> {
  /** The environment variable that names an external database, instead of --database-url. */
  public static final String DATABASE_URL_ENV = "LOADGATE_SERVE_DATABASE_URL";

  /** The variable that holds the password of every seeded account. */
  public static final String SEED_PASSWORD_ENV = "LOADGATE_SEED_PASSWORD";

  @Spec private CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "The port on 127.0.0.1; 0 picks a free one. Default: 0.")
  private int port;

  @Option(
      names = "--inject",
      paramLabel = "PATH=FAULT",
      description = "A fault, e.g. download=+2500ms. Repeatable.")
  private List<String> injections = new ArrayList<>();

  @Option(
      names = "--ai-latency",
      paramLabel = "PROFILE",
      defaultValue = "fast",
      description = "fast (milliseconds) or realistic (an LLM's seconds). Default: fast.")
  private String aiLatency;

  @Option(
      names = "--seed-scale",
      defaultValue = "1",
      description = "How much synthetic data to seed, 1 to 100. Default: 1.")
  private int seedScale;

  @Option(
      names = "--database-url",
      paramLabel = "JDBC_URL",
      description =
          "An external PostgreSQL instead of the embedded one (migrated and seeded)."
              + " Prefer the LOADGATE_SERVE_DATABASE_URL variable: a password on the command line"
              + " is visible to other users of the machine. Default: embedded.")
  private String databaseUrl;

  @Option(
      names = "--rate-limits",
      paramLabel = "on|off",
      defaultValue = "on",
      description = "The real app's per-IP rate limits, or off as load tests use. Default: on.")
  private String rateLimits;

  @Option(
      names = "--accounts-out",
      paramLabel = "FILE",
      description =
          "Write the seeded accounts (subscribers with their approved letters, employees with"
              + " their coupons, the admin) to FILE, in the format of loadgate run --accounts."
              + " Passwords are named by variable (LOADGATE_SEED_PASSWORD), never written; that"
              + " variable must be set.")
  private Path accountsOut;

  @Option(
      names = "--email-provider",
      paramLabel = "healthy|delivering",
      defaultValue = "healthy",
      hidden = true,
      description = "The e-mail provider stand-in: healthy (1 %% failures) or delivering (none).")
  private String emailProvider;

  @Option(
      names = EmbeddedTargets.CHILD_OPTION,
      paramLabel = "ENTRY",
      hidden = true,
      description = "Run as the child of an embedded-target launcher that records in ENTRY.")
  private Path childOf;

  @Override
  public Integer call() throws InterruptedException {
    if (childOf != null) {
      // First of all: a parent that dies while the app starts must stop it too.
      TargetChild.exitWhenStdinEnds(System.in);
    }
    ReferenceAppSettings settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    RunningReferenceApp app;
    try {
      app = ReferenceApp.start(settings);
    } catch (RuntimeException e) {
      throw new IncompleteRunException(
          "the reference app did not start (" + e.getMessage() + ").", e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              app.close();
              stopped.countDown();
            },
            "loadgate-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (accountsOut != null) {
      writeAccounts(app);
    }
    if (childOf != null) {
      TargetChild.recordPostmaster(childOf, app.targetProfile().databaseUrl().orElseThrow());
      out.println(
          TargetChild.readyLine(
              app.baseUrl(),
              app.targetProfile().databaseUrl().get(),
              app.targetProfile().supabaseAnonKey()));
    }
    out.println("reference app: " + app.baseUrl() + " (Ctrl-C stops it and its database)");
    out.println("health:        " + app.baseUrl() + "/api/health");
    if (settings.databaseUrl().isEmpty()) {
      // The embedded database trusts local connections: its URL holds no password.
      out.println("database:      " + app.targetProfile().databaseUrl().orElseThrow().reveal());
    }
    if (!app.targetProfile().supabaseAnonKey().isEmpty()) {
      // Public by design (every browser gets it); provision and run send it as apikey.
      out.println(
          "anon key:      "
              + app.targetProfile().supabaseAnonKey().reveal()
              + " (export SUPABASE_ANON_KEY=... for provision and run)");
    }
    if (accountsOut != null) {
      out.println("accounts:      " + accountsOut + " (passwords: " + SEED_PASSWORD_ENV + ")");
    }
    out.flush();
    stopped.await();
    return ExitCodes.PASS;
  }

  private void writeAccounts(RunningReferenceApp app) {
    TargetProfile profile = app.targetProfile();
    String yaml =
        AccountsFileWriter.toYaml(
            List.of(
                "The accounts loadgate serve seeded at " + app.baseUrl() + ".",
                "Every password is the value of LOADGATE_SEED_PASSWORD the server was started with.",
                "Use: loadgate run --target " + app.baseUrl() + " --accounts THIS_FILE"),
            profile.admin(),
            SEED_PASSWORD_ENV,
            profile.accounts(),
            SEED_PASSWORD_ENV);
    try {
      AccountsFileWriter.write(accountsOut, yaml);
    } catch (UncheckedIOException e) {
      app.close();
      throw new IncompleteRunException(
          "--accounts-out: cannot write "
              + accountsOut
              + " ("
              + e.getCause().getMessage()
              + "). Pick a writable path.",
          e);
    }
  }

  private ReferenceAppSettings settings() {
    List<String> problems = new ArrayList<>();
    if (accountsOut != null && childOf == null) {
      String password = System.getenv(SEED_PASSWORD_ENV);
      if (password == null || password.isBlank()) {
        problems.add(
            "--accounts-out: the accounts' password would be known to nobody (expected "
                + SEED_PASSWORD_ENV
                + " in the environment, got none). Set it first, e.g. export "
                + SEED_PASSWORD_ENV
                + "=$(openssl rand -hex 16), and give the same value to loadgate run.");
      }
    }
    List<FaultSpec> faults = new ArrayList<>();
    for (String injection : injections) {
      try {
        faults.add(FaultSpec.parse(injection));
      } catch (IllegalArgumentException e) {
        problems.add("--inject: " + e.getMessage());
      }
    }
    ReferenceAppSettings settings = ReferenceAppSettings.defaults().withFaults(faults);
    String externalDatabase = databaseUrl != null ? databaseUrl : System.getenv(DATABASE_URL_ENV);
    if (externalDatabase != null && !externalDatabase.isBlank()) {
      if (!externalDatabase.startsWith("jdbc:postgresql:")) {
        problems.add(
            "--database-url: not a PostgreSQL JDBC URL (expected"
                + " jdbc:postgresql://HOST:PORT/DB?user=...&password=..., got the scheme \""
                + externalDatabase.split(":", 2)[0]
                + "\"; the rest is not shown, it may hold a password).");
      } else {
        settings = settings.withDatabaseUrl(Secret.of(externalDatabase));
      }
    }
    try {
      settings =
          settings
              .withPort(port)
              .withSeedScale(seedScale)
              .withAiLatency(AiLatency.parse(aiLatency))
              .withRateLimits(RateLimits.parse(rateLimits))
              .withEmailProvider(emailProvider(emailProvider));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    return settings;
  }

  /**
   * The e-mail provider stand-in: {@code healthy}, or {@code delivering}, the healthy one without
   * failures or bounces, which the embedded target of a run uses (see EmbeddedTargetSpec).
   */
  static EmailProvider emailProvider(String name) {
    EmailProvider healthy = EmailProvider.healthy();
    return switch (name) {
      case "healthy" -> healthy;
      case "delivering" -> new EmailProvider(healthy.latency(), 0, 0, healthy.retryBackoffUnit());
      default ->
          throw new IllegalArgumentException(
              "--email-provider: unknown provider (expected healthy or delivering, got \""
                  + name
                  + "\").");
    };
  }
}
