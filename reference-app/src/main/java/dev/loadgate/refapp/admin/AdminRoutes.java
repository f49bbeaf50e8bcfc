package dev.loadgate.refapp.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.loadgate.refapp.auth.Caller;
import dev.loadgate.refapp.auth.Sessions;
import dev.loadgate.refapp.auth.Tokens;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.email.EmailQueue;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.ClientIp;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import dev.loadgate.refapp.letters.Audit;
import dev.loadgate.refapp.letters.LetterRoutes;
import dev.loadgate.targets.Secret;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The admin portal as the operations guide describes it: login with e-mail, password and portal key
 * (constant-time compare), an {@code admin_session} cookie (HS256 JWT) with a sliding 30-minute
 * timeout, dashboard analytics as SQL aggregates, the review queue, and approve/reject with the
 * CSRF header. Failed logins are written to {@code security_audit_log}.
 */
public final class AdminRoutes {
  /** Inactivity after which the admin session ends. */
  public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);

  /** The session cookie's name. */
  public static final String COOKIE = "admin_session";

  private static final Set<String> STATUSES =
      Set.of(
          "draft",
          "generating",
          "pending_review",
          "under_review",
          "approved",
          "rejected",
          "completed",
          "failed");

  private final Database db;
  private final Sessions sessions;
  private final Tokens tokens;
  private final Csrf csrf;
  private final Secret portalKey;

  public AdminRoutes(Database db, Sessions sessions, Tokens tokens, Csrf csrf, Secret portalKey) {
    this.db = db;
    this.sessions = sessions;
    this.tokens = tokens;
    this.csrf = csrf;
    this.portalKey = portalKey;
  }

  public void register(Router r) {
    r.post("/api/admin-auth/login", "admin_dashboard", "admin", this::login);
    r.post("/api/admin-auth/logout", "admin_dashboard", null, this::logout);
    r.get("/api/admin/csrf", "admin_dashboard", "admin", this::csrfToken);
    r.get("/api/admin/analytics", "admin_dashboard", "admin", this::analytics);
    r.get("/api/admin/letters", "admin_dashboard", "admin", this::letters);
    r.get("/api/admin/letters/{id}", "admin_dashboard", "admin", this::review);
    r.post("/api/letters/{id}/start-review", "admin_dashboard", "admin", this::startReview);
    r.post("/api/letters/{id}/approve", "admin_dashboard", "admin", this::approve);
    r.post("/api/letters/{id}/reject", "admin_dashboard", "admin", this::reject);
  }

  // ---------------------------------------------------------------- login and session

  private void login(Context ctx) throws SQLException {
    ObjectNode body = Json.object(ctx);
    String email = Json.text(body, "email");
    String password = Json.text(body, "password");
    String key = Json.text(body, "portalKey");
    if (blank(email) || blank(password) || blank(key)) {
      throw ApiError.plain(400, "Email, password, and portal key are required");
    }
    String ip = ClientIp.of(ctx);
    if (!Tokens.constantTimeEquals(portalKey.reveal(), key)) {
      recordFailure(email, ip, "invalid_portal_key");
      throw ApiError.plain(401, "Invalid portal key");
    }
    Optional<String[]> user = findUser(email.toLowerCase(Locale.ROOT));
    if (user.isEmpty() || !BCrypt.checkpw(password, user.get()[1])) {
      recordFailure(email, ip, "invalid_credentials");
      throw ApiError.plain(401, "Invalid email or password");
    }
    UUID id = UUID.fromString(user.get()[0]);
    Caller caller =
        sessions.profile(id).orElseThrow(() -> ApiError.plain(404, "User profile not found"));
    if (!caller.isAdmin()) {
      recordFailure(email, ip, "not_admin");
      throw ApiError.plain(403, "Access denied. Administrator privileges required.");
    }
    long now = Instant.now().toEpochMilli();
    setSessionCookie(ctx, caller, now);
    String subRole = caller.adminSubRole() == null ? "super_admin" : caller.adminSubRole();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("message", "Admin authentication successful");
    out.put(
        "redirectUrl",
        subRole.equals("super_admin")
            ? "/secure-admin-gateway/dashboard"
            : "/attorney-portal/review");
    out.put("subRole", subRole);
    Json.send(ctx, 200, out);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private Optional<String[]> findUser(String email) throws SQLException {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select id, encrypted_password from auth.users where email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
                  : Optional.empty();
            }
          }
        });
  }

  private void recordFailure(String email, String ip, String reason) throws SQLException {
    db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into security_audit_log (event_type, email, ip_address, details)"
                      + " values ('admin_login_failed', ?, ?, jsonb_build_object('reason', ?::text))")) {
            ps.setString(1, email);
            ps.setString(2, ip);
            ps.setString(3, reason);
            return ps.executeUpdate();
          }
        });
  }

  private void setSessionCookie(Context ctx, Caller caller, long loginTimeMillis) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("email", caller.email());
    data.put("subRole", caller.adminSubRole() == null ? "super_admin" : caller.adminSubRole());
    data.put("loginTime", loginTimeMillis);
    data.put("lastActivity", Instant.now().toEpochMilli());
    String jwt =
        tokens.sign(
            caller.id().toString(),
            Map.of("iss", "talk-to-my-lawyer", "data", data),
            SESSION_TIMEOUT);
    Cookie cookie = new Cookie(COOKIE, jwt);
    cookie.setHttpOnly(true);
    cookie.setPath("/");
    cookie.setMaxAge((int) SESSION_TIMEOUT.toSeconds());
    cookie.setSameSite(SameSite.LAX);
    ctx.cookie(cookie);
  }

  /**
   * The admin behind the {@code admin_session} cookie; reissues the cookie so that the 30-minute
   * timeout slides. 401 without a valid session, 403 for a non-admin.
   */
  private Caller requireAdmin(Context ctx, boolean superOnly) throws SQLException {
    Optional<JWTClaimsSet> claims = tokens.verify(ctx.cookie(COOKIE));
    if (claims.isEmpty() || !"talk-to-my-lawyer".equals(claims.get().getIssuer())) {
      throw ApiError.plain(401, "Admin authentication required");
    }
    UUID id;
    long loginTime;
    try {
      id = UUID.fromString(claims.get().getSubject());
      Object lt = claims.get().getJSONObjectClaim("data").get("loginTime");
      loginTime = lt instanceof Number n ? n.longValue() : Instant.now().toEpochMilli();
    } catch (IllegalArgumentException | java.text.ParseException | NullPointerException e) {
      throw ApiError.plain(401, "Admin authentication required");
    }
    Caller caller =
        sessions
            .profile(id)
            .orElseThrow(() -> ApiError.plain(401, "Admin authentication required"));
    if (!caller.isAdmin()) {
      throw ApiError.plain(401, "Admin authentication required");
    }
    if (superOnly && !caller.isSuperAdmin()) {
      throw ApiError.plain(403, "Super admin access required");
    }
    setSessionCookie(ctx, caller, loginTime);
    return caller;
  }

  private void requireCsrf(Context ctx) {
    String problem = csrf.problem(ctx.header("x-csrf-token"), Instant.now().toEpochMilli());
    if (problem != null) {
      throw ApiError.withDetails(403, null, "CSRF validation failed", problem);
    }
  }

  private void logout(Context ctx) {
    ctx.removeCookie(COOKIE, "/");
    Json.send(ctx, 200, Json.obj("success", true, "message", "Logged out successfully"));
  }

  private void csrfToken(Context ctx) throws SQLException {
    requireAdmin(ctx, false);
    long now = Instant.now().toEpochMilli();
    String token = csrf.issue(now);
    long expiresAt = now + Csrf.VALIDITY.toMillis();
    Cookie cookie = new Cookie("csrf_token", token.split(":")[0] + ":" + expiresAt);
    cookie.setHttpOnly(true);
    cookie.setPath("/");
    cookie.setSameSite(SameSite.STRICT);
    ctx.cookie(cookie);
    Json.send(ctx, 200, Json.obj("csrfToken", token, "expiresAt", expiresAt));
  }

  // ---------------------------------------------------------------- dashboard data

  private void analytics(Context ctx) throws SQLException {
    requireAdmin(ctx, true);
    int days = intParam(ctx, "days", 30, 1, 3650);
    int months = intParam(ctx, "months", 12, 1, 120);
    Map<String, Object> data =
        db.withConnection(
            c -> {
              Map<String, Object> d = new LinkedHashMap<>();
              d.put("dashboard", one(c, Analytics.DASHBOARD));
              d.put("letters", one(c, Analytics.LETTERS, days));
              d.put("subscriptions", one(c, Analytics.SUBSCRIPTIONS));
              d.put("revenue", all(c, Analytics.REVENUE, months));
              return d;
            });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("data", data);
    out.put("generatedAt", Instant.now().toString());
    Json.send(ctx, 200, out);
  }

  private static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.validation(
          name + " must be an integer from " + min + " to " + max + " (got \"" + v + "\")");
    }
  }

  private static Map<String, Object> one(Connection c, String sql, Object... args)
      throws SQLException {
    List<Map<String, Object>> rows = all(c, sql, args);
    return rows.isEmpty() ? Map.of() : rows.get(0);
  }

  private static List<Map<String, Object>> all(Connection c, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rows(rs);
      }
    }
  }

  private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Map<String, Object>> out = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object v = rs.getObject(i);
        if (v instanceof java.sql.Timestamp t) {
          v = t.toInstant().toString();
        } else if (v instanceof UUID || v instanceof org.postgresql.util.PGobject) {
          v = v.toString();
        }
        row.put(md.getColumnLabel(i), v);
      }
      out.add(row);
    }
    return out;
  }

  private void letters(Context ctx) throws SQLException {
    requireAdmin(ctx, false);
    int limit = intParam(ctx, "limit", 100, 1, 200);
    int offset = intParam(ctx, "offset", 0, 0, 1_000_000);
    String status = ctx.queryParam("status");
    if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
      throw ApiError.validation(
          "status must be one of "
              + String.join(", ", STATUSES.stream().sorted().toList())
              + " (got \""
              + status
              + "\")");
    }
    String filter = status == null || status.isBlank() ? null : status;
    Map<String, Object> out =
        db.withConnection(
            c -> {
              long total;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "select count(*) from letters where (?::letter_status is null"
                          + " or status = ?::letter_status)")) {
                ps.setString(1, filter);
                ps.setString(2, filter);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  total = rs.getLong(1);
                }
              }
              List<Map<String, Object>> list;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "select l.id, l.title, l.letter_type, l.status::text as status, l.created_at,"
                          + " l.approved_at, l.assigned_to, l.assigned_at, p.full_name, p.email"
                          + " from letters l join profiles p on p.id = l.user_id"
                          + " where (?::letter_status is null or l.status = ?::letter_status)"
                          + " order by l.created_at desc limit ? offset ?")) {
                ps.setString(1, filter);
                ps.setString(2, filter);
                ps.setInt(3, limit);
                ps.setInt(4, offset);
                try (ResultSet rs = ps.executeQuery()) {
                  list = rows(rs);
                }
              }
              for (Map<String, Object> row : list) {
                Map<String, Object> profile = new LinkedHashMap<>();
                profile.put("full_name", row.remove("full_name"));
                profile.put("email", row.remove("email"));
                row.put("profiles", profile);
              }
              Map<String, Object> page = new LinkedHashMap<>();
              page.put("total", total);
              page.put("limit", limit);
              page.put("offset", offset);
              page.put("hasMore", offset + list.size() < total);
              Map<String, Object> o = new LinkedHashMap<>();
              o.put("success", true);
              o.put("letters", list);
              o.put("pagination", page);
              return o;
            });
    Json.send(ctx, 200, out);
  }

  // ---------------------------------------------------------------- review actions

  /** Opening a letter for review, as the review page: pending_review moves to under_review. */
  private void review(Context ctx) throws SQLException {
    Caller admin = requireAdmin(ctx, false);
    UUID id = LetterRoutes.parseId(ctx.pathParam("id"));
    Map<String, Object> out =
        db.inTransaction(
            c -> {
              List<Map<String, Object>> found =
                  all(
                      c,
                      "select l.id, l.title, l.status::text as status, l.letter_type,"
                          + " l.ai_draft_content, l.final_content, l.created_at, l.user_id,"
                          + " p.full_name, p.email from letters l join profiles p on p.id = l.user_id"
                          + " where l.id = ? for update of l",
                      id);
              if (found.isEmpty()) {
                throw ApiError.notFound("Letter not found");
              }
              Map<String, Object> letter = found.get(0);
              if ("pending_review".equals(letter.get("status"))) {
                transition(c, id, "under_review", admin, null);
                Audit.log(
                    c, id, "review_started", admin.id(), "pending_review", "under_review", null);
                letter.put("status", "under_review");
              }
              Map<String, Object> o = new LinkedHashMap<>();
              o.put("success", true);
              o.put("letter", letter);
              o.put(
                  "auditTrail",
                  all(
                      c,
                      "select action, performed_by, old_status, new_status, notes, created_at"
                          + " from letter_audit_trail where letter_id = ? order by created_at desc, id desc",
                      id));
              o.put("csrfToken", csrf.issue(Instant.now().toEpochMilli()));
              return o;
            });
    Json.send(ctx, 200, out);
  }

  private void startReview(Context ctx) throws SQLException {
    Caller admin = requireAdmin(ctx, false);
    requireCsrf(ctx);
    UUID id = LetterRoutes.parseId(ctx.pathParam("id"));
    act(id, admin, Set.of("pending_review"), "under_review", "review_started", null, null, null);
    Json.send(ctx, 200, Json.obj("success", true, "message", "Review started"));
  }

  private void approve(Context ctx) throws SQLException {
    Caller admin = requireAdmin(ctx, false);
    requireCsrf(ctx);
    UUID id = LetterRoutes.parseId(ctx.pathParam("id"));
    ObjectNode body = Json.object(ctx);
    String finalContent = Json.text(body, "finalContent");
    String notes = Json.text(body, "reviewNotes");
    act(
        id,
        admin,
        Set.of("pending_review", "under_review"),
        "approved",
        "approved",
        finalContent,
        notes,
        null);
    Json.send(ctx, 200, Json.obj("success", true, "message", "Letter approved successfully"));
  }

  private void reject(Context ctx) throws SQLException {
    Caller admin = requireAdmin(ctx, false);
    requireCsrf(ctx);
    UUID id = LetterRoutes.parseId(ctx.pathParam("id"));
    ObjectNode body = Json.object(ctx);
    String reason = Json.text(body, "rejectionReason");
    if (reason == null || reason.isBlank()) {
      throw ApiError.validation("rejectionReason is required");
    }
    act(
        id,
        admin,
        Set.of("pending_review", "under_review"),
        "rejected",
        "rejected",
        null,
        Json.text(body, "reviewNotes"),
        reason);
    Json.send(ctx, 200, Json.obj("success", true, "message", "Letter rejected successfully"));
  }

  private void act(
      UUID id,
      Caller admin,
      Set<String> from,
      String to,
      String action,
      String finalContent,
      String notes,
      String rejectionReason)
      throws SQLException {
    db.inTransaction(
        c -> {
          String status;
          String ownerEmail;
          String title;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select l.status::text, p.email, l.title from letters l"
                      + " join profiles p on p.id = l.user_id where l.id = ? for update of l")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw ApiError.notFound("Letter not found");
              }
              status = rs.getString(1);
              ownerEmail = rs.getString(2);
              title = rs.getString(3);
            }
          }
          if (!from.contains(status)) {
            throw ApiError.validation(
                "Cannot move a letter from "
                    + status
                    + " to "
                    + to
                    + " (expected status "
                    + String.join(" or ", from.stream().sorted().toList())
                    + ")");
          }
          Map<String, Object> extra = new LinkedHashMap<>();
          extra.put("final_content", finalContent);
          extra.put("review_notes", notes);
          extra.put("rejection_reason", rejectionReason);
          transition(c, id, to, admin, extra);
          Audit.log(c, id, action, admin.id(), status, to, notes);
          if (to.equals("approved") || to.equals("rejected")) {
            EmailQueue.enqueue(
                c,
                "letter-" + to,
                ownerEmail,
                "Your letter was " + to,
                "Your letter \"" + title + "\" was " + to + " by our review team.");
          }
          return null;
        });
  }

  private static void transition(
      Connection c, UUID id, String to, Caller admin, Map<String, Object> extra)
      throws SQLException {
    boolean approved = to.equals("approved");
    boolean reviewed = approved || to.equals("rejected");
    try (PreparedStatement ps =
        c.prepareStatement(
            "update letters set status = ?::letter_status, updated_at = now(),"
                + " reviewed_by = ?, assigned_to = coalesce(assigned_to, ?),"
                + " assigned_at = coalesce(assigned_at, now()),"
                + " reviewed_at = case when ? then now() else reviewed_at end,"
                + " approved_at = case when ? then now() else approved_at end,"
                + " is_attorney_reviewed = is_attorney_reviewed or ?,"
                + " final_content = coalesce(?, case when ? then coalesce(final_content,"
                + " ai_draft_content) else final_content end),"
                + " review_notes = coalesce(?, review_notes),"
                + " rejection_reason = coalesce(?, rejection_reason) where id = ?")) {
      Map<String, Object> x = extra == null ? Map.of() : extra;
      ps.setString(1, to);
      ps.setObject(2, admin.id());
      ps.setObject(3, admin.id());
      ps.setBoolean(4, reviewed);
      ps.setBoolean(5, approved);
      ps.setBoolean(6, approved);
      ps.setString(7, (String) x.get("final_content"));
      ps.setBoolean(8, approved);
      ps.setString(9, (String) x.get("review_notes"));
      ps.setString(10, (String) x.get("rejection_reason"));
      ps.setObject(11, id);
      ps.executeUpdate();
    }
  }
}
