package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadgate.targets.Account;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminIT {
  static RunningReferenceApp app;
  static Account admin;
  static String portalKey;

  @BeforeAll
  static void start() {
    app = SharedApp.get();
    admin = app.targetProfile().admin().orElseThrow();
    portalKey = app.targetProfile().adminPortalKey().orElseThrow().reveal();
  }

  /** Logs in and returns a client that carries the admin_session cookie. */
  static Client loggedIn() {
    Client c = new Client(app.baseUrl());
    Client.Response r =
        c.post(
            "/api/admin-auth/login",
            Map.of(
                "email",
                admin.email(),
                "password",
                admin.password().reveal(),
                "portalKey",
                portalKey));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("subRole").asText()).isEqualTo("super_admin");
    String cookie = r.header("Set-Cookie");
    assertThat(cookie).startsWith("admin_session=").contains("HttpOnly").contains("Max-Age=1800");
    return c.with("Cookie", cookie.substring(0, cookie.indexOf(';')));
  }

  @Test
  void wrongPortalKeyIsRejectedAndCounted() {
    long before =
        Db.count(
            app, "select count(*) from security_audit_log where event_type = 'admin_login_failed'");
    Client.Response r =
        new Client(app.baseUrl())
            .post(
                "/api/admin-auth/login",
                Map.of(
                    "email",
                    admin.email(),
                    "password",
                    admin.password().reveal(),
                    "portalKey",
                    "nope"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("error").asText()).isEqualTo("Invalid portal key");
    assertThat(r.header("Set-Cookie")).isNull();
    assertThat(
            Db.count(
                app,
                "select count(*) from security_audit_log where event_type = 'admin_login_failed'"))
        .isEqualTo(before + 1);
    JsonNode detailed = new Client(app.baseUrl()).get("/api/health/detailed").json();
    assertThat(detailed.path("security").path("failedAdminLogins15m").asLong()).isGreaterThan(0);
  }

  @Test
  void subscriberCannotLogInToThePortal() {
    Account sub = app.targetProfile().accounts("subscriber").get(8);
    Client.Response r =
        new Client(app.baseUrl())
            .post(
                "/api/admin-auth/login",
                Map.of(
                    "email",
                    sub.email(),
                    "password",
                    sub.password().reveal(),
                    "portalKey",
                    portalKey));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().path("error").asText())
        .isEqualTo("Access denied. Administrator privileges required.");
    Client.Response missing =
        new Client(app.baseUrl()).post("/api/admin-auth/login", Map.of("email", sub.email()));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").asText())
        .isEqualTo("Email, password, and portal key are required");
  }

  @Test
  void dashboardAnalyticsAndLetterListAreRealAggregates() {
    Client c = loggedIn();
    Client.Response analytics = c.get("/api/admin/analytics?days=30&months=12");
    assertThat(analytics.status()).isEqualTo(200);
    JsonNode data = analytics.json().path("data");
    long subscribers = Db.count(app, "select count(*) from profiles where role = 'subscriber'");
    assertThat(data.path("dashboard").path("total_subscribers").asLong()).isEqualTo(subscribers);
    assertThat(data.path("letters").has("avg_review_time_hours")).isTrue();
    assertThat(data.path("subscriptions").path("active_subscriptions").asLong()).isPositive();
    assertThat(data.path("revenue")).hasSize(12);
    assertThat(analytics.header("Set-Cookie")).startsWith("admin_session=");

    Client.Response list = c.get("/api/admin/letters?status=pending_review&limit=5");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("letters")).hasSize(5);
    list.json()
        .path("letters")
        .forEach(l -> assertThat(l.path("status").asText()).isEqualTo("pending_review"));
    assertThat(list.json().path("pagination").path("total").asLong())
        .isEqualTo(Db.count(app, "select count(*) from letters where status = 'pending_review'"));

    Client.Response bad = c.get("/api/admin/letters?status=lost");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").asText()).contains("status must be one of");
  }

  @Test
  void reviewApproveWithCsrfThenOwnerDownloads() {
    Account owner = app.targetProfile().accounts("subscriber").get(9);
    Client ownerClient = Client.signedIn(app.baseUrl(), owner.email(), owner.password().reveal());
    String letter =
        ownerClient
            .post("/api/generate-letter", Client.letterRequest())
            .json()
            .path("letterId")
            .asText();

    Client c = loggedIn();
    Client.Response review = c.get("/api/admin/letters/" + letter);
    assertThat(review.status()).isEqualTo(200);
    assertThat(review.json().path("letter").path("status").asText()).isEqualTo("under_review");
    String csrf = review.json().path("csrfToken").asText();

    Client.Response noCsrf =
        c.post("/api/letters/" + letter + "/approve", Map.of("finalContent", "x"));
    assertThat(noCsrf.status()).isEqualTo(403);
    assertThat(noCsrf.json().path("error").asText()).isEqualTo("CSRF validation failed");

    Client.Response forged =
        c.post(
            "/api/letters/" + letter + "/approve",
            Map.of("finalContent", "x"),
            "x-csrf-token",
            csrf.substring(0, csrf.length() - 1) + (csrf.endsWith("0") ? "1" : "0"));
    assertThat(forged.status()).isEqualTo(403);

    long mailBefore =
        Db.count(
            app,
            "select count(*) from email_queue where \"to\" = ? and template = 'letter-approved'",
            owner.email());
    Client.Response ok =
        c.post(
            "/api/letters/" + letter + "/approve",
            Map.of("finalContent", "Dear Bob,\n\nPlease pay.\n\nAnn", "reviewNotes", "fine"),
            "x-csrf-token",
            csrf);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().path("message").asText()).isEqualTo("Letter approved successfully");
    assertThat(
            Db.count(
                app,
                "select count(*) from email_queue where \"to\" = ? and template = 'letter-approved'",
                owner.email()))
        .isEqualTo(mailBefore + 1);
    assertThat(
            Db.count(
                app, "select count(*) from letter_audit_trail where letter_id = ?::uuid", letter))
        .isEqualTo(3); // created, review_started, approved

    Client.Response again =
        c.post("/api/letters/" + letter + "/approve", Map.of(), "x-csrf-token", csrf);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().path("error").asText()).contains("Cannot move a letter from approved");

    Client.Response pdf = ownerClient.get("/api/letters/" + letter + "/pdf");
    assertThat(pdf.status()).isEqualTo(200);
  }

  @Test
  void attorneyAdminReviewsButCannotReadAnalytics() {
    Account attorney =
        app.targetProfile().accounts("admin").stream()
            .filter(a -> a.email().startsWith("admin-02"))
            .findFirst()
            .orElseThrow();
    Client c = new Client(app.baseUrl());
    Client.Response login =
        c.post(
            "/api/admin-auth/login",
            Map.of(
                "email", attorney.email(),
                "password", attorney.password().reveal(),
                "portalKey", portalKey));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().path("subRole").asText()).isEqualTo("attorney_admin");
    assertThat(login.json().path("redirectUrl").asText()).isEqualTo("/attorney-portal/review");
    String cookie = login.header("Set-Cookie");
    c.with("Cookie", cookie.substring(0, cookie.indexOf(';')));
    Client.Response analytics = c.get("/api/admin/analytics");
    assertThat(analytics.status()).isEqualTo(403);
    assertThat(analytics.json().path("error").asText()).isEqualTo("Super admin access required");
    assertThat(c.get("/api/admin/letters?limit=1").status()).isEqualTo(200);
  }

  @Test
  void adminApisNeedTheSessionCookie() {
    Client.Response r = new Client(app.baseUrl()).get("/api/admin/analytics");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("error").asText()).isEqualTo("Admin authentication required");
    Account sub = app.targetProfile().accounts("subscriber").get(8);
    Client subscriber = Client.signedIn(app.baseUrl(), sub.email(), sub.password().reveal());
    assertThat(subscriber.get("/api/admin/letters").status()).isEqualTo(401);
  }

  @Test
  void rejectNeedsAReason() {
    Account owner = app.targetProfile().accounts("subscriber").get(10);
    String letter =
        Client.signedIn(app.baseUrl(), owner.email(), owner.password().reveal())
            .post("/api/generate-letter", Client.letterRequest())
            .json()
            .path("letterId")
            .asText();
    Client c = loggedIn();
    String csrf = c.get("/api/admin/csrf").json().path("csrfToken").asText();
    Client.Response noReason =
        c.post("/api/letters/" + letter + "/reject", Map.of(), "x-csrf-token", csrf);
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("error").asText()).isEqualTo("rejectionReason is required");
    Client.Response ok =
        c.post(
            "/api/letters/" + letter + "/reject",
            Map.of("rejectionReason", "Needs dates"),
            "x-csrf-token",
            csrf);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(Db.text(app, "select status::text from letters where id = ?::uuid", letter))
        .isEqualTo("rejected");
  }
}
