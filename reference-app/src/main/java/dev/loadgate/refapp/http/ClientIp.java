package dev.loadgate.refapp.http;

import io.javalin.http.Context;

/** The client IP as the real app's limiters see it. */
public final class ClientIp {
  private ClientIp() {}

  /** First entry of X-Forwarded-For, else X-Real-IP, else CF-Connecting-IP, else the socket. */
  public static String of(Context ctx) {
    String xff = ctx.header("x-forwarded-for");
    if (xff != null && !xff.isBlank()) {
      return xff.split(",")[0].trim();
    }
    for (String h : new String[] {"x-real-ip", "cf-connecting-ip"}) {
      String v = ctx.header(h);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return ctx.req().getRemoteAddr();
  }
}
