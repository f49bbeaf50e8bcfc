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

    // GoTrue: the parent of the session's active token gets that active token back
    Client.Response reused =
        c.post("/auth/v1/token?grant_type=refresh_token", Map.of("refresh_token", refresh));
    assertThat(reused.status()).isEqualTo(200);
    assertThat(reused.json().path("refresh_token").asText())
        .isEqualTo(refreshed.json().path("refresh_token").asText());

    // beyond the reuse interval any other reuse is refused and ends the session's token family
    String active = refreshed.json().path("refresh_token").asText();
    String next =
        c.post("/auth/v1/token?grant_type=refresh_token", Map.of("refresh_token", active))
            .json()
            .path("refresh_token")
            .asText();
    String sessionOf =
        "(select session_id from auth.refresh_tokens"
            + " where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex'))";
    Db.count(
        app,
        "with t as (update auth.refresh_tokens set updated_at = now() - interval '1 minute'"
            + " where revoked and session_id = "
            + sessionOf
            + " returning 1) select count(*) from t",
        refresh);
    Client.Response stale =
        c.post("/auth/v1/token?grant_type=refresh_token", Map.of("refresh_token", refresh));
    assertThat(stale.status()).isEqualTo(400);
    assertThat(stale.json().path("error_code").asText()).isEqualTo("refresh_token_already_used");
    assertThat(
            Db.count(
                app,
                "select count(*) from auth.refresh_tokens where not revoked and session_id = "
                    + sessionOf,
                next))
        .isZero();
  }

  @Test
  void reuseWithinTheIntervalIsToleratedWithANewToken() {
    Client c = new Client(app.baseUrl());
    String first = passwordGrant(c).path("refresh_token").asText();
    String second = refresh(c, first).json().path("refresh_token").asText();
    String third = refresh(c, second).json().path("refresh_token").asText();
    // first is revoked and is not the parent of the active token (third), but was revoked < 10 s
    // ago
    Client.Response again = refresh(c, first);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().path("refresh_token").asText()).isNotIn(first, second, third);
  }

  @Test
  void logoutEndsTheSessionsOfItsScope() {
    Client c = new Client(app.baseUrl());
    JsonNode a = passwordGrant(c);
    JsonNode b = passwordGrant(c);
    Client asA = new Client(app.baseUrl()).bearer(a.path("access_token").asText());

    Client.Response others = asA.post("/auth/v1/logout?scope=others", null);
    assertThat(others.status()).isEqualTo(204);
    assertThat(others.body()).isEmpty();
    assertThat(refresh(c, b.path("refresh_token").asText()).json().path("error_code").asText())
        .isEqualTo("refresh_token_not_found");
    JsonNode a2 = refresh(c, a.path("refresh_token").asText()).json();
    assertThat(a2.path("refresh_token").asText()).isNotEmpty();

    Client.Response local = asA.post("/auth/v1/logout?scope=local", null);
    assertThat(local.status()).isEqualTo(204);
    assertThat(refresh(c, a2.path("refresh_token").asText()).status()).isEqualTo(400);
    Client.Response user = asA.get("/auth/v1/user");
    assertThat(user.status()).isEqualTo(403);
    assertThat(user.json().path("error_code").asText()).isEqualTo("session_not_found");

    JsonNode d = passwordGrant(c);
    JsonNode e = passwordGrant(c);
    Client asD = new Client(app.baseUrl()).bearer(d.path("access_token").asText());
    assertThat(asD.post("/auth/v1/logout", null).status()).isEqualTo(204); // global by default
    assertThat(refresh(c, e.path("refresh_token").asText()).status()).isEqualTo(400);
    assertThat(
            new Client(app.baseUrl())
                .bearer(e.path("access_token").asText())
                .get("/api/letters/" + subscriber.approvedLetterIds().get(0) + "/pdf")
                .status())
        .isEqualTo(401);

    Client.Response bad = asD.post("/auth/v1/logout?scope=everyone", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("msg").asText()).isEqualTo("Unsupported logout scope \"everyone\"");
  }

  @Test
  void theGatewayRefusesRequestsWithoutAValidApiKey() {
    Client.Response none =
        new Client(app.baseUrl())
            .post(
                "/auth/v1/token?grant_type=password",
                Map.of("email", subscriber.email(), "password", subscriber.password().reveal()),
                "apikey",
                "");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().path("message").asText()).isEqualTo("No API key found in request");
    Client.Response wrong =
        new Client(app.baseUrl()).with("apikey", "not-a-key").get("/rest/v1/profiles?select=role");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().path("message").asText()).isEqualTo("Invalid API key");
    // loopback callers (scripts, curl) can ask the app for its anon key
    assertThat(
            new Client(app.baseUrl()).get("/__loadgate/anon-key").json().path("anonKey").asText())
        .isEqualTo(app.targetProfile().supabaseAnonKey().reveal());
    // the app's own routes are not behind the gateway
    assertThat(new Client(app.baseUrl()).with("apikey", "not-a-key").get("/api/health").status())
        .isEqualTo(200);
  }

  @Test
  void errorsTakeTheShapeOfTheRequestedApiVersion() {
    Map<String, String> wrong = Map.of("email", subscriber.email(), "password", "not-the-password");
    Client.Response dated =
        new Client(app.baseUrl())
            .post(
                "/auth/v1/token?grant_type=password",
                wrong,
                "X-Supabase-Api-Version",
                "2024-01-01");
    assertThat(dated.status()).isEqualTo(400);
    assertThat(dated.json().path("code").asText()).isEqualTo("invalid_credentials");
    assertThat(dated.json().path("message").asText()).isEqualTo("Invalid login credentials");
    assertThat(dated.json().has("msg")).isFalse();
    assertThat(dated.header("X-Supabase-Api-Version")).isEqualTo("2024-01-01");
    Client.Response initial =
        new Client(app.baseUrl())
            .post(
                "/auth/v1/token?grant_type=password",
                wrong,
                "X-Supabase-Api-Version",
                "2023-12-31");
    assertThat(initial.json().path("code").asInt()).isEqualTo(400);
    assertThat(initial.json().path("error_code").asText()).isEqualTo("invalid_credentials");
    assertThat(initial.header("x-sb-error-code")).isEqualTo("invalid_credentials");
  }

  @Test
  void metadataIsKeptAsGivenAtSignUp() {
    Client c = new Client(app.baseUrl());
    String email = "meta-" + UUID.randomUUID() + "@loadgate.test";
    JsonNode session =
        c.post(
                "/auth/v1/signup",
                Map.of(
                    "email",
                    email,
                    "password",
                    "secret-123",
                    "data",
                    Map.of("full_name", "Mia Meta", "role", "subscriber", "locale", "en-US")))
            .json();
    JsonNode user =
        new Client(app.baseUrl())
            .bearer(session.path("access_token").asText())
            .get("/auth/v1/user")
            .json();
    assertThat(user.path("user_metadata").path("full_name").asText()).isEqualTo("Mia Meta");
    assertThat(user.path("user_metadata").path("locale").asText()).isEqualTo("en-US");
    JsonNode refreshed = refresh(c, session.path("refresh_token").asText()).json();
    assertThat(refreshed.path("user").path("user_metadata").path("full_name").asText())
        .isEqualTo("Mia Meta");
  }

  private static JsonNode passwordGrant(Client c) {
    Client.Response r =
        c.post(
            "/auth/v1/token?grant_type=password",
            Map.of("email", subscriber.email(), "password", subscriber.password().reveal()));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static Client.Response refresh(Client c, String token) {
    return c.post("/auth/v1/token?grant_type=refresh_token", Map.of("refresh_token", token));
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
