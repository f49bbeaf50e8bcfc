package dev.loadgate.refapp.auth;

import static dev.loadgate.refapp.auth.GoTrueErrors.error;
import static dev.loadgate.refapp.auth.GoTrueErrors.versioned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Supabase Auth (GoTrue) stand-in: sign-up, password and refresh-token grants, user lookup and
 * logout; bcrypt cost 10 password hashes, HS256 access tokens valid for one hour that name their
 * session, rotating refresh tokens ({@link RefreshTokens}), and GoTrue's versioned error shapes
 * ({@link GoTrueErrors}).
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
    r.post("/auth/v1/signup", "auth", null, versioned(this::signup));
    r.post("/auth/v1/token", "auth", null, versioned(this::token));
    r.get("/auth/v1/user", "auth", null, versioned(this::user));
    r.post("/auth/v1/logout", "auth", null, versioned(this::logout));
  }

  /** A user as GoTrue stores it; {@code metadata} is {@code raw_user_meta_data} as given. */
  record AuthUser(
      UUID id,
      String email,
      String passwordHash,
      JsonNode metadata,
      Instant createdAt,
      Instant lastSignInAt) {}

  private void signup(Context ctx) throws SQLException {
    ObjectNode body = Json.object(ctx);
    String email = Json.text(body, "email");
    String password = Json.text(body, "password");
    if (email == null || !EMAIL.matcher(email).matches()) {
      throw error(400, "validation_failed", "Unable to validate email address: invalid format");
    }
    if (password == null || password.length() < 6) {
      throw error(422, "weak_password", "Password should be at least 6 characters.");
    }
    JsonNode data = body.path("data");
    ObjectNode metadata =
        data.isObject() ? (ObjectNode) data.deepCopy() : Json.MAPPER.createObjectNode();
    String fullName =
        metadata.path("full_name").isTextual() ? metadata.get("full_name").asText() : "";
    // the signup trigger creates subscribers and employees only; the metadata stays as given
    String role = "employee".equals(metadata.path("role").asText()) ? "employee" : "subscriber";
    String normalized = email.toLowerCase(Locale.ROOT);
    String hash = BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST));
    UUID id = UUID.randomUUID();
    Map<String, Object> session =
        db.inTransaction(
            c -> {
              if (!Accounts.createUser(
                  c, id, normalized, hash, fullName, role, null, metadata.toString())) {
                return null;
              }
              if (role.equals("employee")) {
                Accounts.createEmployeeCoupon(c, id);
              }
              return session(findUser(c, id).orElseThrow(), RefreshTokens.openSession(c, id));
            });
    if (session == null) {
      throw error(422, "user_already_exists", "User already registered");
    }
    Json.send(ctx, 200, session);
  }

  private void token(Context ctx) throws SQLException {
    String grant = ctx.queryParam("grant_type");
    if ("password".equals(grant)) {
      passwordGrant(ctx);
    } else if ("refresh_token".equals(grant)) {
      refreshGrant(ctx);
    } else {
      throw error(
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
      throw error(400, "validation_failed", "missing email or phone");
    }
    Optional<AuthUser> user =
        db.withConnection(c -> findUserByEmail(c, email.toLowerCase(Locale.ROOT)));
    String hash = user.map(AuthUser::passwordHash).orElse(dummyHash);
    boolean ok = BCrypt.checkpw(password, hash);
    if (user.isEmpty() || !ok) {
      throw error(400, "invalid_credentials", "Invalid login credentials");
    }
    UUID id = user.get().id();
    Map<String, Object> session =
        db.inTransaction(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "update auth.users set last_sign_in_at = now() where id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
              }
              return session(findUser(c, id).orElseThrow(), RefreshTokens.openSession(c, id));
            });
    Json.send(ctx, 200, session);
  }

  private void refreshGrant(Context ctx) throws SQLException {
    ObjectNode body = Json.object(ctx);
    String refresh = Json.text(body, "refresh_token");
    if (refresh == null || refresh.isBlank()) {
      throw error(400, "validation_failed", "Refresh Token is required");
    }
    Object result =
        db.inTransaction(
            c -> {
              RefreshTokens.Outcome outcome = RefreshTokens.exchange(c, refresh, Instant.now());
              if (outcome instanceof RefreshTokens.Granted granted) {
                Optional<AuthUser> user = findUser(c, granted.userId());
                return user.isEmpty() ? null : session(user.get(), granted);
              }
              return outcome;
            });
    if (result == null) {
      throw error(404, "user_not_found", "User from sub claim in JWT does not exist");
    }
    if (result instanceof RefreshTokens.Refused refused) {
      throw error(400, refused.errorCode(), refused.message());
    }
    Json.send(ctx, 200, result);
  }

  private void user(Context ctx) throws SQLException {
    Caller caller = requireCaller(ctx);
    AuthUser user =
        db.withConnection(c -> findUser(c, caller.id()))
            .orElseThrow(
                () -> error(404, "user_not_found", "User from sub claim in JWT does not exist"));
    Json.send(ctx, 200, userJson(user));
  }

  /**
   * {@code POST /auth/v1/logout?scope=global|local|others}: 204; the sessions the scope names end,
   * and with them their refresh tokens and the access tokens that name them.
   */
  private void logout(Context ctx) throws SQLException {
    LogoutScope scope =
        LogoutScope.parse(ctx.queryParam("scope"))
            .orElseThrow(
                () ->
                    error(
                        400,
                        "validation_failed",
                        "Unsupported logout scope \"" + ctx.queryParam("scope") + "\""));
    Caller caller = requireCaller(ctx);
    UUID session =
        tokens
            .verify(Sessions.accessToken(ctx))
            .map(Sessions::sessionId)
            .map(UUID::fromString)
            .orElse(null);
    db.withConnection(
        c -> {
          RefreshTokens.signOut(c, caller.id(), session, scope);
          return null;
        });
    ctx.status(204);
  }

  /** 401 without a token, 403 for a bad one or one whose session has ended, as GoTrue. */
  private Caller requireCaller(Context ctx) throws SQLException {
    String token = Sessions.accessToken(ctx);
    if (token == null) {
      throw error(401, "no_authorization", "This endpoint requires a valid Bearer token");
    }
    Optional<JWTClaimsSet> claims = tokens.verify(token);
    if (claims.isEmpty()) {
      throw error(403, "bad_jwt", "invalid JWT: unable to parse or verify signature");
    }
    if (claims.get().getSubject() == null) {
      throw error(403, "bad_jwt", "invalid claim: missing sub claim");
    }
    return sessions
        .find(ctx)
        .orElseThrow(
            () ->
                error(
                    403,
                    "session_not_found",
                    "Session from session_id claim in JWT does not exist"));
  }

  private static Optional<AuthUser> findUser(Connection c, UUID id) throws SQLException {
    return findBy(c, "u.id = ?", id);
  }

  private static Optional<AuthUser> findUserByEmail(Connection c, String email)
      throws SQLException {
    return findBy(c, "u.email = ?", email);
  }

  private static Optional<AuthUser> findBy(Connection c, String where, Object value)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select u.id, u.email, u.encrypted_password, u.raw_user_meta_data::text,"
                + " u.created_at, u.last_sign_in_at from auth.users u where "
                + where)) {
      ps.setObject(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        java.sql.Timestamp last = rs.getTimestamp(6);
        return Optional.of(
            new AuthUser(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                parse(rs.getString(4)),
                rs.getTimestamp(5).toInstant(),
                last == null ? null : last.toInstant()));
      }
    }
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode node = json == null ? null : Json.MAPPER.readTree(json);
      return node != null && node.isObject() ? node : Json.MAPPER.createObjectNode();
    } catch (java.io.IOException e) {
      return Json.MAPPER.createObjectNode();
    }
  }

  /** The session JSON of a grant: a fresh access token for the session, and its refresh token. */
  private Map<String, Object> session(AuthUser user, RefreshTokens.Granted granted) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("email", user.email());
    claims.put("role", "authenticated");
    claims.put("aud", "authenticated");
    claims.put("session_id", granted.sessionId().toString());
    claims.put("app_metadata", appMetadata());
    claims.put("user_metadata", Json.MAPPER.convertValue(user.metadata(), Map.class));
    String access = tokens.sign(user.id().toString(), claims, Tokens.ACCESS_TOKEN_LIFETIME);
    long expiresIn = Tokens.ACCESS_TOKEN_LIFETIME.toSeconds();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("access_token", access);
    s.put("token_type", "bearer");
    s.put("expires_in", expiresIn);
    s.put("expires_at", Instant.now().getEpochSecond() + expiresIn);
    s.put("refresh_token", granted.refreshToken());
    s.put("user", userJson(user));
    return s;
  }

  private static Map<String, Object> appMetadata() {
    return Json.obj("provider", "email", "providers", List.of("email"));
  }

  private static Map<String, Object> userJson(AuthUser user) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("id", user.id().toString());
    u.put("aud", "authenticated");
    u.put("role", "authenticated");
    u.put("email", user.email());
    u.put("email_confirmed_at", user.createdAt().toString());
    u.put("last_sign_in_at", user.lastSignInAt() == null ? null : user.lastSignInAt().toString());
    u.put("app_metadata", appMetadata());
    u.put("user_metadata", user.metadata());
    u.put("created_at", user.createdAt().toString());
    u.put("updated_at", Instant.now().toString());
    return u;
  }
}
