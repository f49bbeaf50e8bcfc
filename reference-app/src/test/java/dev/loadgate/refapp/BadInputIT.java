package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.targets.Account;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BadInputIT {
  static RunningReferenceApp app;
  static Client subscriber;

  static final List<String> JSON_ROUTES =
      List.of(
          "/auth/v1/signup",
          "/auth/v1/token?grant_type=password",
          "/api/generate-letter",
          "/api/create-checkout",
          "/api/verify-payment",
          "/api/admin-auth/login");

  @BeforeAll
  static void start() {
    app = SharedApp.get();
    Account a = app.targetProfile().accounts("subscriber").get(11);
    subscriber = Client.signedIn(app.baseUrl(), a.email(), a.password().reveal());
  }

  @Test
  void malformedJsonIsA400WithTheErrorShape() {
    for (String route : JSON_ROUTES) {
      Client.Response r = subscriber.post(route, "{\"planType\": ");
      assertThat(r.status()).as(route).isEqualTo(400);
      assertThat(r.json().path("error").asText())
          .as(route)
          .isEqualTo("Invalid JSON in request body");
    }
  }

  @Test
  void nonObjectJsonIsA400() {
    for (String route : JSON_ROUTES) {
      Client.Response r = subscriber.post(route, "[1, 2]");
      assertThat(r.status()).as(route).isEqualTo(400);
      assertThat(r.json().path("error").asText())
          .as(route)
          .isEqualTo("Request body must be a JSON object");
    }
  }

  @Test
  void wrongTypesAreA400() {
    Client.Response checkout = subscriber.post("/api/create-checkout", Map.of("planType", 7));
    assertThat(checkout.status()).isEqualTo(400);
    assertThat(checkout.json().path("error").asText()).isEqualTo("planType must be a string");
    Client.Response verify = subscriber.post("/api/verify-payment", Map.of("sessionId", List.of()));
    assertThat(verify.status()).isEqualTo(400);
    Client.Response letter =
        subscriber.post(
            "/api/generate-letter", Map.of("letterType", "demand_letter", "intakeData", "x"));
    assertThat(letter.status()).isEqualTo(400);
    assertThat(letter.json().path("error").asText()).contains("intakeData must be an object");
  }

  @Test
  void oversizeBodiesAre413() {
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    for (String route : List.of("/api/generate-letter", "/api/stripe/webhook")) {
      Client.Response r = subscriber.post(route, big);
      assertThat(r.status()).as(route).isEqualTo(413);
      assertThat(r.body()).as(route).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void unknownRoutesAndIdsAre404() {
    Client.Response route = subscriber.get("/api/does-not-exist");
    assertThat(route.status()).isEqualTo(404);
    assertThat(route.json().path("code").asText()).isEqualTo("NOT_FOUND");
    Client.Response rest =
        subscriber.get("/rest/v1/letters?select=status&id=eq." + UUID.randomUUID());
    assertThat(rest.status()).isEqualTo(200);
    assertThat(rest.json()).isEmpty();
    Client.Response badUuid = subscriber.get("/rest/v1/letters?select=status&id=eq.12");
    assertThat(badUuid.status()).isEqualTo(400);
    assertThat(badUuid.json().path("code").asText()).isEqualTo("22P02");
    Client.Response badColumn =
        subscriber.get("/rest/v1/letters?select=password&id=eq." + UUID.randomUUID());
    assertThat(badColumn.status()).isEqualTo(400);
    assertThat(badColumn.json().path("message").asText())
        .isEqualTo("column letters.password does not exist");
  }

  @Test
  void sqlMetacharactersAreJustData() {
    Client.Response r =
        new Client(app.baseUrl())
            .post(
                "/auth/v1/token?grant_type=password",
                Map.of("email", "x' or '1'='1@loadgate.test", "password", "' or 1=1 --"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("msg").asText()).isEqualTo("Invalid login credentials");
  }
}
