package dev.loadgate.refapp.admin;

import static dev.loadgate.refapp.admin.QueryParams.intParam;

import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.db.Rpc;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/admin/analytics?days=&months=} (super admins): the four analytics functions of
 * the migrations, as the real route calls the four RPCs.
 */
final class AnalyticsRoutes {
  private final Database db;
  private final AdminAuth auth;

  AnalyticsRoutes(Database db, AdminAuth auth) {
    this.db = db;
    this.auth = auth;
  }

  void register(Router r) {
    r.get("/api/admin/analytics", "admin_dashboard", "admin", this::analytics);
  }

  private void analytics(Context ctx) throws SQLException {
    auth.requireAdmin(ctx, true);
    int days = intParam(ctx, "days", 30, 1, 3650);
    int months = intParam(ctx, "months", 12, 1, 120);
    Map<String, Object> data =
        db.withConnection(
            c -> {
              Map<String, Object> d = new LinkedHashMap<>();
              d.put("dashboard", Rpc.row(c, "get_admin_dashboard_stats"));
              d.put("letters", Rpc.row(c, "get_letter_statistics", days));
              d.put("subscriptions", Rpc.row(c, "get_subscription_analytics"));
              d.put("revenue", Rpc.rows(c, "get_revenue_summary", months));
              return d;
            });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("data", data);
    out.put("generatedAt", Instant.now().toString());
    Json.send(ctx, 200, out);
  }
}
