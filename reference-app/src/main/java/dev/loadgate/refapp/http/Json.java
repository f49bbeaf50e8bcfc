package dev.loadgate.refapp.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** JSON in and out, with the real app's answers to malformed and oversize bodies. */
public final class Json {
  /** The largest request body any route reads, 1 MiB (Vercel's limit is 4.5 MB). */
  public static final int MAX_BODY_BYTES = 1 << 20;

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** An insertion-ordered map from alternating keys and values, so JSON output is stable. */
  public static java.util.Map<String, Object> obj(Object... keysAndValues) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** Writes {@code body} as JSON with the given status. */
  public static void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON response", e);
    }
  }

  /** The raw body, at most {@link #MAX_BODY_BYTES}; else 413. */
  public static byte[] rawBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    return bytes;
  }

  private static ApiError tooLarge() {
    return ApiError.of(
        413, "BAD_REQUEST", "Request body too large (limit " + MAX_BODY_BYTES + " bytes)");
  }

  /** The body as a JSON object; malformed JSON or another JSON type answers 400. */
  public static ObjectNode object(Context ctx) {
    byte[] bytes = rawBody(ctx);
    if (bytes.length == 0) {
      throw ApiError.of(400, "BAD_REQUEST", "Request body is required");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw ApiError.of(400, "BAD_REQUEST", "Invalid JSON in request body");
    }
    if (node == null || !node.isObject()) {
      throw ApiError.of(400, "BAD_REQUEST", "Request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** An optional string field; a non-string value answers 400. */
  public static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.validation(field + " must be a string");
    }
    return v.asText();
  }

  /** A required non-blank string field. */
  public static String requiredText(JsonNode body, String field, String message) {
    String v = text(body, field);
    if (v == null || v.isBlank()) {
      throw ApiError.of(400, "VALIDATION_ERROR", message);
    }
    return v;
  }
}
