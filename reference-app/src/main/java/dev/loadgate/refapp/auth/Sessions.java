package dev.loadgate.refapp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.Json;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Finds the caller of a request. The access token is read from {@code Authorization: Bearer} or, as
 * the real API routes read it, from the Supabase session cookie {@code sb-<ref>-auth-token} (value
 * {@code base64-<base64url of the session JSON>}, possibly split into {@code .0}, {@code .1}
 * chunks). Like the real middleware, each resolution reads the profile's role from the database;
 * like GoTrue, it also checks that the token's session has not been signed out.
 */
public final class Sessions {
  private final Tokens tokens;
  private final Database db;

  public Sessions(Tokens tokens, Database db) {
    this.tokens = tokens;
    this.db = db;
  }

  /** The caller, or 401 {@code AUTHENTICATION_ERROR}. */
  public Caller require(Context ctx) throws SQLException {
    return find(ctx).orElseThrow(ApiError::authentication);
  }

  /** The caller, or 401 with the given body. */
  public Caller require(Context ctx, ApiError unauthorized) throws SQLException {
    return find(ctx).orElseThrow(() -> unauthorized);
  }

  /**
   * The caller as GoTrue's {@code getUser()} sees it: a valid, unexpired access token of a known
   * user whose session (the token's {@code session_id}) still exists, so that a signed-out
   * session's access tokens stop working at once.
   */
  public Optional<Caller> find(Context ctx) throws SQLException {
    Optional<JWTClaimsSet> claims = tokens.verify(accessToken(ctx));
    if (claims.isEmpty()) {
      return Optional.empty();
    }
    Optional<UUID> id = uuid(claims.get().getSubject());
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Optional<UUID> session = uuid(sessionId(claims.get()));
    return session.isPresent() ? profileInSession(id.get(), session.get()) : profile(id.get());
  }

  /**
   * The caller as PostgREST sees it: only the JWT's signature, expiry and subject count (PostgREST
   * does not look at Auth sessions), then the profile for the row-level-security checks.
   */
  public Optional<Caller> findByJwt(Context ctx) throws SQLException {
    Optional<JWTClaimsSet> claims = tokens.verify(accessToken(ctx));
    if (claims.isEmpty()) {
      return Optional.empty();
    }
    Optional<UUID> id = uuid(claims.get().getSubject());
    return id.isEmpty() ? Optional.empty() : profile(id.get());
  }

  /** The {@code role} claim of a valid token in the request (e.g. {@code service_role}). */
  public Optional<String> jwtRole(Context ctx) {
    return tokens.verify(accessToken(ctx)).map(c -> (String) c.getClaim("role"));
  }

  /** The {@code session_id} claim of a token, or null. */
  static String sessionId(JWTClaimsSet claims) {
    Object v = claims.getClaim("session_id");
    return v instanceof String s ? s : null;
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return text == null ? Optional.empty() : Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Optional<Caller> profileInSession(UUID id, UUID session) throws SQLException {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select p.email, p.role::text, p.admin_sub_role::text from profiles p"
                      + " join auth.sessions s on s.user_id = p.id where p.id = ? and s.id = ?")) {
            ps.setObject(1, id);
            ps.setObject(2, session);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(new Caller(id, rs.getString(1), rs.getString(2), rs.getString(3)));
            }
          }
        });
  }

  /** The profile behind a user id. */
  public Optional<Caller> profile(UUID id) throws SQLException {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select email, role::text, admin_sub_role::text from profiles where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(new Caller(id, rs.getString(1), rs.getString(2), rs.getString(3)));
            }
          }
        });
  }

  /** The raw access token from the Bearer header or the session cookie, or null. */
  public static String accessToken(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    String cookie = sessionCookie(ctx.cookieMap());
    if (cookie == null) {
      return null;
    }
    String encoded = cookie.startsWith("base64-") ? cookie.substring(7) : cookie;
    try {
      byte[] json = Base64.getUrlDecoder().decode(encoded.replace('+', '-').replace('/', '_'));
      JsonNode session = Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
      JsonNode token = session == null ? null : session.get("access_token");
      return token == null ? null : token.asText();
    } catch (java.io.IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The joined value of the first {@code sb-*-auth-token} cookie (with its chunks). */
  static String sessionCookie(Map<String, String> cookies) {
    String whole = null;
    Map<String, TreeMap<Integer, String>> chunks = new TreeMap<>();
    for (Map.Entry<String, String> e : cookies.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith("sb-")) {
        continue;
      }
      if (name.endsWith("-auth-token")) {
        whole = e.getValue();
      } else {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.substring(0, dot).endsWith("-auth-token")) {
          try {
            int index = Integer.parseInt(name.substring(dot + 1));
            chunks
                .computeIfAbsent(name.substring(0, dot), k -> new TreeMap<>())
                .put(index, e.getValue());
          } catch (NumberFormatException ignored) {
            // not a chunk
          }
        }
      }
    }
    if (whole != null) {
      return whole;
    }
    if (chunks.isEmpty()) {
      return null;
    }
    return String.join("", chunks.values().iterator().next().values());
  }
}
