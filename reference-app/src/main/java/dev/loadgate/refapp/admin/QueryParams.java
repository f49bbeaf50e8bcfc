package dev.loadgate.refapp.admin;

import dev.loadgate.refapp.http.ApiError;
import io.javalin.http.Context;

/** Integer query parameters of the admin APIs, with their ranges. */
final class QueryParams {
  private QueryParams() {}

  /** {@code name} from the query, {@code dflt} when absent; 400 outside [min, max]. */
  static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.validation(
          name + " must be an integer from " + min + " to " + max + " (got \"" + v + "\")");
    }
  }
}
