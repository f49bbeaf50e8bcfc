package dev.loadgate.refapp.auth;

import dev.loadgate.refapp.http.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GoTrue's error bodies and their versioning. Without a {@code X-Supabase-Api-Version} header (or
 * with a date before 2024-01-01, or one that is not a date) an error is the initial shape {@code
 * {code: <HTTP status>, error_code, msg}} with an {@code x-sb-error-code} header; from 2024-01-01
 * on (what supabase-js sends) it is {@code {code: <error code>, message}} and the header is echoed
 * as {@code 2024-01-01}, as supabase/auth's {@code HandleResponseError} does.
 */
public final class GoTrueErrors {
  /** The request and response header naming the API version. */
  public static final String VERSION_HEADER = "X-Supabase-Api-Version";

  /** The first (and so far only) dated API version. */
  static final LocalDate VERSION_2024_01_01 = LocalDate.of(2024, 1, 1);

  private static final String MARKER = "error_code";

  private GoTrueErrors() {}

  /** An error in the initial shape; {@link #versioned} reshapes it for the request. */
  public static ApiError error(int status, String errorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status);
    body.put(MARKER, errorCode);
    body.put("msg", message);
    return new ApiError(status, body);
  }

  /** Wraps a GoTrue handler so that its errors take the shape the request's version asks for. */
  public static Handler versioned(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (ApiError e) {
        throw reshape(ctx, e);
      }
    };
  }

  static ApiError reshape(Context ctx, ApiError e) {
    Object errorCode = e.body().get(MARKER);
    if (errorCode == null) {
      return e; // not a GoTrue error (e.g. an unreadable body): as the app answers it
    }
    if (!dated(ctx.header(VERSION_HEADER))) {
      ctx.header("x-sb-error-code", errorCode.toString());
      return e;
    }
    ctx.header(VERSION_HEADER, VERSION_2024_01_01.toString());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", errorCode);
    body.put("message", e.body().get("msg"));
    return new ApiError(e.status(), body);
  }

  /** Whether the header names 2024-01-01 or later. */
  static boolean dated(String header) {
    if (header == null || header.isEmpty()) {
      return false;
    }
    try {
      return !LocalDate.parse(header).isBefore(VERSION_2024_01_01);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
