package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadgate.targets.Account;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthJourneyIT {
  static RunningReferenceApp app;
  static Account subscriber;

  @BeforeAll
  static void start() {
    app = SharedApp.get();
    subscriber = app.targetProfile().accounts("subscriber").get(0);
  }

  @Test
  void signUpSignInRefreshAndReadUser() {
    Client c = new Client(app.baseUrl());
    String email = "auth-" + UUID.randomUUID() + "@loadgate.test";
    Client.Response signup =
        c.post(
            "/auth/v1/signup",
            Map.of("email", email, "password", "secret-123", "data", Map.of("full_name", "A B")));
    assertThat(signup.status()).isEqualTo(200);
    assertThat(signup.json().path("user").path("email").asText()).isEqualTo(email);

    Client.Response token =
        c.post(
            "/auth/v1/token?grant_type=password",
            Map.of("email", email.toUpperCase(java.util.Locale.ROOT), "password", "secret-123"));
    assertThat(token.status()).isEqualTo(200);
    JsonNode session = token.json();
    assertThat(session.path("token_type").asText()).isEqualTo("bearer");
    assertThat(session.path("expires_in").asInt()).isEqualTo(3600);
    assertThat(session.path("access_token").asText().split("\\.")).hasSize(3);

    Client.Response user =
        new Client(app.baseUrl()).bearer(session.get("access_token").asText()).get("/auth/v1/user");
    assertThat(user.status()).isEqualTo(200);
    assertThat(user.json().path("email").asText()).isEqualTo(email);

    String refresh = session.get("refresh_token").asText();
    Client.Response refreshed =
        c.post("/auth/v1/token?grant_type=refresh_token", Map.of("refresh_token", refresh));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().path("refresh_token").asText()).isNotEqualTo(refresh);

    Client.Response reused =
        c.post("/auth/v1/token?grant_type=refresh_token", Map.of("refresh_token", refresh));
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().path("error_code").asText()).isEqualTo("refresh_token_already_used");
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() {
    Client c = new Client(app.baseUrl());
    Client.Response wrong =
        c.post(
            "/auth/v1/token?grant_type=password",
            Map.of("email", subscriber.email(), "password", "not-the-password"));
    Client.Response unknown =
        c.post(
            "/auth/v1/token?grant_type=password",
            Map.of("email", "nobody@loadgate.test", "password", "not-the-password"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().path("msg").asText()).isEqualTo("Invalid login credentials");
    assertThat(unknown.body()).isEqualTo(wrong.body());
  }

  @Test
  void duplicateSignUpAndWeakPasswordAreRejected() {
    Client c = new Client(app.baseUrl());
    Client.Response dup =
        c.post("/auth/v1/signup", Map.of("email", subscriber.email(), "password", "secret-123"));
    assertThat(dup.status()).isEqualTo(422);
    assertThat(dup.json().path("msg").asText()).isEqualTo("User already registered");
    Client.Response weak =
        c.post("/auth/v1/signup", Map.of("email", "weak@loadgate.test", "password", "123"));
    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.json().path("error_code").asText()).isEqualTo("weak_password");
  }

  @Test
  void invalidTokenIsRejectedAndMissingTokenIsUnauthorized() {
    assertThat(new Client(app.baseUrl()).get("/auth/v1/user").status()).isEqualTo(401);
    Client.Response forged = new Client(app.baseUrl()).bearer("a.b.c").get("/auth/v1/user");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().path("error_code").asText()).isEqualTo("bad_jwt");
  }

  @Test
  void sessionCookieIsAcceptedLikeTheBearerHeader() throws Exception {
    Client c = new Client(app.baseUrl());
    JsonNode session =
        c.post(
                "/auth/v1/token?grant_type=password",
                Map.of("email", subscriber.email(), "password", subscriber.password().reveal()))
            .json();
    String value =
        "base64-"
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(session.toString().getBytes(StandardCharsets.UTF_8));
    String letter = subscriber.approvedLetterIds().get(0);
    Client.Response pdf =
        new Client(app.baseUrl())
            .with("Cookie", "sb-127-auth-token=" + value)
            .get("/api/letters/" + letter + "/pdf");
    assertThat(pdf.status()).isEqualTo(200);
    int half = value.length() / 2;
    Client.Response chunked =
        new Client(app.baseUrl())
            .with(
                "Cookie",
                "sb-127-auth-token.1="
                    + value.substring(half)
                    + "; sb-127-auth-token.0="
                    + value.substring(0, half))
            .get("/api/letters/" + letter + "/pdf");
    assertThat(chunked.status()).isEqualTo(200);
  }

  @Test
  void profileRoleIsReadableBySelfOnly() {
    Client me = Client.signedIn(app.baseUrl(), subscriber.email(), subscriber.password().reveal());
    String id = me.get("/auth/v1/user").json().path("id").asText();
    Client.Response own = me.get("/rest/v1/profiles?select=role&id=eq." + id);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get(0).path("role").asText()).isEqualTo("subscriber");

    Account other = app.targetProfile().accounts("subscriber").get(1);
    Client them = Client.signedIn(app.baseUrl(), other.email(), other.password().reveal());
    assertThat(them.get("/rest/v1/profiles?select=role&id=eq." + id).json()).isEmpty();
  }
}
