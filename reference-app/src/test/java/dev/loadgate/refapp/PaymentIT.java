package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadgate.refapp.payment.StripeSignature;
import dev.loadgate.targets.Account;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaymentIT {
  static RunningReferenceApp app;
  static Account buyer;
  static Account employee;
  static String token;
  static String secret;
  static ExecutorService pool;

  @BeforeAll
  static void start() {
    app = SharedApp.get();
    buyer = app.targetProfile().accounts("subscriber").get(6);
    employee = app.targetProfile().accounts("employee").get(1);
    token =
        Client.signedIn(app.baseUrl(), buyer.email(), buyer.password().reveal())
            .get("/auth/v1/user")
            .raw()
            .request()
            .headers()
            .firstValue("Authorization")
            .orElseThrow()
            .substring(7);
    secret = app.targetProfile().stripeWebhookSecret().orElseThrow().reveal();
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static Client buyerClient() {
    return new Client(app.baseUrl()).bearer(token);
  }

  private static JsonNode checkout(String plan, String coupon) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("planType", plan);
    body.put("couponCode", coupon);
    Client.Response r = buyerClient().post("/api/create-checkout", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static byte[] event(String eventId, String sessionId) {
    String userId = buyerClient().get("/auth/v1/user").json().path("id").asText();
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("id", sessionId);
    object.put("payment_status", "paid");
    object.put("client_reference_id", userId);
    object.put("metadata", Map.of("user_id", userId));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", eventId);
    event.put("type", "checkout.session.completed");
    event.put("created", Instant.now().getEpochSecond());
    event.put("api_version", "2024-06-20");
    event.put("data", Map.of("object", object));
    try {
      return Client.JSON.writeValueAsBytes(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static Client.Response postWebhook(byte[] body, String signature) {
    return new Client(app.baseUrl())
        .post("/api/stripe/webhook", body, "Stripe-Signature", signature);
  }

  private static String sign(byte[] body) {
    return StripeSignature.header(secret, Instant.now().getEpochSecond(), body);
  }

  @Test
  void checkoutWebhookAndVerifyActivateOnceWithCommission() {
    JsonNode session = checkout("annual", employee.couponCode());
    String sessionId = session.path("sessionId").asText();
    assertThat(sessionId).startsWith("cs_test_");
    assertThat(
            Db.text(
                app,
                "select price::text from subscriptions where stripe_session_id = ?",
                sessionId))
        .isEqualTo("1600.00");

    byte[] body = event("evt_" + UUID.randomUUID(), sessionId);
    Client.Response hook = postWebhook(body, sign(body));
    assertThat(hook.status()).isEqualTo(200);
    assertThat(hook.json().path("received").asBoolean()).isTrue();

    Client.Response replay = postWebhook(body, sign(body));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().path("already_processed").asBoolean()).isTrue();

    Client.Response verify =
        buyerClient().post("/api/verify-payment", Map.of("sessionId", sessionId));
    assertThat(verify.status()).isEqualTo(200);
    assertThat(verify.json().path("letters").asInt()).isEqualTo(48);
    assertThat(verify.json().path("message").asText())
        .isEqualTo("Subscription already activated by webhook");

    assertThat(
            Db.text(
                app,
                "select status::text from subscriptions where stripe_session_id = ?",
                sessionId))
        .isEqualTo("active");
    assertThat(
            Db.text(
                app,
                "select k.commission_amount::text from commissions k join subscriptions s"
                    + " on s.id = k.subscription_id where s.stripe_session_id = ?",
                sessionId))
        .isEqualTo("80.00");
  }

  @Test
  void badSignaturesAreRejected() {
    byte[] body = event("evt_" + UUID.randomUUID(), "cs_test_unknown");
    Client.Response missing = new Client(app.baseUrl()).post("/api/stripe/webhook", body);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").asText()).isEqualTo("No signature");

    String otherSecret =
        StripeSignature.header("whsec_wrong", Instant.now().getEpochSecond(), body);
    Client.Response wrong = postWebhook(body, otherSecret);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().path("error").asText()).isEqualTo("Invalid signature");

    String stale = StripeSignature.header(secret, Instant.now().getEpochSecond() - 301, body);
    assertThat(postWebhook(body, stale).status()).isEqualTo(401);

    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("paid", "PAID")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(postWebhook(tampered, sign(body)).status()).isEqualTo(401);
  }

  @Test
  void webhookAndVerifyRacingActivateExactlyOnce() throws Exception {
    int rounds = 25;
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      String sessionId = checkout("one_time", employee.couponCode()).path("sessionId").asText();
      sessions.add(sessionId);
      byte[] body = event("evt_" + UUID.randomUUID(), sessionId);
      String signature = sign(body);
      CountDownLatch go = new CountDownLatch(1);
      Future<Client.Response> hook =
          pool.submit(
              () -> {
                go.await();
                return postWebhook(body, signature);
              });
      Future<Client.Response> verify =
          pool.submit(
              () -> {
                go.await();
                return buyerClient().post("/api/verify-payment", Map.of("sessionId", sessionId));
              });
      go.countDown();
      assertThat(hook.get().status()).isEqualTo(200);
      assertThat(verify.get().status()).isEqualTo(200);
    }
    for (String sessionId : sessions) {
      assertThat(
              Db.count(
                  app,
                  "select count(*) from commissions k join subscriptions s on s.id = k.subscription_id"
                      + " where s.stripe_session_id = ?",
                  sessionId))
          .as("commissions for %s", sessionId)
          .isEqualTo(1);
      assertThat(
              Db.count(
                  app,
                  "select count(*) from subscriptions where stripe_session_id = ? and status = 'active'"
                      + " and remaining_letters = 1",
                  sessionId))
          .isEqualTo(1);
    }
  }

  @Test
  void checkoutRejectsUnknownPlansCouponsAndAnonymousCallers() {
    Client.Response plan =
        buyerClient().post("/api/create-checkout", Map.of("planType", "lifetime"));
    assertThat(plan.status()).isEqualTo(400);
    assertThat(plan.json().path("error").asText()).isEqualTo("Invalid plan type");
    Client.Response coupon =
        buyerClient()
            .post("/api/create-checkout", Map.of("planType", "annual", "couponCode", "EMP-NOPE00"));
    assertThat(coupon.status()).isEqualTo(400);
    assertThat(coupon.json().path("error").asText()).isEqualTo("Invalid coupon code");
    Client.Response anonymous =
        new Client(app.baseUrl()).post("/api/create-checkout", Map.of("planType", "annual"));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().path("error").asText()).isEqualTo("Unauthorized");
  }

  @Test
  void verifyingAnotherUsersSessionIsForbidden() {
    String sessionId = checkout("one_time", null).path("sessionId").asText();
    Account other = app.targetProfile().accounts("subscriber").get(7);
    Client them = Client.signedIn(app.baseUrl(), other.email(), other.password().reveal());
    Client.Response r = them.post("/api/verify-payment", Map.of("sessionId", sessionId));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().path("error").asText()).isEqualTo("Session does not belong to this user");
    Client.Response unknown =
        them.post("/api/verify-payment", Map.of("sessionId", "cs_test_does_not_exist"));
    assertThat(unknown.status()).isEqualTo(404);
  }
}
