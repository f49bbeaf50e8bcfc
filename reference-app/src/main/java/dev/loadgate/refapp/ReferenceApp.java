package dev.loadgate.refapp;

import dev.loadgate.refapp.admin.AdminRoutes;
import dev.loadgate.refapp.admin.Csrf;
import dev.loadgate.refapp.auth.AuthRoutes;
import dev.loadgate.refapp.auth.RestRoutes;
import dev.loadgate.refapp.auth.Sessions;
import dev.loadgate.refapp.auth.Tokens;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.db.Seeder;
import dev.loadgate.refapp.email.EmailRoutes;
import dev.loadgate.refapp.gateway.ApiKeys;
import dev.loadgate.refapp.gateway.SupabaseGateway;
import dev.loadgate.refapp.health.HealthRoutes;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.ControlRoutes;
import dev.loadgate.refapp.http.FaultInjector;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.RateLimiter;
import dev.loadgate.refapp.http.RequestStats;
import dev.loadgate.refapp.http.Router;
import dev.loadgate.refapp.letters.AiStandIn;
import dev.loadgate.refapp.letters.LetterRoutes;
import dev.loadgate.refapp.payment.PaymentRoutes;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the reference app: a stand-in TTML server on PostgreSQL. */
public final class ReferenceApp {
  /** Created on first use, so that {@link #main} can choose the logging configuration first. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ReferenceApp.class);
  }

  private ReferenceApp() {}

  /**
   * Starts the database (embedded unless {@code databaseUrl}), migrates, seeds, starts HTTP.
   *
   * @throws ReferenceAppException if any step fails; the message names what to change
   */
  public static RunningReferenceApp start(ReferenceAppSettings settings) {
    Database db = Database.open(settings.databaseUrl(), settings.databasePoolSize());
    try {
      Seeder.Seeded seeded =
          Seeder.seed(db, settings.seedScale(), settings.secrets().seedPassword());
      return startHttp(settings, db, seeded);
    } catch (SQLException | RuntimeException e) {
      db.close();
      if (e instanceof ReferenceAppException r) {
        throw r;
      }
      throw new ReferenceAppException("reference app: cannot start (" + e.getMessage() + ").");
    }
  }

  private static RunningReferenceApp startHttp(
      ReferenceAppSettings settings, Database db, Seeder.Seeded seeded) {
    Set<String> routeNames = new LinkedHashSet<>();
    FaultInjector faults = new FaultInjector(List.of(), () -> Set.copyOf(routeNames));
    ExecutorService senders = Executors.newFixedThreadPool(16, daemon("refapp-email"));
    RequestStats stats = new RequestStats();
    ApiKeys keys = new ApiKeys(new Tokens(settings.secrets().jwtSecret()));
    Javalin app =
        Javalin.create(
            config -> {
              configure(config, settings);
              Router router =
                  new Router(
                      config,
                      new RateLimiter(settings.rateLimits()),
                      faults,
                      stats,
                      new SupabaseGateway(keys));
              registerRoutes(router, settings, db, stats, faults, senders, keys);
              routeNames.addAll(router.routeNames());
            });
    try {
      faults.set(settings.faults());
    } catch (IllegalArgumentException e) {
      senders.shutdownNow();
      throw new ReferenceAppException(e.getMessage());
    }
    try {
      app.start(settings.host(), settings.port());
    } catch (RuntimeException e) {
      senders.shutdownNow();
      throw new ReferenceAppException(
          "--port: cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "). Pick another port, or 0 for a free one.");
    }
    URI base = URI.create("http://" + hostForUrl(settings.host()) + ":" + app.port());
    Log.LOG.info("reference app listening on {}", base);
    TargetProfile profile =
        new TargetProfile(
            base,
            base,
            keys.anon(),
            Optional.ofNullable(seeded.admin()),
            Optional.of(settings.secrets().adminPortalKey()),
            Optional.of(settings.secrets().stripeWebhookSecret()),
            Optional.empty(),
            Optional.of(settings.secrets().cronSecret()),
            Optional.of(db.jdbcUrl()),
            seeded.accounts());
    return new Running(base, profile, faults, app, db, senders);
  }

