package dev.loadgate.simulations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Supabase sessions obtained during the run, kept outside Gatling's session so that tokens never
 * appear where Gatling prints a session. Keyed by the account's e-mail (shared by the journeys that
 * only need to be signed in) or by a virtual user's own key (journeys that refresh, since refresh
 * tokens are single-use). Thread-safe.
 */
public final class TokenStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Sessions this close to expiry are not handed out again. */
  private static final long EXPIRY_MARGIN_MILLIS = 60_000;

  private final Map<String, Held> sessions = new ConcurrentHashMap<>();

  /** One session as the password grant returned it. */
  private record Held(
      String accessToken, String refreshToken, String userId, long expiresAtMillis, String json) {}

  /**
   * Stores a token response under {@code key} if it has the shape of a Supabase session.
   *
   * @return whether the body was a session ({@code access_token}, {@code token_type} bearer, {@code
   *     refresh_token}, {@code user.id}); a check uses this as the body-shape check
   */
  public boolean store(String key, String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null
          || !node.path("access_token").isTextual()
          || !"bearer".equalsIgnoreCase(node.path("token_type").asText())
          || !node.path("refresh_token").isTextual()
          || !node.path("user").path("id").isTextual()) {
        return false;
      }
      long expiresIn = node.path("expires_in").asLong(3600);
      sessions.put(
          key,
          new Held(
              node.get("access_token").asText(),
              node.get("refresh_token").asText(),
              node.path("user").path("id").asText(),
              System.currentTimeMillis() + expiresIn * 1000,
              body));
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Whether a session that will not expire within a minute is held under {@code key}. */
  public boolean hasFresh(String key) {
    Held held = sessions.get(key);
    return held != null
        && held.expiresAtMillis() - System.currentTimeMillis() > EXPIRY_MARGIN_MILLIS;
  }

  /** The {@code Authorization} header value, {@code "Bearer <access token>"}. */
  public String bearer(String key) {
    return "Bearer " + held(key).accessToken();
  }

  /** The refresh token held under {@code key}. */
  public String refreshToken(String key) {
    return held(key).refreshToken();
  }

  /** The signed-in user's id, if a session is held. */
  public Optional<String> userId(String key) {
    return Optional.ofNullable(sessions.get(key)).map(Held::userId);
  }

  /**
   * The session cookie the browser client writes and the app's API routes read: {@code
   * base64-<base64url of the session JSON>}.
   */
  public String cookieValue(String key) {
    byte[] json = held(key).json().getBytes(StandardCharsets.UTF_8);
    return "base64-" + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  /** Forgets a virtual user's private session. */
  public void forget(String key) {
    sessions.remove(key);
  }

  private Held held(String key) {
    Held held = sessions.get(key);
    if (held == null) {
      // Reached only when a journey skipped its sign-in check; the request fails with this text.
      throw new IllegalStateException("no session held for this virtual user; sign in first");
    }
    return held;
  }
}
