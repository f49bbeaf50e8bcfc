package dev.loadgate.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before any load: {@code GET /api/health} must answer 200 with status {@code healthy} (a {@code
 * degraded} status is noted, not fatal); with admin credentials {@code GET /api/health/detailed}
 * must answer 200 too. Anything else stops the run with what was wrong: loading a sick target
 * measures the sickness, not the code.
 */
public final class HealthPreflight {
  /** How long one preflight request may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;

  public HealthPreflight() {
    this(
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build());
  }

  HealthPreflight(HttpClient http) {
    this.http = http;
  }

  /**
   * Checks {@code target}; returns notes for the report.
   *
   * @throws IncompleteRunException saying what was wrong and what to check
   */
  public List<String> check(TargetProfile target) {
    List<String> notes = new ArrayList<>();
    URI health = target.appUrl().resolve("/api/health");
    HttpResponse<String> response = send(HttpRequest.newBuilder(health).GET(), health);
    String status = statusField(response.body());
    if (response.statusCode() != 200 || !(status.equals("healthy") || status.equals("degraded"))) {
      throw new IncompleteRunException(
          "preflight: GET "
              + health
              + " is not healthy (expected 200 with status \"healthy\", got "
              + response.statusCode()
              + (status.isEmpty() ? "" : " with status \"" + status + "\"")
              + unhealthyServices(response.body())
              + "). Fix the target before loading it: a sick target measures the sickness.");
    }
    if (status.equals("degraded")) {
      notes.add(
          "preflight: the target reported status \"degraded\""
              + unhealthyServices(response.body())
              + "; the run went ahead.");
    }
    Optional<Account> admin = target.admin();
    if (admin.isPresent() && target.adminPortalKey().isPresent()) {
      checkDetailed(target, admin.get(), target.adminPortalKey().get());
    } else {
      notes.add(
          "preflight: /api/health/detailed was not checked (no admin credentials for the"
              + " target).");
    }
    return notes;
  }

  private void checkDetailed(TargetProfile target, Account admin, Secret portalKey) {
    URI login = target.appUrl().resolve("/api/admin-auth/login");
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Map.of(
                  "email", admin.email(),
                  "password", admin.password().reveal(),
                  "portalKey", portalKey.reveal()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpResponse<String> loggedIn =
        send(
            HttpRequest.newBuilder(login)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            login);
    if (loggedIn.statusCode() != 200) {
      throw new IncompleteRunException(
          "preflight: the admin login for /api/health/detailed failed (expected 200 from POST "
              + login
              + ", got "
              + loggedIn.statusCode()
              + "). Check ADMIN_PORTAL_KEY and the admin account.");
    }
    List<String> cookies = loggedIn.headers().allValues("set-cookie");
    HttpRequest.Builder detailed =
        HttpRequest.newBuilder(target.appUrl().resolve("/api/health/detailed")).GET();
    cookies.stream()
        .map(c -> c.split(";", 2)[0])
        .reduce((a, b) -> a + "; " + b)
        .ifPresent(c -> detailed.header("Cookie", c));
    URI detailedUri = target.appUrl().resolve("/api/health/detailed");
    HttpResponse<String> response = send(detailed, detailedUri);
    if (response.statusCode() != 200) {
      String status = statusField(response.body());
      throw new IncompleteRunException(
          "preflight: GET "
              + detailedUri
              + " is not healthy (expected 200, got "
              + response.statusCode()
              + (status.isEmpty() ? "" : " with status \"" + status + "\"")
              + unhealthyServices(response.body())
              + "). Fix the target before loading it.");
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request, URI uri) {
    try {
      return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(uri, "the connection was refused or timed out");
    } catch (HttpTimeoutException e) {
      throw unreachable(uri, "no answer within " + TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      throw unreachable(
          uri,
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(uri, "interrupted");
    }
  }

  private static IncompleteRunException unreachable(URI uri, String what) {
    return new IncompleteRunException(
        "preflight: the target is unreachable (expected an answer from GET "
            + uri
            + ", got: "
            + what
            + "). Is it running, and is --target right?");
  }

  private static String statusField(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? "" : node.path("status").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /** E.g. {@code ; unhealthy: database (timeout)}, from either health shape; empty when none. */
  private static String unhealthyServices(String body) {
    JsonNode services;
    try {
      JsonNode node = JSON.readTree(body);
      services = node == null ? null : node.path("services");
    } catch (IOException e) {
      return "";
    }
    if (services == null || services.isMissingNode()) {
      return "";
    }
    List<String> sick = new ArrayList<>();
    if (services.isArray()) {
      for (JsonNode service : services) {
        addIfSick(sick, service.path("name").asText("?"), service);
      }
    } else {
      services.properties().forEach(e -> addIfSick(sick, e.getKey(), e.getValue()));
    }
    return sick.isEmpty() ? "" : "; not healthy: " + String.join(", ", sick);
  }

  private static void addIfSick(List<String> sick, String name, JsonNode service) {
    String status = service.path("status").asText("");
    if (!status.isEmpty() && !status.equals("healthy")) {
      String error = service.path("error").asText("");
      sick.add(name + " " + status + (error.isEmpty() ? "" : " (" + error + ")"));
    }
  }
}
