package dev.loadgate.refapp.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * GoTrue's sessions and refresh-token rotation (supabase/auth, {@code RefreshTokenGrant}). Every
 * sign-in opens a session; each refresh revokes the presented token and issues a child of it in the
 * same session. A revoked token is still accepted when it is the parent of the session's active
 * token (the client lost the answer of its last refresh: it gets that active token back, nothing
 * new is issued) or when it was revoked less than {@link #REUSE_INTERVAL} ago (a new child is
 * issued). Any other reuse revokes every token of the session and is refused.
 */
public final class RefreshTokens {
  /**
   * How long a revoked token may still be exchanged: Supabase's default {@code
   * GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL} of 10 seconds.
   */
  public static final Duration REUSE_INTERVAL = Duration.ofSeconds(10);

  private RefreshTokens() {}

  /** What a refresh grant decided. */
  public sealed interface Outcome {}

  /** A token to hand out, in the given session of the given user. */
  public record Granted(UUID userId, UUID sessionId, String refreshToken) implements Outcome {}

  /** A refusal with GoTrue's error code and message. */
  public record Refused(String errorCode, String message) implements Outcome {}

  /** Opens a session for {@code userId} and returns its first refresh token. */
  public static Granted openSession(Connection c, UUID userId) throws SQLException {
    UUID session = UUID.randomUUID();
    try (PreparedStatement ps =
        c.prepareStatement("insert into auth.sessions (id, user_id) values (?, ?)")) {
      ps.setObject(1, session);
      ps.setObject(2, userId);
      ps.executeUpdate();
    }
    String token = Tokens.newRefreshToken();
    insert(c, token, userId, session, null);
    return new Granted(userId, session, token);
  }

  /**
   * The refresh grant, in the caller's transaction; a refusal after a family revocation must still
   * be committed, so refusals are returned, not thrown.
   */
  public static Outcome exchange(Connection c, String presented, Instant now) throws SQLException {
    String hash = Tokens.hash(presented);
    UUID userId;
    UUID sessionId;
    boolean revoked;
    Instant updatedAt;
    try (PreparedStatement ps =
        c.prepareStatement(
            "select t.user_id, t.session_id, t.revoked, t.updated_at from auth.refresh_tokens t"
                + " where t.token_hash = ? for update")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new Refused(
              "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
        }
        userId = rs.getObject(1, UUID.class);
        sessionId = rs.getObject(2, UUID.class);
        revoked = rs.getBoolean(3);
        updatedAt = rs.getTimestamp(4).toInstant();
      }
    }
    if (sessionId == null || !lockSession(c, sessionId)) {
      return new Refused("session_not_found", "Invalid Refresh Token: No Valid Session Found");
    }
    if (revoked) {
      Optional<ActiveToken> active = activeToken(c, sessionId);
      if (active.isPresent() && active.get().isChildOf(hash)) {
        touchSession(c, sessionId);
        return new Granted(userId, sessionId, active.get().token());
      }
      if (now.isAfter(updatedAt.plus(REUSE_INTERVAL))) {
        revokeFamily(c, sessionId);
        return new Refused("refresh_token_already_used", "Invalid Refresh Token: Already Used");
      }
    } else {
      try (PreparedStatement ps =
          c.prepareStatement(
              "update auth.refresh_tokens set revoked = true, updated_at = now()"
                  + " where token_hash = ?")) {
        ps.setString(1, hash);
        ps.executeUpdate();
      }
    }
    String child = Tokens.newRefreshToken();
    insert(c, child, userId, sessionId, hash);
    touchSession(c, sessionId);
    return new Granted(userId, sessionId, child);
  }

  /** Logout: deletes the sessions the scope names, and with them their refresh tokens. */
  public static void signOut(Connection c, UUID userId, UUID currentSession, LogoutScope scope)
      throws SQLException {
    String where =
        switch (scope) {
          case GLOBAL -> "user_id = ?";
          case LOCAL -> "user_id = ? and id = ?";
          case OTHERS -> "user_id = ? and id is distinct from ?";
        };
    try (PreparedStatement ps = c.prepareStatement("delete from auth.sessions where " + where)) {
      ps.setObject(1, userId);
      if (scope != LogoutScope.GLOBAL) {
        ps.setObject(2, currentSession);
      }
      ps.executeUpdate();
    }
  }

  private static boolean lockSession(Connection c, UUID sessionId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select 1 from auth.sessions where id = ? for update")) {
      ps.setObject(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A session's newest unrevoked token and the hash of the token it replaced. */
  private record ActiveToken(String token, String parentHash) {
    boolean isChildOf(String hash) {
      return token != null && hash.equals(parentHash);
    }
  }

  private static Optional<ActiveToken> activeToken(Connection c, UUID sessionId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select token, parent from auth.refresh_tokens where session_id = ? and not revoked"
                + " order by created_at desc, updated_at desc limit 1")) {
      ps.setObject(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new ActiveToken(rs.getString(1), rs.getString(2)))
            : Optional.empty();
      }
    }
  }

  private static void revokeFamily(Connection c, UUID sessionId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update auth.refresh_tokens set revoked = true, updated_at = now()"
                + " where session_id = ? and not revoked")) {
      ps.setObject(1, sessionId);
      ps.executeUpdate();
    }
  }

  private static void touchSession(Connection c, UUID sessionId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("update auth.sessions set refreshed_at = ? where id = ?")) {
      ps.setTimestamp(1, Timestamp.from(Instant.now()));
      ps.setObject(2, sessionId);
      ps.executeUpdate();
    }
  }

  private static void insert(Connection c, String token, UUID userId, UUID session, String parent)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into auth.refresh_tokens (token_hash, token, user_id, session_id, parent)"
                + " values (?, ?, ?, ?, ?)")) {
      ps.setString(1, Tokens.hash(token));
      ps.setString(2, token);
      ps.setObject(3, userId);
      ps.setObject(4, session);
      ps.setString(5, parent);
      ps.executeUpdate();
    }
  }
}
