package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.target.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
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
                .withRateLimits(RateLimits.disabled()))) {
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

      pg.close();
      Client.Response health = c.get("/api/health");
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().path("status").asText()).isEqualTo("unhealthy");
      assertThat(c.get("/api/health/detailed").status()).isEqualTo(503);
    } finally {
      pg.close();
    }
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
