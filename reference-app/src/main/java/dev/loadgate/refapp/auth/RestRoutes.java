package dev.loadgate.refapp.auth;

import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.gateway.ApiKeys;
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
 * The PostgREST reads the clients make: {@code GET /rest/v1/letters?select=status&id=eq.<id>}
 * (status polling) and {@code GET /rest/v1/profiles?select=role&id=eq.<uid>} (the middleware's and
 * the login page's role read). Filters are {@code <column>=eq.<value>} on the listed columns,
 * combined with AND, plus {@code limit}. Row-level security as the real policies: a letter is
 * visible to its subscriber owner and to admins, a profile to itself and to super admins, every row
 * to the service role, none to the anon role.
 *
 * <p>{@code Accept: application/vnd.pgrst.object+json} (what {@code .single()} sends) asks for one
 * object: exactly one row answers it, zero or several answer 406 {@code PGRST116}.
 */
public final class RestRoutes {
  /** The media type of a singular answer. */
  public static final String OBJECT_MEDIA_TYPE = "application/vnd.pgrst.object+json";

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
  private static final Set<String> UUID_COLUMNS = Set.of("id", "user_id");
  private static final Set<String> ENUM_COLUMNS = Set.of("status", "role", "admin_sub_role");
  private static final Set<String> NOT_FILTERS = Set.of("select", "limit", "apikey", "order");

  private final Database db;
  private final Sessions sessions;
  private final ApiKeys keys;

  public RestRoutes(Database db, Sessions sessions, ApiKeys keys) {
    this.db = db;
    this.sessions = sessions;
    this.keys = keys;
  }

  public void register(Router r) {
    r.get("/rest/v1/letters", "letter_generation", null, ctx -> read(ctx, "letters"));
    r.get("/rest/v1/profiles", "auth", null, ctx -> read(ctx, "profiles"));
  }

  static ApiError postgrest(int status, String code, String message, String details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("details", details);
    body.put("hint", null);
    body.put("message", message);
    return new ApiError(status, body);
  }

  /** One {@code column=eq.value} filter, its value already typed for the statement. */
  private record Filter(String column, Object value) {}

  /** Whose rows a request may see. */
  private sealed interface Viewer {}

  private record Anonymous() implements Viewer {}

  private record ServiceRole() implements Viewer {}

  private record User(Caller caller) implements Viewer {}

  private void read(Context ctx, String table) throws SQLException {
    Set<String> allowed = table.equals("letters") ? LETTER_COLUMNS : PROFILE_COLUMNS;
    List<String> columns = columns(ctx, table, allowed);
    List<Filter> filters = filters(ctx, table, allowed);
    int limit = limit(ctx);
    boolean singular = wantsObject(ctx.header("Accept"));
    Viewer viewer = viewer(ctx);
    List<Map<String, Object>> rows =
        viewer instanceof Anonymous ? List.of() : select(table, columns, filters, limit, viewer);
    if (singular) {
      if (rows.size() != 1) {
        throw postgrest(
            406,
            "PGRST116",
            "Cannot coerce the result to a single JSON object",
            "The result contains " + rows.size() + " rows");
      }
      ctx.header("Content-Range", "0-0/*");
      Json.send(ctx, 200, rows.get(0));
      ctx.contentType(OBJECT_MEDIA_TYPE + "; charset=utf-8");
      return;
    }
    ctx.header("Content-Range", rows.isEmpty() ? "*/*" : "0-" + (rows.size() - 1) + "/*");
    Json.send(ctx, 200, rows);
  }

  static boolean wantsObject(String accept) {
    return accept != null && accept.contains(OBJECT_MEDIA_TYPE);
  }

  private static List<String> columns(Context ctx, String table, Set<String> allowed) {
    List<String> columns = new ArrayList<>();
    String select = Optional.ofNullable(ctx.queryParam("select")).orElse("*");
    for (String col : select.split(",")) {
      String c = col.trim();
      if (c.equals("*")) {
        columns.addAll(allowed.stream().sorted().toList());
      } else if (allowed.contains(c)) {
        columns.add(c);
      } else {
        throw postgrest(400, "42703", "column " + table + "." + c + " does not exist", null);
      }
    }
    return columns;
  }

  private static List<Filter> filters(Context ctx, String table, Set<String> allowed) {
    List<Filter> filters = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      String column = e.getKey();
      if (NOT_FILTERS.contains(column)) {
        continue;
      }
      if (!allowed.contains(column)) {
        throw postgrest(400, "42703", "column " + table + "." + column + " does not exist", null);
      }
      for (String condition : e.getValue()) {
        if (!condition.startsWith("eq.")) {
          throw postgrest(
              400,
              "PGRST100",
              "\"failed to parse filter (" + condition + ")\" (line 1, column 1)",
              "the stand-in supports the eq operator only");
        }
        String value = condition.substring(3);
        filters.add(new Filter(column, UUID_COLUMNS.contains(column) ? uuid(value) : value));
      }
    }
    return filters;
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw postgrest(400, "22P02", "invalid input syntax for type uuid: \"" + value + "\"", null);
    }
  }

  private static int limit(Context ctx) {
    String v = ctx.queryParam("limit");
    if (v == null) {
      return 1000;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.min(n, 1000);
    } catch (NumberFormatException e) {
      throw postgrest(
          400, "PGRST100", "\"failed to parse limit (" + v + ")\" (line 1, column 1)", null);
    }
  }

  /**
   * The viewer: a user's token (Authorization or the session cookie) names the user; a token or an
   * {@code apikey} with the service role sees everything; the anon key alone sees nothing.
   */
  private Viewer viewer(Context ctx) throws SQLException {
    Optional<String> role = sessions.jwtRole(ctx);
    if (role.isPresent() && role.get().equals("service_role")) {
      return new ServiceRole();
    }
    Optional<Caller> caller = sessions.findByJwt(ctx);
    if (caller.isPresent()) {
      return new User(caller.get());
    }
    if (role.isEmpty()
        && keys.roleOf(ctx.header("apikey")).orElse(null) == ApiKeys.Role.SERVICE_ROLE) {
      return new ServiceRole();
    }
    return new Anonymous();
  }

  private List<Map<String, Object>> select(
      String table, List<String> columns, List<Filter> filters, int limit, Viewer viewer)
      throws SQLException {
    List<String> selected = new ArrayList<>();
    for (String c : columns) {
      selected.add(ENUM_COLUMNS.contains(c) ? c + "::text as " + c : c);
    }
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    for (Filter f : filters) {
      where.add(
          ENUM_COLUMNS.contains(f.column()) ? f.column() + "::text = ?" : f.column() + " = ?");
      args.add(f.value());
    }
    if (viewer instanceof User user) {
      Caller who = user.caller();
      if (table.equals("letters") && !who.isAdmin()) {
        where.add("user_id = ? and ?::text = 'subscriber'");
        args.add(who.id());
        args.add(who.role());
      } else if (table.equals("profiles") && !who.isSuperAdmin()) {
        where.add("id = ?");
        args.add(who.id());
      }
    }
    String sql =
        "select "
            + String.join(", ", selected)
            + " from "
            + table
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " limit ?";
    args.add(limit);
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
              ps.setObject(i + 1, args.get(i));
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
  }
}
