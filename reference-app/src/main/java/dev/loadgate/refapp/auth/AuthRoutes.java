package dev.loadgate.refapp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Supabase Auth stand-in: sign-up, password and refresh-token grants, user lookup; bcrypt cost 10
 * password hashes, HS256 access tokens valid for one hour, rotating refresh tokens.
 */
public final class AuthRoutes {
  /** bcrypt cost factor, as Supabase. */
  public static final int BCRYPT_COST = 10;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private final Database db;
  private final Tokens tokens;
  private final Sessions sessions;
  // a real hash to compare against when the e-mail is unknown, so both cases cost one bcrypt
  private final String dummyHash = BCrypt.hashpw("loadgate-dummy", BCrypt.gensalt(BCRYPT_COST));

  public AuthRoutes(Database db, Tokens tokens, Sessions sessions) {
    this.db = db;
    this.tokens = tokens;
    this.sessions = sessions;
  }

  public void register(Router r) {
    r.post("/auth/v1/signup", "auth", null, this::signup);
    r.post("/auth/v1/token", "auth", null, this::token);
    r.get("/auth/v1/user", "auth", null, this::user);
  }

  /** A GoTrue-style error: {@code {code, error_code, msg}}. */
  static ApiError goTrue(int status, String errorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status);
    body.put("error_code", errorCode);
    body.put("msg", message);
    return new ApiError(status, body);
  }

  private void signup(Context ctx) throws SQLException {
    ObjectNode body = Json.object(ctx);
    String email = Json.text(body, "email");
    String password = Json.text(body, "password");
    if (email == null || !EMAIL.matcher(email).matches()) {
      throw goTrue(400, "validation_failed", "Unable to validate email address: invalid format");
    }
    if (password == null || password.length() < 6) {
      throw goTrue(422, "weak_password", "Password should be at least 6 characters.");
    }
    JsonNode data = body.path("data");
    String fullName = data.path("full_name").asText("");
    String role = data.path("role").asText("subscriber");
    if (!role.equals("employee")) {
      role = "subscriber"; // the signup trigger never creates admins
    }
    String normalized = email.toLowerCase(Locale.ROOT);
    String hash = BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST));
    UUID id = UUID.randomUUID();
    String chosenRole = role;
    boolean created =
        db.inTransaction(
            c -> {
              if (!Accounts.createUser(c, id, normalized, hash, fullName, chosenRole, null)) {
                return false;
              }
              if (chosenRole.equals("employee")) {
                Accounts.createEmployeeCoupon(c, id);
              }
              return true;
            });
    if (!created) {
      throw goTrue(422, "user_already_exists", "User already registered");
    }
    Json.send(ctx, 200, session(id, normalized, fullName, chosenRole));
  }

  private void token(Context ctx) throws SQLException {
    String grant = ctx.queryParam("grant_type");
    if ("password".equals(grant)) {
      passwordGrant(ctx);
    } else if ("refresh_token".equals(grant)) {
      refreshGrant(ctx);
    } else {
      throw goTrue(
          400,
          "unsupported_grant_type",
          "unsupported_grant_type (expected password or refresh_token, got "
              + (grant == null ? "none" : "\"" + grant + "\"")
              + ")");
    }
  }

  private void passwordGrant(Context ctx) throws SQLException {
    ObjectNode body = Json.object(ctx);
    String email = Json.text(body, "email");
    String password = Json.text(body, "password");
    if (email == null || password == null) {
      throw goTrue(400, "validation_failed", "missing email or phone");
    }
    Optional<Map<String, Object>> row = findUser(email.toLowerCase(Locale.ROOT));
    String hash = row.map(m -> (String) m.get("hash")).orElse(dummyHash);
    boolean ok = BCrypt.checkpw(password, hash);
    if (row.isEmpty() || !ok) {
      throw goTrue(400, "invalid_credentials", "Invalid login credentials");
    }
    Map<String, Object> u = row.get();
    UUID id = (UUID) u.get("id");
    db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("update auth.users set last_sign_in_at = now() where id = ?")) {
            ps.setObject(1, id);
            return ps.executeUpdate();
          }
        });
    Json.send(
        ctx,
        200,
        session(id, (String) u.get("email"), (String) u.get("name"), (String) u.get("role")));
  }

  private void refreshGrant(Context ctx) throws SQLException {
    ObjectNode body = Json.object(ctx);
    String refresh = Json.text(body, "refresh_token");
    if (refresh == null || refresh.isBlank()) {
      throw goTrue(400, "validation_failed", "Refresh Token is required");
    }
    UUID userId =
        db.inTransaction(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "select user_id, revoked from auth.refresh_tokens where token_hash = ?"
                          + " for update")) {
                ps.setString(1, Tokens.hash(refresh));
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    throw goTrue(
                        400,
                        "refresh_token_not_found",
                        "Invalid Refresh Token: Refresh Token Not Found");
                  }
                  if (rs.getBoolean(2)) {
                    throw goTrue(
                        400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");
                  }
                  UUID id = rs.getObject(1, UUID.class);
                  try (PreparedStatement rev =
                      c.prepareStatement(
                          "update auth.refresh_tokens set revoked = true where token_hash = ?")) {
                    rev.setString(1, Tokens.hash(refresh));
                    rev.executeUpdate();
                  }
                  return id;
                }
              }
            });
    Caller caller =
        sessions
            .profile(userId)
            .orElseThrow(
                () -> goTrue(404, "user_not_found", "User from sub claim in JWT does not exist"));
    Json.send(ctx, 200, session(userId, caller.email(), null, caller.role()));
  }

  private void user(Context ctx) throws SQLException {
    String token = Sessions.accessToken(ctx);
    if (token == null) {
      throw goTrue(401, "no_authorization", "This endpoint requires a valid Bearer token");
    }
    Caller caller =
        sessions
            .find(ctx)
            .orElseThrow(
                () -> goTrue(403, "bad_jwt", "invalid JWT: unable to parse or verify signature"));
    Json.send(ctx, 200, userJson(caller.id(), caller.email(), null, caller.role()));
  }

  private Optional<Map<String, Object>> findUser(String email) throws SQLException {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select u.id, u.email, u.encrypted_password, p.full_name, p.role::text"
                      + " from auth.users u join profiles p on p.id = u.id where u.email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", rs.getObject(1, UUID.class));
              m.put("email", rs.getString(2));
              m.put("hash", rs.getString(3));
              m.put("name", rs.getString(4));
              m.put("role", rs.getString(5));
              return Optional.of(m);
            }
          }
        });
  }

  /** The session JSON of a password or refresh grant, with a newly stored refresh token. */
  private Map<String, Object> session(UUID id, String email, String fullName, String role)
      throws SQLException {
    String refresh = Tokens.newRefreshToken();
    db.withConnection(
        c -> {
          storeRefresh(c, id, refresh);
          return null;
        });
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("email", email);
    claims.put("role", "authenticated");
    claims.put("aud", "authenticated");
    claims.put("user_metadata", Map.of("role", role));
    String access = tokens.sign(id.toString(), claims, Tokens.ACCESS_TOKEN_LIFETIME);
    long expiresIn = Tokens.ACCESS_TOKEN_LIFETIME.toSeconds();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("access_token", access);
    s.put("token_type", "bearer");
    s.put("expires_in", expiresIn);
    s.put("expires_at", Instant.now().getEpochSecond() + expiresIn);
    s.put("refresh_token", refresh);
    s.put("user", userJson(id, email, fullName, role));
    return s;
  }

  private static void storeRefresh(Connection c, UUID id, String refresh) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("insert into auth.refresh_tokens (token_hash, user_id) values (?, ?)")) {
      ps.setString(1, Tokens.hash(refresh));
      ps.setObject(2, id);
      ps.executeUpdate();
    }
  }

  private static Map<String, Object> userJson(UUID id, String email, String fullName, String role) {
    Map<String, Object> meta = new LinkedHashMap<>();
    if (fullName != null) {
      meta.put("full_name", fullName);
    }
    meta.put("role", role);
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("id", id.toString());
    u.put("aud", "authenticated");
    u.put("role", "authenticated");
    u.put("email", email);
    u.put(
        "app_metadata",
        dev.loadgate.refapp.http.Json.obj(
            "provider", "email", "providers", java.util.List.of("email")));
    u.put("user_metadata", meta);
    u.put("updated_at", Timestamp.from(Instant.now()).toInstant().toString());
    return u;
  }
}
