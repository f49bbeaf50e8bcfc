package dev.loadgate.refapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP client for the integration tests. Each request carries a fresh {@code
 * X-Forwarded-For} unless the client sets one with {@link #with}.
 */
final class Client {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger NEXT_IP = new AtomicInteger(1);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final Map<URI, String> ANON_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

  private final URI base;
  private final Map<String, String> headers = new LinkedHashMap<>();

  /**
   * Sends {@code app}'s anon key as {@code apikey} on every Supabase request ({@code /auth/v1},
   * {@code /rest/v1}) to it, as supabase-js does and the API gateway requires.
   */
  static void useAnonKey(RunningReferenceApp app) {
    ANON_KEYS.put(app.baseUrl(), app.targetProfile().supabaseAnonKey().reveal());
  }

  Client(URI base) {
    this.base = base;
  }

  /** A fresh client IP for each request, so that per-IP limits never couple tests. */
  private static String nextIp() {
    int n = NEXT_IP.getAndIncrement();
    return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
  }

  /** A header sent with every request of this client. */
  Client with(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Client bearer(String token) {
    return with("Authorization", "Bearer " + token);
  }

  record Response(int status, String body, HttpResponse<byte[]> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    List<String> headers(String name) {
      return raw.headers().allValues(name);
    }
  }

  Response get(String path, String... extraHeaders) {
    return send("GET", path, null, extraHeaders);
  }

  Response post(String path, Object body, String... extraHeaders) {
    return send("POST", path, body, extraHeaders);
  }

  Response put(String path, Object body, String... extraHeaders) {
    return send("PUT", path, body, extraHeaders);
  }

  Response send(String method, String path, Object body, String... extraHeaders) {
    try {
      byte[] bytes;
      if (body == null) {
        bytes = new byte[0];
      } else if (body instanceof byte[] b) {
        bytes = b;
      } else if (body instanceof String s) {
        bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      } else {
        bytes = JSON.writeValueAsBytes(body);
      }
      HttpRequest.Builder b =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(bytes));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      String anonKey = ANON_KEYS.get(base);
      boolean supabase = path.startsWith("/auth/v1/") || path.startsWith("/rest/v1/");
      if (supabase && anonKey != null && !headers.containsKey("apikey") && !has(extraHeaders)) {
        b.header("apikey", anonKey);
      }
      if (!headers.containsKey("X-Forwarded-For")) {
        b.header("X-Forwarded-For", nextIp());
      }
      headers.forEach(b::header);
      for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
        b.header(extraHeaders[i], extraHeaders[i + 1]);
      }
      HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(
          r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), r);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static boolean has(String[] extraHeaders) {
    for (int i = 0; i < extraHeaders.length; i += 2) {
      if (extraHeaders[i].equalsIgnoreCase("apikey")) {
        return true;
      }
    }
    return false;
  }

  /** Signs in with the password grant and returns a client carrying the access token. */
  static Client signedIn(URI base, String email, String password) {
    Client c = new Client(base);
    Response r =
        c.post("/auth/v1/token?grant_type=password", Map.of("email", email, "password", password));
    if (r.status() != 200) {
      throw new AssertionError("sign-in of " + email + " failed: " + r.status() + " " + r.body());
    }
    return c.bearer(r.json().get("access_token").asText());
  }

  /** A valid letter request body. */
  static Map<String, Object> letterRequest() {
    Map<String, Object> intake = new LinkedHashMap<>();
    intake.put("senderName", "Ann Example");
    intake.put("senderAddress", "1 Main Street, Springfield");
    intake.put("senderState", "ca");
    intake.put("recipientName", "Bob Example");
    intake.put("recipientAddress", "2 Oak Avenue, Albany");
    intake.put("recipientState", "NY");
    intake.put("issueDescription", "The invoice for consulting work in March remains unpaid.");
    intake.put("desiredOutcome", "Pay the invoice in full within 14 days.");
    intake.put("amountDemanded", 1200);
    intake.put("deadlineDate", "2026-12-31");
    return Map.of("letterType", "demand_letter", "intakeData", intake);
  }
}
