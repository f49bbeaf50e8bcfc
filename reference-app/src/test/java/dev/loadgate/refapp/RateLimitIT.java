package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitIT {

  @Test
  void adminLimiterStopsTheEleventhRequestFromOneIp() {
    RunningReferenceApp app = SharedApp.get();
    Client c = new Client(app.baseUrl()).with("X-Forwarded-For", "192.0.2.77");
    for (int i = 0; i < 10; i++) {
      assertThat(c.post("/api/admin-auth/login", Map.of()).status()).isEqualTo(400);
    }
    Client.Response limited = c.post("/api/admin-auth/login", Map.of());
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().path("error").asText())
        .isEqualTo("Rate limit exceeded. Please try again later.");
    assertThat(limited.json().path("limit").asInt()).isEqualTo(10);
    assertThat(limited.header("Retry-After")).isNotNull();
    assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
    // another IP has its own bucket
    assertThat(new Client(app.baseUrl()).post("/api/admin-auth/login", Map.of()).status())
        .isEqualTo(400);
  }
}
