package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.targets.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An app on an external database (here a second embedded PostgreSQL the test owns), seeded at 10x,
 * with rate limits off; when that database goes away, health answers 503.
 */
class ExternalDatabaseIT {

  @Test
  void seedsTenfoldOnAnExternalDatabaseAndReportsItsLoss() throws Exception {
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    try (RunningReferenceApp app =
        ReferenceApp.start(
            ReferenceAppSettings.defaults()
                .withSecrets(AppSecrets.generated())
                .withDatabaseUrl(Secret.of(pg.getJdbcUrl("postgres", "postgres")))
                .withSeedScale(10)
                .withRateLimits(RateLimits.disabled())
                .withEmailProvider(
                    new EmailProvider(Duration.ZERO, 100, 0, Duration.ofMillis(1))))) {
      assertThat(app.targetProfile().accounts("subscriber")).hasSize(400);
      assertThat(app.targetProfile().accounts("employee")).hasSize(80);
      assertThat(Db.count(app, "select count(*) from letters")).isEqualTo(2000);
      assertThat(
              Db.count(app, "select count(*) from profiles where email not like '%@loadgate.test'"))
          .isZero();
      assertThat(Db.count(app, "select count(distinct status) from letters")).isEqualTo(8);

      Client c = new Client(app.baseUrl()).with("X-Forwarded-For", "192.0.2.78");
      for (int i = 0; i < 15; i++) {
        assertThat(c.post("/api/admin-auth/login", Map.of()).status()).isEqualTo(400);
      }

      failingProviderRetriesWithBackoffThenGivesUp(app);

      pg.close();
      Client.Response health = c.get("/api/health");
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().path("status").asText()).isEqualTo("unhealthy");
      assertThat(c.get("/api/health/detailed").status()).isEqualTo(503);
    } finally {
      pg.close();
    }
  }

  /** Every send fails: each mail is retried after 2^attempts backoff units, then marked failed. */
  private static void failingProviderRetriesWithBackoffThenGivesUp(RunningReferenceApp app) {
    Db.count(
        app,
        "with x as (insert into email_queue (id, \"to\", subject, text, template)"
            + " select gen_random_uuid(), 'f-' || g || '@loadgate.test', 's', 't', 'fail-test'"
            + " from generate_series(1, 3) g returning 1) select count(*) from x");
    Client cron =
        new Client(app.baseUrl()).bearer(app.targetProfile().cronSecret().orElseThrow().reveal());
    Client.Response first = cron.post("/api/cron/process-email-queue", Map.of("batchSize", 50));
    assertThat(first.json().path("failed").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(
            Db.count(
                app,
                "select count(*) from email_queue where template = 'fail-test' and status = 'pending'"
                    + " and attempts = 1 and next_retry_at > created_at and error like 'Provider error%'"))
        .isEqualTo(3);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              cron.post("/api/cron/process-email-queue", Map.of("batchSize", 50));
              return Db.count(
                      app,
                      "select count(*) from email_queue where template = 'fail-test'"
                          + " and status = 'failed' and attempts = 3 and sent_at is null")
                  == 3;
            });
  }

  @Test
  void badDatabaseUrlFailsWithAHint() {
    var settings =
        ReferenceAppSettings.defaults().withDatabaseUrl(Secret.of("postgres://user:pw@host/db"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferenceApp.start(settings))
        .isInstanceOf(ReferenceAppException.class)
        .hasMessageContaining("--database-url: not a PostgreSQL JDBC URL")
        .hasMessageNotContaining("pw");
  }
}
