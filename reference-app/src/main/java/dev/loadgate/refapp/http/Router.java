package dev.loadgate.refapp.http;

import dev.loadgate.refapp.gateway.SupabaseGateway;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Registers routes with their stable name (e.g. {@code "GET /api/letters/{id}/pdf"}), their path
 * (journey) name and their rate limiter, and wraps each handler with the API gateway's key check
 * (Supabase routes only), rate limiting, fault injection and response-time recording.
 */
public final class Router {

  /**
   * One registered route.
   *
   * @param method GET, POST or PUT
   * @param path the path pattern, {@code {id}} for parameters
   * @param pathName the journey it belongs to (auth, letter_generation, payment, download,
   *     admin_dashboard, email, health) or {@code control}
   * @param limiter the rate limiter bucket, or null
   */
  public record Route(String method, String path, String pathName, String limiter) {
    public String name() {
      return method + " " + path;
    }
  }

  private final JavalinConfig config;
  private final RateLimiter limiter;
  private final FaultInjector faults;
  private final RequestStats stats;
  private final SupabaseGateway gateway;
  private final List<Route> routes = new ArrayList<>();

  public Router(
      JavalinConfig config,
      RateLimiter limiter,
      FaultInjector faults,
      RequestStats stats,
      SupabaseGateway gateway) {
    this.config = config;
    this.limiter = limiter;
    this.faults = faults;
    this.stats = stats;
    this.gateway = gateway;
  }

  public void get(String path, String pathName, String limiterName, Handler handler) {
    add(new Route("GET", path, pathName, limiterName), handler);
  }

  public void post(String path, String pathName, String limiterName, Handler handler) {
    add(new Route("POST", path, pathName, limiterName), handler);
  }

  public void put(String path, String pathName, String limiterName, Handler handler) {
    add(new Route("PUT", path, pathName, limiterName), handler);
  }

  private void add(Route route, Handler handler) {
    routes.add(route);
    boolean guarded = SupabaseGateway.guards(route.path());
    Handler wrapped =
        ctx -> {
          long start = System.nanoTime();
          try {
            if (guarded) {
              gateway.check(ctx);
            }
            if (!route.pathName().equals("control")) {
              limiter.check(ctx, route.limiter());
              faults.apply(ctx, route.name(), route.pathName());
            }
            handler.handle(ctx);
          } finally {
            stats.record(System.nanoTime() - start);
          }
        };
    switch (route.method()) {
      case "GET" -> config.routes.get(route.path(), wrapped);
      case "POST" -> config.routes.post(route.path(), wrapped);
      case "PUT" -> config.routes.put(route.path(), wrapped);
      default -> throw new IllegalArgumentException("unsupported method " + route.method());
    }
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The stable names of the registered routes (fault targets). */
  public Set<String> routeNames() {
    Set<String> names = new LinkedHashSet<>();
    routes.forEach(r -> names.add(r.name()));
    return names;
  }
}
