package dev.loadgate.dbprobe;

import static dev.loadgate.dbprobe.DbProbeIT.byId;
import static dev.loadgate.dbprobe.DbProbeIT.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadgate.measure.Figure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The e-mail queue probe against TTML's email_queue table, and the database probe against a server
 * that has pg_stat_statements installed but not preloaded.
 */
class EmailQueueProbeIT {
  private static EmbeddedPostgres postgres;
  private static String jdbcUrl;
  private static Instant runStart;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    runStart = Instant.now().minus(Duration.ofHours(1));
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      execute(c, "create extension pg_stat_statements");
      execute(
          c,
          "create table email_queue (id uuid primary key default gen_random_uuid(), \"to\" text"
              + " not null, subject text not null, status text not null default 'pending' check"
              + " (status in ('pending', 'processing', 'sent', 'failed')), attempts int not null"
              + " default 0, error text, sent_at timestamptz, bounced_at timestamptz, created_at timestamptz not null"
              + " default now())");
      // Before the run: must not count.
      execute(
          c,
          "insert into email_queue (\"to\", subject, status, error, created_at) select"
              + " 'old-' || g || '@loadgate.test', 'old', 'failed', 'bounce', now() - interval '2"
              + " hours' from generate_series(1, 5) g");
      // During the run: 40 sent after 1..40 s of which the last bounced later, one hard bounce
      // refused at once, one failure, two still queued.
      execute(
          c,
          "insert into email_queue (\"to\", subject, status, attempts, sent_at, created_at)"
              + " select 'sub-' || g || '@loadgate.test', 'welcome', 'sent', 1, now() - interval"
              + " '30 minutes' + g * interval '1 second', now() - interval '30 minutes' from"
              + " generate_series(1, 40) g");
      execute(
          c, "update email_queue set bounced_at = sent_at where \"to\" = 'sub-40@loadgate.test'");
      execute(
          c,
          "insert into email_queue (\"to\", subject, status, attempts, error) values"
              + " ('bounce@loadgate.test', 'welcome', 'failed', 3, '550 hard bounce: mailbox"
              + " unknown'), ('slow@loadgate.test', 'welcome', 'failed', 3, 'provider timeout'),"
              + " ('p1@loadgate.test', 'welcome', 'pending', 1, null), ('p2@loadgate.test',"
              + " 'welcome', 'processing', 0, null)");
      execute(c, "create database empty");
    }
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void measuresSuccessBounceAndDeliveryOverRowsOfTheRun() {
    Map<String, Figure> figures = byId(EmailQueueProbe.measure(jdbcUrl, runStart));

    Figure success = figures.get(EmailQueueProbe.SUCCESS_RATE);
    assertThat(success.value()).isCloseTo(100.0 * 39 / 42, within(1e-9));
    assertThat(success.samples()).isEqualTo(42);
    assertThat(success.evidence().get(0))
        .containsEntry("queued", "44")
        .containsEntry("delivered", "39")
        .containsEntry("bounced", "2")
        .containsEntry("failed", "1")
        .containsEntry("still_queued", "2");

    Figure bounce = figures.get(EmailQueueProbe.BOUNCE_RATE);
    assertThat(bounce.value()).isCloseTo(100.0 * 2 / 42, within(1e-9));
    assertThat(bounce.unit()).isEqualTo("%");

    Figure delivery = figures.get(EmailQueueProbe.DELIVERY_P95);
    // 39 delivered after 1..39 s: nearest rank ceil(0.95 * 39) = 38
    assertThat(delivery.value()).isCloseTo(38_000.0, within(1.0));
    assertThat(delivery.unit()).isEqualTo("ms");
    assertThat(delivery.samples()).isEqualTo(39);
  }

  @Test
  void aRunThatQueuedNothingGivesNoDataWithTheReason() {
    Instant future = Instant.now().plus(Duration.ofHours(1));

    List<Figure> figures = EmailQueueProbe.measure(jdbcUrl, future);

    assertThat(figures)
        .extracting(Figure::id)
        .containsExactly(
            EmailQueueProbe.SUCCESS_RATE,
            EmailQueueProbe.DELIVERY_P95,
            EmailQueueProbe.BOUNCE_RATE);
    assertThat(figures)
        .allSatisfy(
            f -> {
              assertThat(f.isMeasured()).isFalse();
              assertThat(f.note())
                  .startsWith("no e-mail was queued in email_queue since " + future)
                  .endsWith("; run journeys that send mail (approvals, payments)");
            });
  }

  @Test
  void aDatabaseWithoutTheTableGivesNoDataWithTheReason() {
    List<Figure> figures =
        EmailQueueProbe.measure(postgres.getJdbcUrl("postgres", "empty"), runStart);

    assertThat(figures)
        .allSatisfy(
            f ->
                assertThat(f.note())
                    .startsWith("table email_queue not found in jdbc:postgresql://")
                    .doesNotContain("user=")
                    .endsWith(
                        "the e-mail figures need TTML's email_queue table in the target's"
                            + " database"));
  }

  @Test
  void aServerWithoutThePreloadGivesNoDataForTheStatementMeanWithTheFix() {
    try (DbProbe probe = DbProbe.start(jdbcUrl, Duration.ofMillis(50))) {
      Map<String, Figure> figures = byId(probe.stop());

      Figure mean = figures.get(DbProbe.QUERY_MEAN);
      assertThat(mean.isMeasured()).isFalse();
      assertThat(mean.note())
          .isEqualTo(
              "pg_stat_statements is not loaded: add it to shared_preload_libraries, restart"
                  + " PostgreSQL and run CREATE EXTENSION pg_stat_statements");
      assertThat(figures.get(DbProbe.POOL_UTILIZATION).isMeasured()).isTrue();
    }
  }
}
