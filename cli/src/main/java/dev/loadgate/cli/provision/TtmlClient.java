package dev.loadgate.cli.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.simulations.lettergeneration.IntakeData;
import dev.loadgate.simulations.payment.StripeSignature;
import dev.loadgate.targets.Secret;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The TTML calls provisioning makes, as the browser, Stripe and the admin portal make them
 * (docs/shared reference: Supabase Auth and PostgREST at the auth URL with the {@code apikey}
 * header, the app's API routes with the Supabase session cookie, the admin portal with its own
 * session cookie and CSRF header). Every unexpected answer is a {@link ProvisionException} naming
 * the call, what was expected and what came back; no secret is ever part of a message.
 */
final class TtmlClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI app;
  private final URI auth;
  private final Secret anonKey;
  private final HttpClient http;
  private final HttpClient portal;
  private final Random random = new Random(20_261_202L);

  TtmlClient(URI app, URI auth, Secret anonKey) {
    this.app = app;
    this.auth = auth;
    this.anonKey = anonKey;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.portal =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager())
            .build();
  }

  /** A signed-in user: its id and the session JSON the browser keeps. */
  record Session(UUID userId, String accessToken, String json) {}

  /** What sign-in said: a session, or that these credentials are not (or not yet) valid. */
  Optional<Session> signIn(String email, Secret password) {
    HttpResponse<String> response =
        send(
            http,
            supabase("/auth/v1/token?grant_type=password")
                .POST(body(Map.of("email", email, "password", password.reveal()))),
            "POST /auth/v1/token?grant_type=password");
    if (response.statusCode() == 400 || response.statusCode() == 401) {
      return Optional.empty();
    }
    expect(response, 200, "POST /auth/v1/token?grant_type=password", "a session for " + email);
    return Optional.of(session(response, "POST /auth/v1/token?grant_type=password"));
  }

  /** Outcomes of creating a user. */
  enum Created {
    CREATED,
    EXISTS,
    NEEDS_CONFIRMATION
  }

  /** The public sign-up, as the browser's {@code supabase.auth.signUp}. */
  Created signUp(String email, Secret password, String fullName, String role) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", email);
    body.put("password", password.reveal());
    body.put("data", Map.of("full_name", fullName, "role", role));
    HttpResponse<String> response =
        send(http, supabase("/auth/v1/signup").POST(body(body)), "POST /auth/v1/signup");
    if (response.statusCode() == 422 || response.statusCode() == 400) {
      if (response.body().toLowerCase(Locale.ROOT).contains("already")) {
        return Created.EXISTS;
      }
    }
    expect(response, 200, "POST /auth/v1/signup", "the new user " + email);
    return json(response, "POST /auth/v1/signup").path("access_token").isTextual()
        ? Created.CREATED
        : Created.NEEDS_CONFIRMATION;
  }

  /**
   * GoTrue's admin API with the service-role key: a confirmed user, no e-mail sent ({@code POST
   * /auth/v1/admin/users}).
   */
  Created adminCreateUser(
      Secret serviceRoleKey, String email, Secret password, String fullName, String role) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", email);
    body.put("password", password.reveal());
    body.put("email_confirm", true);
    body.put("user_metadata", Map.of("full_name", fullName, "role", role));
    HttpResponse<String> response =
        send(
            http,
            HttpRequest.newBuilder(auth.resolve("/auth/v1/admin/users"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("apikey", serviceRoleKey.reveal())
                .header("Authorization", "Bearer " + serviceRoleKey.reveal())
                .POST(body(body)),
            "POST /auth/v1/admin/users");
    if (response.statusCode() == 422 && response.body().contains("email_exists")) {
      return Created.EXISTS;
    }
    expect(response, 200, "POST /auth/v1/admin/users", "the new user " + email);
    return Created.CREATED;
  }

  /**
   * The employee's {@code EMP-} coupon: read through PostgREST as the employee's dashboard does; a
   * target that does not serve that table gets the code its sign-up trigger makes ({@code EMP-} and
   * the first six upper-case hex digits of md5 of the user id).
   */
  String couponCode(Session employee) {
    HttpResponse<String> response =
        send(
            http,
            supabase(
                    "/rest/v1/employee_coupons?select=code&employee_id=eq."
                        + employee.userId()
                        + "&is_active=eq.true")
                .header("Authorization", "Bearer " + employee.accessToken())
                .GET(),
            "GET /rest/v1/employee_coupons");
    if (response.statusCode() == 200) {
      JsonNode rows = json(response, "GET /rest/v1/employee_coupons");
      if (rows.isArray() && !rows.isEmpty() && rows.get(0).path("code").isTextual()) {
        return rows.get(0).get("code").asText();
      }
    }
    return triggerCouponCode(employee.userId());
  }

  static String triggerCouponCode(UUID userId) {
    try {
      byte[] md5 =
          MessageDigest.getInstance("MD5")
              .digest(userId.toString().getBytes(StandardCharsets.UTF_8));
      return "EMP-" + HexFormat.of().formatHex(md5).substring(0, 6).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available in this JVM", e);
    }
  }

  /** {@code GET /api/subscriptions/check-allowance}: the letter credits left. */
  long remainingLetters(Session user) {
    HttpResponse<String> response =
        send(
            http,
            appRequest("/api/subscriptions/check-allowance", user).GET(),
            "GET /api/subscriptions/check-allowance");
    expect(response, 200, "GET /api/subscriptions/check-allowance", "the allowance");
    return json(response, "GET /api/subscriptions/check-allowance").path("remaining").asLong(0);
  }

  /**
   * Buys a plan as a user and Stripe would: {@code POST /api/create-checkout}, then (unless the app
   * answers in test mode) Stripe's signed {@code checkout.session.completed} webhook, then {@code
   * POST /api/verify-payment} as the success page does.
   */
  void buyPlan(Session user, String planType, int letters, double priceUsd, Secret webhookSecret) {
    HttpResponse<String> checkout =
        send(
            http,
            appRequest("/api/create-checkout", user)
                .POST(body(mapOf("planType", planType, "couponCode", null))),
            "POST /api/create-checkout");
    expect(checkout, 200, "POST /api/create-checkout", "a checkout session");
    JsonNode created = json(checkout, "POST /api/create-checkout");
    if (created.path("testMode").asBoolean(false)) {
      return;
    }
    String sessionId = created.path("sessionId").asText("");
    if (sessionId.isEmpty()) {
      throw new ProvisionException(
          "POST /api/create-checkout: no checkout session (expected {sessionId, url} or"
              + " {testMode: true}, got "
              + abbreviate(checkout.body())
              + ").");
    }
    String event = checkoutCompleted(user.userId(), sessionId, planType, letters, priceUsd);
    HttpResponse<String> webhook =
        send(
            http,
            HttpRequest.newBuilder(app.resolve("/api/stripe/webhook"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(
                    "Stripe-Signature",
                    StripeSignature.header(webhookSecret, System.currentTimeMillis() / 1000, event))
                .POST(HttpRequest.BodyPublishers.ofString(event)),
            "POST /api/stripe/webhook");
    expect(webhook, 200, "POST /api/stripe/webhook", "{received: true}");
    HttpResponse<String> verify =
        send(
            http,
            appRequest("/api/verify-payment", user).POST(body(Map.of("sessionId", sessionId))),
            "POST /api/verify-payment");
    expect(verify, 200, "POST /api/verify-payment", "the activated subscription");
    if (!json(verify, "POST /api/verify-payment").path("success").asBoolean(false)) {
      throw new ProvisionException(
          "POST /api/verify-payment: the plan was not activated (expected success: true, got "
              + abbreviate(verify.body())
              + ").");
    }
  }

  private static String checkoutCompleted(
      UUID userId, String sessionId, String planType, int letters, double priceUsd) {
    String price = String.format(Locale.ROOT, "%.2f", priceUsd);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("user_id", userId.toString());
    metadata.put("plan_type", planType);
    metadata.put("letters", Integer.toString(letters));
    metadata.put("base_price", price);
    metadata.put("discount", "0.00");
    metadata.put("final_price", price);
    metadata.put("coupon_code", "");
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("id", sessionId);
    object.put("object", "checkout.session");
    object.put("payment_status", "paid");
    object.put("customer", "cus_loadgate_" + userId.toString().replace("-", "").substring(0, 12));
    object.put("client_reference_id", userId.toString());
    object.put("metadata", metadata);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", "evt_loadgate_" + UUID.randomUUID().toString().replace("-", ""));
    event.put("object", "event");
    event.put("type", "checkout.session.completed");
    event.put("created", System.currentTimeMillis() / 1000);
    event.put("api_version", "2024-06-20");
    event.put("data", Map.of("object", object));
    return write(event);
  }

  /** {@code POST /api/generate-letter} with valid intake data; returns the new letter's id. */
  String generateLetter(Session user) {
    Map<String, Object> body = IntakeData.forType("demand_letter", random);
    HttpResponse<String> response =
        send(
            http,
            appRequest("/api/generate-letter", user).POST(body(body)),
            "POST /api/generate-letter");
    expect(response, 200, "POST /api/generate-letter", "the new letter");
    String id = json(response, "POST /api/generate-letter").path("letterId").asText("");
    if (id.isEmpty()) {
      throw new ProvisionException(
          "POST /api/generate-letter: no letter id (expected {success, letterId, status}, got "
              + abbreviate(response.body())
              + ").");
    }
    return id;
  }

  /** A letter's status as its owner reads it through PostgREST, or empty if it is not visible. */
  Optional<String> letterStatus(Session owner, String letterId) {
    HttpResponse<String> response =
        send(
            http,
            supabase("/rest/v1/letters?select=status&id=eq." + encode(letterId))
                .header("Authorization", "Bearer " + owner.accessToken())
                .GET(),
            "GET /rest/v1/letters");
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    JsonNode rows = json(response, "GET /rest/v1/letters");
    JsonNode row = rows.isArray() ? rows.path(0) : rows;
    return row.path("status").isTextual()
        ? Optional.of(row.get("status").asText())
        : Optional.empty();
  }

  /** The admin portal's login ({@code POST /api/admin-auth/login}); keeps its session cookie. */
  void adminLogin(String email, Secret password, Optional<Secret> portalKey) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", email);
    body.put("password", password.reveal());
    portalKey.ifPresent(key -> body.put("portalKey", key.reveal()));
    HttpResponse<String> response =
        send(
            portal,
            HttpRequest.newBuilder(app.resolve("/api/admin-auth/login"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(body(body)),
            "POST /api/admin-auth/login");
    expect(response, 200, "POST /api/admin-auth/login", "an admin session for " + email);
  }

  /**
   * The review flow: open the letter as the review page does (pending_review moves to under_review;
   * the answer carries a CSRF token and the draft), then approve it with the draft as the final
   * content.
   */
  void approve(String letterId) {
    String where = "GET /api/admin/letters/{id}";
    HttpResponse<String> opened =
        send(
            portal,
            HttpRequest.newBuilder(app.resolve("/api/admin/letters/" + encode(letterId)))
                .timeout(TIMEOUT)
                .GET(),
            where);
    expect(opened, 200, where, "the letter under review");
    JsonNode review = json(opened, where);
    String csrf = review.path("csrfToken").asText("");
    if (csrf.isEmpty()) {
      csrf = csrfToken();
    }
    String draft = review.path("letter").path("ai_draft_content").asText("");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("finalContent", draft.isEmpty() ? "Approved synthetic letter." : draft);
    body.put("reviewNotes", "Approved by loadgate provision (synthetic data).");
    HttpResponse<String> approved =
        send(
            portal,
            HttpRequest.newBuilder(app.resolve("/api/letters/" + encode(letterId) + "/approve"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("x-csrf-token", csrf)
                .POST(body(body)),
            "POST /api/letters/{id}/approve");
    expect(approved, 200, "POST /api/letters/{id}/approve", "the approval");
  }

  private String csrfToken() {
    HttpResponse<String> response =
        send(
            portal,
            HttpRequest.newBuilder(app.resolve("/api/admin/csrf")).timeout(TIMEOUT).GET(),
            "GET /api/admin/csrf");
    expect(response, 200, "GET /api/admin/csrf", "a CSRF token");
    return json(response, "GET /api/admin/csrf").path("csrfToken").asText("");
  }

  // ------------------------------------------------------------------ plumbing

  private HttpRequest.Builder supabase(String pathAndQuery) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(stripSlash(auth) + pathAndQuery))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json");
    if (!anonKey.isEmpty()) {
      builder.header("apikey", anonKey.reveal());
    }
    return builder;
  }

  /** An app API request authenticated as the browser does: the Supabase session cookie. */
  private HttpRequest.Builder appRequest(String path, Session user) {
    String cookie =
        "base64-"
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(user.json().getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(app.resolve(path))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .header("Cookie", sessionCookieName() + "=" + cookie);
  }

  /**
   * {@code sb-<first label of the Supabase host>-auth-token}, as {@code @supabase/ssr} names it.
   */
  private String sessionCookieName() {
    String host = auth.getHost() == null ? "localhost" : auth.getHost();
    return "sb-" + host.split("\\.")[0].toLowerCase(Locale.ROOT) + "-auth-token";
  }

  private static Session session(HttpResponse<String> response, String where) {
    JsonNode node = json(response, where);
    String token = node.path("access_token").asText("");
    String id = node.path("user").path("id").asText("");
    if (token.isEmpty() || id.isEmpty()) {
      throw new ProvisionException(
          where + ": no session in the answer (expected access_token and user.id, got neither).");
    }
    return new Session(UUID.fromString(id), token, response.body());
  }

  private static HttpResponse<String> send(
      HttpClient client, HttpRequest.Builder request, String where) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ProvisionException(
          where
              + ": the target did not answer ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "). Is it running, and is the URL right?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvisionException(where + ": interrupted.");
    }
  }

  private static void expect(HttpResponse<String> response, int status, String where, String what) {
    if (response.statusCode() == status) {
      return;
    }
    String hint =
        switch (response.statusCode()) {
          case 429 ->
              " The target's rate limits stopped provisioning: they count per client IP. Wait for"
                  + " the window (Retry-After: "
                  + response.headers().firstValue("Retry-After").orElse("?")
                  + " s) and run provision again: it continues where it stopped.";
          case 401, 403 ->
              " Check the secrets (ADMIN_PORTAL_KEY, LOADGATE_ADMIN_PASSWORD, SUPABASE_ANON_KEY)"
                  + " against the target.";
          default -> "";
        };
    throw new ProvisionException(
        where
            + ": unexpected answer (expected "
            + status
            + " with "
            + what
            + ", got "
            + response.statusCode()
            + " "
            + abbreviate(response.body())
            + ")."
            + hint);
  }

  private static JsonNode json(HttpResponse<String> response, String where) {
    try {
      JsonNode node = JSON.readTree(response.body());
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      throw new ProvisionException(
          where + ": the answer is not JSON (got " + abbreviate(response.body()) + ").");
    }
  }

  private static HttpRequest.BodyPublisher body(Map<String, ?> body) {
    return HttpRequest.BodyPublishers.ofString(write(body));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static String abbreviate(String body) {
    // A token in an answer (a session, an API key) must not reach a message.
    String flat =
        body == null
            ? ""
            : body.replaceAll("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+", "<token>")
                .replaceAll("\\s+", " ")
                .trim();
    return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String stripSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
