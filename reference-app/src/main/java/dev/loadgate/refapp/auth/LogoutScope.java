package dev.loadgate.refapp.auth;

import java.util.Locale;
import java.util.Optional;

/** The {@code scope} of {@code POST /auth/v1/logout}: which of the user's sessions end. */
public enum LogoutScope {
  /** Every session of the user (the client's default). */
  GLOBAL,
  /** Only the session of the presented access token. */
  LOCAL,
  /** Every session but that one. */
  OTHERS;

  /** The scope named in the query ({@code global} when absent). */
  public static Optional<LogoutScope> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.of(GLOBAL);
    }
    for (LogoutScope s : values()) {
      if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
