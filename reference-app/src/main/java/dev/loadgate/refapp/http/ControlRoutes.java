package dev.loadgate.refapp.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.refapp.FaultSpec;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET/PUT /__loadgate/faults}: reads or replaces the injected faults; {@code GET
 * /__loadgate/anon-key}: the anon key a client sends as {@code apikey} (public in Supabase too: the
 * browser bundle carries it). Answers only callers on a loopback address (the socket's, never a
 * forwarded header); others get 403.
 */
public final class ControlRoutes {
  private final FaultInjector faults;
  private final String anonKey;

  public ControlRoutes(FaultInjector faults, String anonKey) {
    this.faults = faults;
    this.anonKey = anonKey;
  }

  public void register(Router r) {
    r.get("/__loadgate/faults", "control", null, this::get);
    r.put("/__loadgate/faults", "control", null, this::put);
    r.get("/__loadgate/anon-key", "control", null, this::anonKey);
  }

  private void anonKey(Context ctx) {
    requireLoopback(ctx);
    Json.send(ctx, 200, Json.obj("anonKey", anonKey));
  }

  private static void requireLoopback(Context ctx) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      throw ApiError.of(403, "FORBIDDEN", "The control endpoints answer loopback callers only");
    }
  }

  private void get(Context ctx) {
    requireLoopback(ctx);
    Json.send(
        ctx, 200, Json.obj("faults", faults.current().stream().map(FaultSpec::toString).toList()));
  }

  /** Body {@code {"faults": ["download=+2500ms", "payment=error:5%"]}}; an empty list clears. */
  private void put(Context ctx) {
    requireLoopback(ctx);
    ObjectNode body = Json.object(ctx);
    JsonNode list = body.get("faults");
    if (list == null || !list.isArray()) {
      throw ApiError.validation(
          "faults must be an array of fault strings (expected {\"faults\": [\"download=+2500ms\"]})");
    }
    List<FaultSpec> parsed = new ArrayList<>();
    for (JsonNode n : list) {
      if (!n.isTextual()) {
        throw ApiError.validation("faults must contain strings (got " + n + ")");
      }
      try {
        parsed.add(FaultSpec.parse(n.asText()));
      } catch (IllegalArgumentException e) {
        throw ApiError.validation(e.getMessage());
      }
    }
    try {
      faults.set(parsed);
    } catch (IllegalArgumentException e) {
      throw ApiError.validation(e.getMessage());
    }
    Json.send(
        ctx, 200, Json.obj("faults", faults.current().stream().map(FaultSpec::toString).toList()));
  }
}
