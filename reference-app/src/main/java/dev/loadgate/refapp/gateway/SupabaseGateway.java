package dev.loadgate.refapp.gateway;

import dev.loadgate.refapp.http.ApiError;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API gateway in front of Supabase Auth and PostgREST: a request to {@code /auth/v1/...} or
 * {@code /rest/v1/...} must carry the anon or the service-role key, as the {@code apikey} header or
 * the {@code apikey} query parameter, or it is refused with 401 before it reaches the service. The
 * app's own {@code /api/...} routes (Next.js on Vercel) are not behind it.
 */
public final class SupabaseGateway {
  private final ApiKeys keys;

  public SupabaseGateway(ApiKeys keys) {
    this.keys = keys;
  }

  /** Whether a route path is served behind the gateway. */
  public static boolean guards(String path) {
    return path.startsWith("/auth/v1/") || path.startsWith("/rest/v1/");
  }

  /** Refuses the request unless it carries a valid key. */
  public void check(Context ctx) {
    String key = ctx.header("apikey");
    if (key == null || key.isEmpty()) {
      key = ctx.queryParam("apikey");
    }
    if (key == null || key.isEmpty()) {
      throw refusal(
          "No API key found in request", "No `apikey` request header or url param was found.");
    }
    if (keys.roleOf(key).isEmpty()) {
      throw refusal(
          "Invalid API key", "Double check your Supabase `anon` or `service_role` API key.");
    }
  }

  private static ApiError refusal(String message, String hint) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("hint", hint);
    return new ApiError(401, body);
  }
}
