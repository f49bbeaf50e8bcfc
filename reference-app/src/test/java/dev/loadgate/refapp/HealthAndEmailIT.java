package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthAndEmailIT {
  static RunningReferenceApp app;
  static String cron;

  @BeforeAll
  static void start() {
    app = SharedApp.get();
    cron = app.targetProfile().cronSecret().orElseThrow().reveal();
  }

  @Test
  void healthReportsEveryService() {
    Client.Response r = new Client(app.baseUrl()).get("/api/health");
    assertThat(r.status()).isEqualTo(200);
    JsonNode h = r.json();
    assertThat(h.path("status").asText()).isEqualTo("healthy");
    assertThat(h.path("services").path("database").path("status").asText()).isEqualTo("healthy");
    assertThat(h.path("services").fieldNames())
        .toIterable()
        .contains("database", "stripe", "redis");
  }

  @Test
  void detailedHealthHasTheGuidesShape() {
    JsonNode h = new Client(app.baseUrl()).get("/api/health/detailed").json();
    assertThat(h.path("services").path("database").asText()).isEqualTo("healthy");
    assertThat(h.path("services").fieldNames())
        .toIterable()
        .containsExactly("database", "stripe", "email", "ai", "redis");
    assertThat(h.path("performance").path("avgResponseTime").asText()).endsWith("ms");
    assertThat(h.path("performance").path("memoryUsage").asText()).endsWith("%");
  }

  @Test
  void emailQueueNeedsTheCronSecret() {
    Client.Response r = new Client(app.baseUrl()).post("/api/cron/process-email-queue", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("error").asText()).isEqualTo("Unauthorized");
    Client.Response wrong =
        new Client(app.baseUrl()).bearer("wrong").post("/api/cron/process-email-queue", null);
    assertThat(wrong.status()).isEqualTo(401);
  }

  @Test
  void processingSendsQueuedMailAndReportsTheBatch() {
    Db.count(
        app,
        "with x as (insert into email_queue (id, \"to\", subject, text, template)"
            + " select gen_random_uuid(), 'q-' || g || '@loadgate.test', 's', 't', 'test'"
            + " from generate_series(1, 12) g returning 1) select count(*) from x");
    Client c = new Client(app.baseUrl()).bearer(cron);
    int sent = 0;
    for (int i = 0; i < 20; i++) {
      Client.Response r = c.post("/api/cron/process-email-queue", Map.of("batchSize", 50));
      assertThat(r.status()).isEqualTo(200);
      JsonNode b = r.json();
      if (b.path("processed").asInt() == 0) {
        assertThat(b.path("message").asText()).isEqualTo("No pending emails");
        break;
      }
      assertThat(b.path("duration").asLong()).isGreaterThanOrEqualTo(0);
      assertThat(b.path("results")).hasSize(b.path("processed").asInt());
      sent += b.path("sent").asInt();
    }
    assertThat(sent).isGreaterThanOrEqualTo(12);
    assertThat(
            Db.count(
                app, "select count(*) from email_queue where status in ('pending', 'processing')"))
        .isZero();
    assertThat(
            Db.count(
                app,
                "select count(*) from email_queue where template = 'test' and status = 'sent'"
                    + " and sent_at >= created_at"))
        .isEqualTo(12);
  }

  @Test
  void batchSizeIsValidated() {
    Client.Response r =
        new Client(app.baseUrl())
            .bearer(cron)
            .post("/api/cron/process-email-queue", Map.of("batchSize", 500));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").asText())
        .contains("batchSize must be an integer from 1 to 50");
  }
}
