package dev.loadgate.simulations.http;

import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadgate.targets.TargetProfile;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.util.Locale;

/**
 * The HTTP side of a target: the protocol every journey shares, the two base URLs (the app and
 * Supabase, which differ for a real deployment) and the header and cookie names the real client
 * uses.
 */
public final class TargetHttp {
  private final TargetProfile target;
  private final String authBase;

  public TargetHttp(TargetProfile target) {
    this.target = target;
    this.authBase = stripSlash(target.authUrl());
  }

  /**
   * The protocol: the app's base URL, no caching (users repeat requests), no warm-up request (it
   * would leave the machine), JSON by default.
   */
  public HttpProtocolBuilder protocol() {
    return http.baseUrl(stripSlash(target.appUrl()))
        .disableCaching()
        .disableWarmUp()
        .acceptHeader("application/json")
        .acceptEncodingHeader("identity")
        .userAgentHeader("loadgate (synthetic load; " + "loadgate.test" + ")");
  }

  /** An absolute URL below the Supabase base, e.g. {@code auth("/auth/v1/user")}. */
  public String auth(String pathAndQuery) {
    return authBase + pathAndQuery;
  }

  /** The {@code apikey} header value Supabase wants; empty for the reference app. */
  public String anonKey() {
    return target.supabaseAnonKey().reveal();
  }

  /** Whether requests to Supabase carry an {@code apikey} header. */
  public boolean sendsAnonKey() {
    return !target.supabaseAnonKey().isEmpty();
  }

  /**
   * The session cookie's name as {@code @supabase/ssr} derives it: {@code sb-<first label of the
   * Supabase host>-auth-token}.
   */
  public String sessionCookieName() {
    String host = target.authUrl().getHost() == null ? "localhost" : target.authUrl().getHost();
    String label = host.split("\\.")[0].toLowerCase(Locale.ROOT);
    return "sb-" + label + "-auth-token";
  }

  public TargetProfile target() {
    return target;
  }

  private static String stripSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
