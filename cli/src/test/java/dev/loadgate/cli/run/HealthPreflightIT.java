package dev.loadgate.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The preflight against a tiny loopback server that answers what each test sets. */
class HealthPreflightIT {
  private record Answer(int status, String body) {}

  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, String> cookiesSeen = new ConcurrentHashMap<>();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String cookie = exchange.getRequestHeaders().getFirst("Cookie");
          if (cookie != null) {
            cookiesSeen.put(path, cookie);
          }
          Answer answer = answers.getOrDefault(path, new Answer(404, "{}"));
          if (path.equals("/api/admin-auth/login") && answer.status() == 200) {
            exchange.getResponseHeaders().add("Set-Cookie", "admin_session=abc; Path=/; HttpOnly");
          }
          byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private TargetProfile profile(boolean withAdmin) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    TargetProfile.Builder profile = TargetProfile.builder(url);
    if (withAdmin) {
      profile
          .admin(new Account("admin@loadgate.test", Secret.of("pw"), "admin", "", List.of()))
          .adminPortalKey("portal");
    }
    return profile.build();
  }

  @Test
  void aHealthyTargetPassesAndSaysTheDetailedCheckWasSkippedWithoutAdmin() {
    answers.put("/api/health", new Answer(200, "{\"status\":\"healthy\"}"));
    assertThat(new HealthPreflight().check(profile(false)))
        .containsExactly(
            "preflight: /api/health/detailed was not checked (no admin credentials for the"
                + " target).");
  }

  @Test
  void anUnhealthyTargetStopsTheRunNamingTheSickServices() {
    answers.put(
        "/api/health",
        new Answer(
            503,
            "{\"status\":\"unhealthy\",\"services\":{\"database\":{\"status\":\"unhealthy\","
                + "\"error\":\"timeout\"},\"redis\":{\"status\":\"healthy\"}}}"));
    assertThatThrownBy(() -> new HealthPreflight().check(profile(false)))
        .isInstanceOf(IncompleteRunException.class)
        .hasMessageContaining("/api/health is not healthy (expected 200 with status \"healthy\",")
        .hasMessageContaining(
            "got 503 with status \"unhealthy\"; not healthy: database unhealthy" + " (timeout))");
  }

  @Test
  void aDegradedTargetIsNotedAndTheDetailedCheckUsesTheAdminSession() {
    answers.put(
        "/api/health",
        new Answer(
            200, "{\"status\":\"degraded\",\"services\":{\"redis\":{\"status\":\"degraded\"}}}"));
    answers.put("/api/admin-auth/login", new Answer(200, "{\"success\":true}"));
    answers.put("/api/health/detailed", new Answer(200, "{\"status\":\"healthy\"}"));

    assertThat(new HealthPreflight().check(profile(true)))
        .containsExactly(
            "preflight: the target reported status \"degraded\"; not healthy: redis degraded; the"
                + " run went ahead.");
    assertThat(cookiesSeen).containsEntry("/api/health/detailed", "admin_session=abc");
  }

  @Test
  void anUnhealthyDetailedCheckStopsTheRun() {
    answers.put("/api/health", new Answer(200, "{\"status\":\"healthy\"}"));
    answers.put("/api/admin-auth/login", new Answer(200, "{\"success\":true}"));
    answers.put(
        "/api/health/detailed",
        new Answer(
            503,
            "{\"status\":\"degraded\",\"services\":[{\"name\":\"Storage\",\"status\":\"degraded\","
                + "\"responseTime\":5200}]}"));
    assertThatThrownBy(() -> new HealthPreflight().check(profile(true)))
        .hasMessageContaining(
            "/api/health/detailed is not healthy (expected 200, got 503 with"
                + " status \"degraded\"; not healthy: Storage degraded)");
  }

  @Test
  void aRejectedAdminLoginSaysWhatToCheck() {
    answers.put("/api/health", new Answer(200, "{\"status\":\"healthy\"}"));
    answers.put("/api/admin-auth/login", new Answer(401, "{\"error\":\"Unauthorized\"}"));
    assertThatThrownBy(() -> new HealthPreflight().check(profile(true)))
        .hasMessageContaining("the admin login for /api/health/detailed failed (expected 200")
        .hasMessageContaining("got 401). Check ADMIN_PORTAL_KEY and the admin account.");
  }
}
