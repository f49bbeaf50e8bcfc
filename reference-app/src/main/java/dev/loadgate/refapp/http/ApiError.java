package dev.loadgate.refapp.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered to the client with the real app's JSON shape. Thrown by handlers; the router
 * turns it into the response. Never carries a stack trace to the client.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient Map<String, Object> body;

  public ApiError(int status, Map<String, Object> body) {
    super(String.valueOf(body.get("error")), null, false, false);
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public Map<String, Object> body() {
    return body;
  }

  /** {@code {error, code}}, the helper-error shape of {@code errorResponses.*}. */
  public static ApiError of(int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    if (code != null) {
      body.put("code", code);
    }
    return new ApiError(status, body);
  }

  /** {@code {error, code, details}}. */
  public static ApiError withDetails(int status, String code, String message, Object details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("code", code);
    body.put("details", details);
    return new ApiError(status, body);
  }

  /** {@code {error}} only, as many hand-written routes answer. */
  public static ApiError plain(int status, String message) {
    return of(status, null, message);
  }

  public static ApiError validation(String message) {
    return of(400, "VALIDATION_ERROR", message);
  }

  public static ApiError validation(String message, Object details) {
    return withDetails(400, "VALIDATION_ERROR", message, details);
  }

  public static ApiError authentication() {
    return of(401, "AUTHENTICATION_ERROR", "Authentication required");
  }

  public static ApiError notFound(String message) {
    return of(404, "NOT_FOUND", message);
  }

  public static ApiError forbidden(String message) {
    return of(403, "AUTHORIZATION_ERROR", message);
  }

  public static ApiError internal() {
    return of(500, "INTERNAL_ERROR", "Internal server error");
  }
}
