package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadgate.targets.Account;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LetterGenerationIT {
  static RunningReferenceApp app;
  static Account subscriber;

  @BeforeAll
  static void start() {
    app = SharedApp.get();
    subscriber = app.targetProfile().accounts("subscriber").get(2);
  }

  @Test
  void generatesALetterThatPollingSeesAsPendingReview() {
    Client c = Client.signedIn(app.baseUrl(), subscriber.email(), subscriber.password().reveal());
    Client.Response r = c.post("/api/generate-letter", Client.letterRequest());
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.path("success").asBoolean()).isTrue();
    assertThat(body.path("status").asText()).isEqualTo("pending_review");
    assertThat(body.path("isFreeTrial").asBoolean()).isFalse();
    String id = body.path("letterId").asText();

    Client.Response poll = c.get("/rest/v1/letters?select=status&id=eq." + id);
    assertThat(poll.status()).isEqualTo(200);
    assertThat(poll.json().get(0).path("status").asText()).isEqualTo("pending_review");

    Account other = app.targetProfile().accounts("subscriber").get(3);
    Client them = Client.signedIn(app.baseUrl(), other.email(), other.password().reveal());
    assertThat(them.get("/rest/v1/letters?select=status&id=eq." + id).json()).isEmpty();
  }

  @Test
  void allowanceDropsByOnePerLetter() {
    Client c = Client.signedIn(app.baseUrl(), subscriber.email(), subscriber.password().reveal());
    long before = c.get("/api/subscriptions/check-allowance").json().path("remaining").asLong();
    assertThat(c.post("/api/generate-letter", Client.letterRequest()).status()).isEqualTo(200);
    JsonNode after = c.get("/api/subscriptions/check-allowance").json();
    assertThat(after.path("hasAllowance").asBoolean()).isTrue();
    assertThat(after.path("remaining").asLong()).isEqualTo(before - 1);
  }

  @Test
  void firstLetterIsFreeThenCreditsRunOut() {
    Client c = new Client(app.baseUrl());
    String email = "free-" + UUID.randomUUID() + "@loadgate.test";
    JsonNode session =
        c.post("/auth/v1/signup", Map.of("email", email, "password", "secret-123")).json();
    c.bearer(session.path("access_token").asText());
    Client.Response first = c.post("/api/generate-letter", Client.letterRequest());
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("isFreeTrial").asBoolean()).isTrue();
    Client.Response second = c.post("/api/generate-letter", Client.letterRequest());
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.json().path("error").asText())
        .isEqualTo("No letter credits remaining. Please purchase a subscription.");
    assertThat(second.json().path("details").path("needsSubscription").asBoolean()).isTrue();
  }

  @Test
  void concurrentFreeTrialRequestsGrantOnlyOneLetter() throws Exception {
    Client c = new Client(app.baseUrl());
    String email = "race-" + UUID.randomUUID() + "@loadgate.test";
    c.bearer(
        c.post("/auth/v1/signup", Map.of("email", email, "password", "secret-123"))
            .json()
            .path("access_token")
            .asText());
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
      for (int i = 0; i < 4; i++) {
        futures.add(
            pool.submit(() -> c.post("/api/generate-letter", Client.letterRequest()).status()));
      }
      int ok = 0;
      for (var f : futures) {
        ok += f.get() == 200 ? 1 : 0;
      }
      assertThat(ok).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void validationRejectsForbiddenPatternsAndBadFields() {
    Client c = Client.signedIn(app.baseUrl(), subscriber.email(), subscriber.password().reveal());
    assertBadIntake(c, "senderAddress", "Smith & Sons, 1 Main St", "forbidden pattern \"&\"");
    assertBadIntake(c, "issueDescription", "too short", "issueDescription must be 20 to 2000");
    assertBadIntake(c, "senderState", "XX", "senderState must be a 2-letter US state code");
    assertBadIntake(c, "amountDemanded", "a lot", "amountDemanded must be a number");
    assertBadIntake(c, "senderName", 42, "senderName must be a string");
    Map<String, Object> wrongType = new HashMap<>(Client.letterRequest());
    wrongType.put("letterType", "love_letter");
    Client.Response r = c.post("/api/generate-letter", wrongType);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(r.json().path("error").asText()).contains("letterType must be one of");
  }

  @SuppressWarnings("unchecked")
  private static void assertBadIntake(Client c, String field, Object value, String message) {
    Map<String, Object> body = new HashMap<>(Client.letterRequest());
    Map<String, Object> intake = new LinkedHashMap<>((Map<String, Object>) body.get("intakeData"));
    intake.put(field, value);
    body.put("intakeData", intake);
    Client.Response r = c.post("/api/generate-letter", body);
    assertThat(r.status()).as(field).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("VALIDATION_ERROR");
    java.util.List<String> errors = new java.util.ArrayList<>();
    r.json().path("details").path("errors").forEach(e -> errors.add(e.asText()));
    assertThat(errors).anySatisfy(e -> assertThat(e).contains(message));
  }

  @Test
  void requiresASubscriberSession() {
    Client.Response anonymous =
        new Client(app.baseUrl()).post("/api/generate-letter", Client.letterRequest());
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().path("code").asText()).isEqualTo("AUTHENTICATION_ERROR");
    Account employee = app.targetProfile().accounts("employee").get(0);
    Client emp = Client.signedIn(app.baseUrl(), employee.email(), employee.password().reveal());
    Client.Response r = emp.post("/api/generate-letter", Client.letterRequest());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().path("error").asText())
        .isEqualTo("This action requires subscriber role or higher");
  }

  @Test
  void realisticProfileHasALongTailBelowTheLimit() {
    var ai = new dev.loadgate.refapp.letters.AiStandIn(AiLatency.REALISTIC, 7);
    long[] ms = new long[2000];
    for (int i = 0; i < ms.length; i++) {
      ms[i] = ai.nextLatency().toMillis();
    }
    java.util.Arrays.sort(ms);
    assertThat(ms[ms.length / 2]).isBetween(5_000L, 7_000L);
    assertThat(ms[(int) (ms.length * 0.95)]).isBetween(10_000L, 16_000L);
    assertThat(ms[ms.length - 1]).isLessThanOrEqualTo(25_000L);
  }
}
