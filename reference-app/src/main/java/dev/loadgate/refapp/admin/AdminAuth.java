package dev.loadgate.refapp.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.loadgate.refapp.auth.Caller;
import dev.loadgate.refapp.auth.Sessions;
import dev.loadgate.refapp.auth.Tokens;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.ClientIp;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import dev.loadgate.targets.Secret;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The admin portal's login as the operations guide describes it: e-mail, password and portal key
 * (constant-time compare), an {@code admin_session} cookie (HS256 JWT) with a sliding 30-minute
 * timeout, CSRF tokens for mutations. Failed logins are written to {@code security_audit_log}.
 */
public final class AdminAuth {
  /** Inactivity after which the admin session ends. */
  public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);

  /** The session cookie's name. */
  public static final String COOKIE = "admin_session";

  private final Database db;
  private final Sessions sessions;
  private final Tokens tokens;
  private final Csrf csrf;
  private final Secret portalKey;

  public AdminAuth(Database db, Sessions sessions, Tokens tokens, Csrf csrf, Secret portalKey) {
    this.db = db;
    this.sessions = sessions;
    this.tokens = tokens;
    this.csrf = csrf;
    this.portalKey = portalKey;
  }

  void register(Router r) {
    r.post("/api/admin-auth/login", "admin_dashboard", "admin", this::login);
    r.post("/api/admin-auth/logout", "admin_dashboard", null, this::logout);
    r.get("/api/admin/csrf", "admin_dashboard", "admin", this::csrfToken);
  }

  /** The login row of an account. */
  private record PortalUser(UUID id, String passwordHash) {}

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
    Optional<PortalUser> user = findUser(email.toLowerCase(Locale.ROOT));
    if (user.isEmpty() || !BCrypt.checkpw(password, user.get().passwordHash())) {
      recordFailure(email, ip, "invalid_credentials");
      throw ApiError.plain(401, "Invalid email or password");
    }
    Caller caller =
        sessions
            .profile(user.get().id())
            .orElseThrow(() -> ApiError.plain(404, "User profile not found"));
    if (!caller.isAdmin()) {
      recordFailure(email, ip, "not_admin");
      throw ApiError.plain(403, "Access denied. Administrator privileges required.");
    }
    setSessionCookie(ctx, caller, Instant.now().toEpochMilli());
    String subRole = subRole(caller);
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

  private static String subRole(Caller caller) {
    return caller.adminSubRole() == null ? "super_admin" : caller.adminSubRole();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private Optional<PortalUser> findUser(String email) throws SQLException {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select id, encrypted_password from auth.users where email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new PortalUser(rs.getObject(1, UUID.class), rs.getString(2)))
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
    data.put("subRole", subRole(caller));
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
   * timeout slides. 401 without a valid session, 403 for a non-super admin where {@code superOnly}.
   */
  Caller requireAdmin(Context ctx, boolean superOnly) throws SQLException {
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

  /** 403 {@code CSRF validation failed} unless the {@code x-csrf-token} header is valid. */
  void requireCsrf(Context ctx) {
    String problem = csrf.problem(ctx.header("x-csrf-token"), Instant.now().toEpochMilli());
    if (problem != null) {
      throw ApiError.withDetails(403, null, "CSRF validation failed", problem);
    }
  }

  /** A fresh CSRF token, as the review page embeds one. */
  String issueCsrf() {
    return csrf.issue(Instant.now().toEpochMilli());
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
}