  private static String hostForUrl(String host) {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static void configure(JavalinConfig config, ReferenceAppSettings settings) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = Json.MAX_BODY_BYTES;
    QueuedThreadPool pool = new QueuedThreadPool(settings.httpMaxThreads(), 8, 60_000);
    pool.setName("refapp-http");
    config.jetty.threadPool = pool;
    config.routes.exception(ApiError.class, (e, ctx) -> Json.send(ctx, e.status(), e.body()));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          int status = e.getStatus();
          if (status == 404) {
            Json.send(ctx, 404, Json.obj("error", "Not found", "code", "NOT_FOUND"));
          } else if (status >= 500) {
            ApiError internal = ApiError.internal();
            Json.send(ctx, internal.status(), internal.body());
          } else {
            Json.send(ctx, status, Json.obj("error", e.getMessage(), "code", "BAD_REQUEST"));
          }
        });
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          Log.LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
          ApiError internal = ApiError.internal();
          Json.send(ctx, internal.status(), internal.body());
        });
    config.routes.error(
        404,
        ctx -> {
          if (ctx.result() == null) {
            Json.send(ctx, 404, Json.obj("error", "Not found", "code", "NOT_FOUND"));
          }
        });
  }

  /** Every route of the app, registered in this one place (used by {@link #start} and tests). */
  static void registerRoutes(
      Router router,
      ReferenceAppSettings settings,
      Database db,
      RequestStats stats,
      FaultInjector faults,
      ExecutorService senders,
      ApiKeys keys) {
    AppSecrets secrets = settings.secrets();
    Tokens tokens = new Tokens(secrets.jwtSecret());
    Sessions sessions = new Sessions(tokens, db);
    new HealthRoutes(db, stats).register(router);
    new AuthRoutes(db, tokens, sessions).register(router);
    new RestRoutes(db, sessions, keys).register(router);
    new LetterRoutes(db, sessions, new AiStandIn(settings.aiLatency(), settings.randomSeed()))
        .register(router);
    new PaymentRoutes(db, sessions, secrets.stripeWebhookSecret()).register(router);
    new AdminRoutes(db, sessions, tokens, new Csrf(secrets.csrfSecret()), secrets.adminPortalKey())
        .register(router);
    new EmailRoutes(
            db, secrets.cronSecret(), settings.emailProvider(), senders, settings.randomSeed())
        .register(router);
    new ControlRoutes(faults, keys.anon().reveal()).register(router);
  }

  /** The started app. */
  private static final class Running implements RunningReferenceApp {
    private final URI base;
    private final TargetProfile profile;
    private final FaultInjector faults;
    private final Javalin app;
    private final Database db;
    private final ExecutorService senders;
    private boolean closed;

    Running(
        URI base,
        TargetProfile profile,
        FaultInjector faults,
        Javalin app,
        Database db,
        ExecutorService senders) {
      this.base = base;
      this.profile = profile;
      this.faults = faults;
      this.app = app;
      this.db = db;
      this.senders = senders;
    }

    @Override
    public URI baseUrl() {
      return base;
    }

    @Override
    public TargetProfile targetProfile() {
      return profile;
    }

    @Override
    public FaultControl faults() {
      return faults;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        app.stop();
      } catch (RuntimeException e) {
        Log.LOG.warn("stopping HTTP failed: {}", e.toString());
      }
      senders.shutdownNow();
      try {
        senders.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      db.close();
    }
  }

  /**
   * Starts the app and prints its base URL. Options: {@code --host H}, {@code --port N}, {@code
   * --database-url URL}, {@code --ai-latency fast|realistic}, {@code --seed-scale K}, {@code
   * --inject FAULT} (repeatable), {@code --rate-limits on|off}. Stops on Ctrl-C.
   */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "refapp-logback.xml");
    }
    ReferenceAppSettings settings;
    try {
      settings = parseArgs(args, ReferenceAppSettings.defaults());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    RunningReferenceApp running;
    try {
      running = start(settings);
    } catch (ReferenceAppException e) {
      System.err.println(e.getMessage());
      System.exit(3);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "refapp-shutdown"));
    System.out.println(running.baseUrl());
  }

  /** Applies command-line options to {@code base}. */
  public static ReferenceAppSettings parseArgs(String[] args, ReferenceAppSettings base) {
    ReferenceAppSettings s = base;
    List<FaultSpec> faults = new ArrayList<>(base.faults());
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(opt + ": missing value. Example: --port 8080");
      }
      String v = args[++i];
      switch (opt) {
        case "--host" -> s = s.withHost(v);
        case "--port" -> s = s.withPort(intArg(opt, v));
        case "--database-url" -> s = s.withDatabaseUrl(Secret.of(v));
        case "--ai-latency" -> s = s.withAiLatency(AiLatency.parse(v));
        case "--seed-scale" -> s = s.withSeedScale(intArg(opt, v));
        case "--inject" -> faults.addAll(FaultSpec.parseList(v));
        case "--rate-limits" -> s = s.withRateLimits(RateLimits.parse(v));
        default ->
            throw new IllegalArgumentException(
                opt
                    + ": unknown option (expected --host, --port, --database-url, --ai-latency,"
                    + " --seed-scale, --inject or --rate-limits).");
      }
    }
    return s.withFaults(faults);
  }

  private static int intArg(String opt, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          opt + ": not a whole number (expected digits, got \"" + v + "\").");
    }
  }
}
