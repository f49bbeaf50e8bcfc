package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectionIT {
  static RunningReferenceApp app;

  @BeforeAll
  static void start() {
    app = SharedApp.get();
  }

  @AfterEach
  void clear() {
    app.faults().clear();
  }

  @Test
  void addedLatencyShowsInResponseTime() {
    Client c = new Client(app.baseUrl());
    c.get("/api/health");
    app.faults().set(List.of(FaultSpec.parse("health=+400ms")));
    long start = System.nanoTime();
    Client.Response r = c.get("/api/health");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(millis).isGreaterThanOrEqualTo(400);
  }

  @Test
  void errorRateAnswersTheRealErrorShape() {
    app.faults().set(List.of(FaultSpec.parse("GET /api/health=error:100%:503")));
    Client.Response r = new Client(app.baseUrl()).get("/api/health");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().path("code").asText()).isEqualTo("EXTERNAL_SERVICE_ERROR");
    assertThat(r.header("X-Loadgate-Fault")).isEqualTo("error");
    app.faults().set(List.of(FaultSpec.parse("download=error:100%")));
    assertThat(new Client(app.baseUrl()).get("/api/health").status()).isEqualTo(200);
  }

  @Test
  void controlEndpointReadsAndReplacesFaults() {
    Client c = new Client(app.baseUrl());
    Client.Response put =
        c.put("/__loadgate/faults", Map.of("faults", List.of("payment=+lognormal(200ms,0.5)@50%")));
    assertThat(put.status()).isEqualTo(200);
    assertThat(app.faults().current())
        .extracting(FaultSpec::toString)
        .containsExactly("payment=+lognormal(200ms,0.5)@50%");
    assertThat(c.get("/__loadgate/faults").json().path("faults").get(0).asText())
        .isEqualTo("payment=+lognormal(200ms,0.5)@50%");

    Client.Response bad = c.put("/__loadgate/faults", Map.of("faults", List.of("paymnet=+1s")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").asText())
        .contains("did you mean \"payment\"".replace("did", "Did"));

    Client.Response unknownRoute =
        c.put("/__loadgate/faults", Map.of("faults", List.of("GET /api/nothing=+1s")));
    assertThat(unknownRoute.status()).isEqualTo(400);
    assertThat(unknownRoute.json().path("error").asText()).contains("unknown route");
    assertThat(app.faults().current()).hasSize(1);
  }

  @Test
  void startRejectsAFaultOnAnUnknownRoute() {
    ReferenceAppSettings settings =
        ReferenceAppSettings.defaults()
            .withSecrets(AppSecrets.generated())
            .withFaults(List.of(FaultSpec.parse("GET /api/nothing=+1s")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferenceApp.start(settings))
        .isInstanceOf(ReferenceAppException.class)
        .hasMessageContaining(
            "unknown route (expected one of the app's routes, got \"GET /api/nothing\")")
        .hasMessageContaining("GET /api/letters/{id}/pdf");
  }

  @Test
  void stallHoldsTheRequestThenAnswers504() {
    app.faults().set(List.of(FaultSpec.parse("health=stall:300ms")));
    long start = System.nanoTime();
    Client.Response r = new Client(app.baseUrl()).get("/api/health");
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    assertThat(r.status()).isEqualTo(504);
  }
}
