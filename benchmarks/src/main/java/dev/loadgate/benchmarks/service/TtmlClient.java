package dev.loadgate.benchmarks.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.targets.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The TTML API as a browser, Stripe and an admin would call it, over one OkHttp client (one
 * connection pool, keep-alive). Every call reads the whole response body and fails with a {@link
 * ServiceCallException} on an unexpected status, so that a benchmark never times an error page.
 * Spelled from the API description, independently of the reference app.
 */
public final class TtmlClient implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http;
  private final URI appUrl;
  private final URI authUrl;
  private final Secret anonKey;

  /** A signed-in subscriber: the session the browser would keep in its Supabase cookie. */
  public record Session(String userId, Secret accessToken, String cookieName, Secret cookieValue) {
    @Override
    public String toString() {
      return "Session[" + userId + "]";
    }
  }

  public TtmlClient(URI appUrl, URI authUrl, Secret anonKey) {
    this.appUrl = appUrl;
    this.authUrl = authUrl;
    this.anonKey = anonKey;
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(90))
            .callTimeout(Duration.ofSeconds(120))
            .followRedirects(false)
            .build();
  }

  /** {@code POST /auth/v1/token?grant_type=password}: the raw token response. */
  public byte[] tokenGrant(String email, Secret password) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("email", email);
    body.put("password", password.reveal());
    Request request =
        new Request.Builder()
            .url(authUrl.resolve("/auth/v1/token?grant_type=password").toString())
            .header("apikey", anonKey.reveal())
            .post(RequestBody.create(bytes(body), JSON))
            .build();
    return call("POST /auth/v1/token?grant_type=password", request, 200).body();
  }

  /** Signs in and keeps the session as the Supabase browser client would. */
  public Session signIn(String email, Secret password) {
    byte[] token = tokenGrant(email, password);
    JsonNode json = parse("POST /auth/v1/token?grant_type=password", token);
    String access = json.path("access_token").asText("");
    String userId = json.path("user").path("id").asText("");
    if (access.isEmpty() || userId.isEmpty()) {
      throw new ServiceCallException(
          "POST /auth/v1/token?grant_type=password: the answer has no access_token or user.id"
              + " (expected a Supabase session). Check that the URL points at the auth service");
    }
    ObjectNode session = MAPPER.createObjectNode();
    for (String field :
        List.of("access_token", "token_type", "expires_in", "expires_at", "refresh_token")) {
      if (json.has(field)) {
        session.set(field, json.get(field));
      }
    }
    session.set("user", MAPPER.createObjectNode().put("id", userId));
    String cookie =
        "base64-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(session));
    return new Session(userId, Secret.of(access), cookieName(), Secret.of(cookie));
  }

  /**
   * {@code POST /api/generate-letter} with a valid demand letter; blocks until the draft exists.
   */
  public byte[] generateLetter(Session session) {
    ObjectNode intake = MAPPER.createObjectNode();
    intake.put("senderName", "Dana Whitfield");
    intake.put("senderAddress", "100 Market Street, San Francisco, CA 94105");
    intake.put("senderState", "CA");
    intake.put("recipientName", "Harbor Supply LLC");
    intake.put("recipientAddress", "200 Pine Avenue, Albany, NY 12207");
    intake.put("recipientState", "NY");
    intake.put(
        "issueDescription",
        "Invoice 4471 for office furniture delivered in March remains unpaid after three"
            + " written reminders.");
    intake.put("desiredOutcome", "Payment of the full invoice amount within fourteen days.");
    intake.put("amountDemanded", 4200);
    intake.put("deadlineDate", "2026-03-01");
    ObjectNode body = MAPPER.createObjectNode().put("letterType", "demand_letter");
    body.set("intakeData", intake);
    return call(
            "POST /api/generate-letter",
            withSession(post("/api/generate-letter", body), session),
            200)
        .body();
  }

  /** {@code POST /api/create-checkout}: the Stripe checkout session id. */
  public String createCheckout(Session session, String planType) {
    ObjectNode body = MAPPER.createObjectNode().put("planType", planType).putNull("couponCode");
    byte[] answer =
        call(
                "POST /api/create-checkout",
                withSession(post("/api/create-checkout", body), session),
                200)
            .body();
    String sessionId = parse("POST /api/create-checkout", answer).path("sessionId").asText("");
    if (sessionId.isEmpty()) {
      throw new ServiceCallException(
          "POST /api/create-checkout: the answer has no sessionId (expected {sessionId, url})");
    }
    return sessionId;
  }

  /**
   * {@code POST /api/stripe/webhook}: a {@code checkout.session.completed} event for the session,
   * paid, signed as Stripe signs ({@code t=<unix>,v1=<HMAC-SHA256 of "t.body">}), with a fresh
   * event id so the app processes it instead of short-cutting a replay.
   */
  public byte[] checkoutCompleted(
      Secret webhookSecret, String checkoutSessionId, String userId, String planType, int letters) {
    long now = System.currentTimeMillis() / 1000;
    ObjectNode metadata = MAPPER.createObjectNode();
    metadata.put("user_id", userId);
    metadata.put("subscription_id", "");
    metadata.put("plan_type", planType);
    metadata.put("letters", Integer.toString(letters));
    metadata.put("coupon_code", "");
    metadata.put("employee_id", "");
    metadata.put("coupon_id", "");
    ObjectNode object = MAPPER.createObjectNode();
    object.put("id", checkoutSessionId);
    object.put("object", "checkout.session");
    object.put("payment_status", "paid");
    object.put("client_reference_id", userId);
    object.set("metadata", metadata);
    ObjectNode event = MAPPER.createObjectNode();
    event.put("id", "evt_loadgate_" + UUID.randomUUID().toString().replace("-", ""));
    event.put("object", "event");
    event.put("type", "checkout.session.completed");
    event.put("created", now);
    event.put("api_version", "2024-06-20");
    event.set("data", MAPPER.createObjectNode().set("object", object));
    byte[] payload = bytes(event);
    String signature = "t=" + now + ",v1=" + hmacSha256Hex(webhookSecret, now + ".", payload);
    Request request =
        new Request.Builder()
            .url(appUrl.resolve("/api/stripe/webhook").toString())
            .header("Stripe-Signature", signature)
            .post(RequestBody.create(payload, JSON))
            .build();
    return call("POST /api/stripe/webhook", request, 200).body();
  }

  /** {@code GET /api/letters/{id}/pdf}: the PDF bytes. */
  public byte[] letterPdf(Session session, String letterId) {
    Request request =
        new Request.Builder()
            .url(appUrl.resolve("/api/letters/" + letterId + "/pdf").toString())
            .get()
            .build();
    Answer answer = call("GET /api/letters/{id}/pdf", withSession(request, session), 200);
    if (answer.body().length < 5
        || !new String(answer.body(), 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
      throw new ServiceCallException(
          "GET /api/letters/{id}/pdf: the answer is not a PDF (expected %PDF-, got "
              + answer.body().length
              + " bytes of something else)");
    }
    return answer.body();
  }

  /**
   * {@code POST /api/admin-auth/login} with the portal key: the {@code admin_session} cookie
   * (name=value) to send with admin calls.
   */
  public Secret adminLogin(String email, Secret password, Secret portalKey) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("email", email);
    body.put("password", password.reveal());
    body.put("portalKey", portalKey.reveal());
    Answer answer = call("POST /api/admin-auth/login", post("/api/admin-auth/login", body), 200);
    for (String header : answer.setCookies()) {
      String pair = header.split(";", 2)[0].trim();
      if (pair.startsWith("admin_session=")) {
        return Secret.of(pair);
      }
    }
    throw new ServiceCallException(
        "POST /api/admin-auth/login: no admin_session cookie in the answer (expected Set-Cookie:"
            + " admin_session=...). Check the portal login flow of the target");
  }

  /** {@code GET /api/admin/analytics?days=30&months=12}: the dashboard data. */
  public byte[] adminAnalytics(Secret adminCookie) {
    Request request =
        new Request.Builder()
            .url(appUrl.resolve("/api/admin/analytics?days=30&months=12").toString())
            .header("Cookie", adminCookie.reveal())
            .get()
            .build();
    return call("GET /api/admin/analytics", request, 200).body();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** The Supabase SSR cookie name: {@code sb-<first label of the auth host>-auth-token}. */
  String cookieName() {
    String host = authUrl.getHost() == null ? "localhost" : authUrl.getHost();
    return "sb-" + host.split("\\.", 2)[0].toLowerCase(Locale.ROOT) + "-auth-token";
  }

  private Request post(String path, JsonNode body) {
    return new Request.Builder()
        .url(appUrl.resolve(path).toString())
        .post(RequestBody.create(bytes(body), JSON))
        .build();
  }

  private static Request withSession(Request request, Session session) {
    return request
        .newBuilder()
        .header("Cookie", session.cookieName() + "=" + session.cookieValue().reveal())
        .build();
  }

  private record Answer(byte[] body, List<String> setCookies) {}

  private Answer call(String name, Request request, int expectedStatus) {
    try (Response response = http.newCall(request).execute()) {
      byte[] body = response.body().bytes();
      if (response.code() != expectedStatus) {
        throw new ServiceCallException(
            name
                + ": unexpected status (expected "
                + expectedStatus
                + ", got "
                + response.code()
                + ": "
                + excerpt(body)
                + ")");
      }
      return new Answer(body, response.headers("Set-Cookie"));
    } catch (IOException e) {
      throw new ServiceCallException(name + ": request failed (" + e + ")", e);
    }
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }

  private static JsonNode parse(String name, byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ServiceCallException(name + ": the answer is not JSON (" + excerpt(body) + ")", e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hmacSha256Hex(Secret key, String prefix, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(prefix.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(payload));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
