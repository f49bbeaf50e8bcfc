package dev.loadgate.refapp.health;

import com.sun.management.OperatingSystemMXBean;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.RequestStats;
import dev.loadgate.refapp.http.Router;
import io.javalin.http.Context;
import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/health} in the real app's shape and {@code GET /api/health/detailed} in the
 * operations guide's shape; both answer 503 when the database check fails.
 */
public final class HealthRoutes {
  private final Database db;
  private final RequestStats stats;
  private final long startedNanos = System.nanoTime();

  public HealthRoutes(Database db, RequestStats stats) {
    this.db = db;
    this.stats = stats;
  }

  public void register(Router r) {
    r.get("/api/health", "health", null, this::health);
    r.get("/api/health/detailed", "health", null, this::detailed);
  }

  /** The database check: {@code select id from profiles limit 1}, with its time. */
  private record DbCheck(boolean healthy, long millis, String error) {}

  private DbCheck checkDatabase() {
    long start = System.nanoTime();
    try {
      db.withConnection(
          c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from profiles limit 1");
                ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          });
      return new DbCheck(true, (System.nanoTime() - start) / 1_000_000, null);
    } catch (SQLException | RuntimeException e) {
      return new DbCheck(false, (System.nanoTime() - start) / 1_000_000, "Database unreachable");
    }
  }

  private static Map<String, Object> service(String status, Object details) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    if (details != null) {
      m.put("details", details);
    }
    return m;
  }

  private void health(Context ctx) {
    DbCheck dbCheck = checkDatabase();
    String overall = dbCheck.healthy() ? "healthy" : "unhealthy";
    Map<String, Object> database = service(dbCheck.healthy() ? "healthy" : "unhealthy", null);
    database.put("responseTime", dbCheck.millis());
    if (dbCheck.error() != null) {
      database.put("error", dbCheck.error());
    }
    Map<String, Object> services = new LinkedHashMap<>();
    services.put("database", database);
    services.put("auth", service("healthy", null));
    services.put("stripe", service("healthy", Json.obj("testMode", true)));
    services.put("openai", service("healthy", Json.obj("hasOpenAIKey", false, "standIn", true)));
    services.put("redis", service("healthy", Json.obj("standIn", "in-memory rate limiter")));
    Runtime rt = Runtime.getRuntime();
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("heapTotal", rt.totalMemory());
    memory.put("heapUsed", rt.totalMemory() - rt.freeMemory());
    memory.put("heapMax", rt.maxMemory());
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("responseTime", Math.round(stats.meanMillis()));
    metrics.put("uptime", uptimeMillis());
    metrics.put("memoryUsage", memory);
    metrics.put(
        "activeConnections",
        db.pool().getHikariPoolMXBean() == null
            ? 0
            : db.pool().getHikariPoolMXBean().getActiveConnections());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", overall);
    out.put("timestamp", Instant.now().toString());
    out.put("version", "loadgate-reference-app");
    out.put("uptime", uptimeMillis() / 1000);
    out.put("services", services);
    out.put("environment", "loadgate");
    out.put("metrics", metrics);
    Json.send(ctx, dbCheck.healthy() ? 200 : 503, out);
  }

  private void detailed(Context ctx) {
    DbCheck dbCheck = checkDatabase();
    Map<String, Object> services = new LinkedHashMap<>();
    services.put("database", dbCheck.healthy() ? "healthy" : "unhealthy");
    services.put("stripe", "healthy");
    services.put("email", "healthy");
    services.put("ai", "healthy");
    services.put("redis", "healthy");
    Map<String, Object> performance = new LinkedHashMap<>();
    performance.put("avgResponseTime", Math.round(stats.meanMillis()) + "ms");
    Runtime rt = Runtime.getRuntime();
    performance.put(
        "memoryUsage", percent((rt.totalMemory() - rt.freeMemory()) * 100.0 / rt.maxMemory()));
    double cpu =
        ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
            ? Math.max(0, os.getProcessCpuLoad()) * 100
            : 0;
    performance.put("cpuUsage", percent(cpu));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", dbCheck.healthy() ? "healthy" : "unhealthy");
    out.put("timestamp", Instant.now().toString());
    out.put("services", services);
    out.put("performance", performance);
    if (dbCheck.healthy()) {
      out.put("security", Json.obj("failedAdminLogins15m", failedAdminLogins()));
    }
    Json.send(ctx, dbCheck.healthy() ? 200 : 503, out);
  }

  private long failedAdminLogins() {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps =
                    c.prepareStatement(
                        "select count(*) from security_audit_log where event_type ="
                            + " 'admin_login_failed' and created_at > now() - interval '15 minutes'");
                ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          });
    } catch (SQLException e) {
      return -1;
    }
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.0f%%", value);
  }

  private long uptimeMillis() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
