package dev.loadgate.refapp.auth;

import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import io.javalin.http.Context;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The two PostgREST reads the clients make: {@code GET /rest/v1/letters?select=status&id=eq.<id>}
 * (status polling) and {@code GET /rest/v1/profiles?select=role&id=eq.<uid>} (role after sign-in).
 * Row-level security as the real policies: a letter is visible to its subscriber owner and to
 * admins, a profile to itself and to super admins; others get an empty array.
 */
public final class RestRoutes {
  private static final Set<String> LETTER_COLUMNS =
      Set.of(
          "id",
          "status",
          "title",
          "letter_type",
          "created_at",
          "updated_at",
          "approved_at",
          "user_id");
  private static final Set<String> PROFILE_COLUMNS =
      Set.of("id", "email", "full_name", "role", "admin_sub_role");

  private final Database db;
  private final Sessions sessions;

  public RestRoutes(Database db, Sessions sessions) {
    this.db = db;
    this.sessions = sessions;
  }

  public void register(Router r) {
    r.get("/rest/v1/letters", "letter_generation", null, ctx -> read(ctx, "letters"));
    r.get("/rest/v1/profiles", "auth", null, ctx -> read(ctx, "profiles"));
  }

  private static ApiError postgrest(int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("details", null);
    body.put("hint", null);
    body.put("message", message);
    return new ApiError(status, body);
  }

  private void read(Context ctx, String table) throws SQLException {
    Set<String> allowed = table.equals("letters") ? LETTER_COLUMNS : PROFILE_COLUMNS;
    List<String> columns = new ArrayList<>();
    String select = Optional.ofNullable(ctx.queryParam("select")).orElse("*");
    for (String col : select.split(",")) {
      String c = col.trim();
      if (c.equals("*")) {
        columns.addAll(allowed.stream().sorted().toList());
      } else if (allowed.contains(c)) {
        columns.add(c);
      } else {
        throw postgrest(400, "42703", "column " + table + "." + c + " does not exist");
      }
    }
    String idFilter = ctx.queryParam("id");
    if (idFilter == null || !idFilter.startsWith("eq.")) {
      throw postgrest(
          400, "PGRST100", "the stand-in needs an id=eq.<uuid> filter (got " + idFilter + ")");
    }
    UUID id;
    try {
      id = UUID.fromString(idFilter.substring(3));
    } catch (IllegalArgumentException e) {
      throw postgrest(
          400, "22P02", "invalid input syntax for type uuid: \"" + idFilter.substring(3) + "\"");
    }
    Optional<Caller> caller = sessions.find(ctx);
    if (caller.isEmpty()) {
      Json.send(ctx, 200, List.of()); // anon key only: RLS hides every row
      return;
    }
    Caller who = caller.get();
    String visibility =
        table.equals("letters")
            ? (who.isAdmin() ? "true" : "(user_id = ? and ?::text = 'subscriber')")
            : (who.isSuperAdmin() ? "true" : "id = ?");
    List<String> selected = new ArrayList<>();
    for (String c : columns) {
      selected.add(
          c.equals("status") || c.equals("role") || c.equals("admin_sub_role")
              ? c + "::text as " + c
              : c);
    }
    String sql =
        "select "
            + String.join(", ", selected)
            + " from "
            + table
            + " where id = ? and "
            + visibility;
    List<Map<String, Object>> rows =
        db.withConnection(
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                if (!visibility.equals("true")) {
                  ps.setObject(2, who.id());
                  if (table.equals("letters")) {
                    ps.setString(3, who.role());
                  }
                }
                try (ResultSet rs = ps.executeQuery()) {
                  List<Map<String, Object>> out = new ArrayList<>();
                  ResultSetMetaData md = rs.getMetaData();
                  while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                      Object v = rs.getObject(i);
                      row.put(md.getColumnLabel(i), v == null ? null : v.toString());
                    }
                    out.add(row);
                  }
                  return out;
                }
              }
            });
    Json.send(ctx, 200, rows);
  }
}
