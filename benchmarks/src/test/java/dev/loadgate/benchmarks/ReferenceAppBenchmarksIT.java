package dev.loadgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.dbprobe.DbProbe;
import dev.loadgate.dbprobe.EmailQueueProbe;
import dev.loadgate.measure.Figure;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.targets.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Runs the service-time and SQL benchmarks briefly against a real reference app and its embedded
 * PostgreSQL (rate limits off, fast AI), at the seeded scale and at ten times it.
 */
class ReferenceAppBenchmarksIT {
  private static final BenchmarkSettings BRIEF =
      BenchmarkSettings.smoke()
          .withIterations(1, Duration.ofMillis(300), 2, Duration.ofMillis(500));

  @Test
  void everyJourneyEndpointAndStatementYieldsARealNumberWhileTheProbesWatch() throws Exception {
    try (RunningReferenceApp app = start(1)) {
      String jdbcUrl = app.targetProfile().databaseUrl().orElseThrow().reveal();
      Instant runStart = Instant.now();
      BenchmarkPlan plan =
          new BenchmarkPlan(
              app.targetProfile(),
              Optional.of(jdbcUrl),
              BRIEF.withKinds(EnumSet.of(BenchmarkKind.SERVICE, BenchmarkKind.SQL)));

      DbProbe probe = DbProbe.start(jdbcUrl, Duration.ofMillis(25));
      Map<String, Figure> figures = byId(BenchmarkRunner.run(plan));
      Map<String, Figure> database = byId(probe.stop());
      processEmailQueue(app);
      Map<String, Figure> email = byId(EmailQueueProbe.measure(jdbcUrl, runStart));

      assertThat(database.values())
          .allSatisfy(f -> assertThat(f.isMeasured()).as(f.id() + ": " + f.note()).isTrue());
      assertThat(database.get(DbProbe.QUERY_MEAN).evidence()).isNotEmpty();
      assertThat(database.get(DbProbe.POOL_UTILIZATION).value()).isGreaterThan(0);
      // the payment benchmarks' purchases queue confirmation mails, which the cron call sends
      assertThat(email.get(EmailQueueProbe.SUCCESS_RATE).isMeasured())
          .as(email.get(EmailQueueProbe.SUCCESS_RATE).note())
          .isTrue();
      assertThat(email.get(EmailQueueProbe.DELIVERY_P95).value()).isGreaterThan(0);

      assertThat(figures.keySet())
          .containsExactly(
              "service.auth.p95",
              "service.letter_generation.p95",
              "service.payment.p95",
              "service.download.p95",
              "service.admin_dashboard.p95",
              "sql.admin_analytics.mean",
              "sql.review_queue.mean",
              "sql.user_letters.mean",
              "sql.allowance_deduction.mean",
              "sql.email_queue_claim.mean");
      assertThat(figures.values())
          .allSatisfy(
              f -> {
                assertThat(f.isMeasured()).as(f.id() + ": " + f.note()).isTrue();
                assertThat(f.value()).isGreaterThan(0);
                assertThat(f.samples()).isGreaterThan(0);
                assertThat(f.unit()).isEqualTo("ms");
              });
      Figure payment = figures.get("service.payment.p95");
      assertThat(payment.evidence())
          .extracting(row -> row.get("measures"))
          .containsExactly("POST /api/create-checkout", "POST /api/stripe/webhook");
      double slowest =
          payment.evidence().stream()
              .mapToDouble(row -> Double.parseDouble(row.get("p95_ms")))
              .max()
              .orElseThrow();
      assertThat(payment.value()).isCloseTo(slowest, org.assertj.core.data.Offset.offset(0.001));
      assertThat(figures.get("sql.user_letters.mean").evidence())
          .anySatisfy(row -> assertThat(row).containsEntry("benchmark", "database scale"));
      assertThat(figures.values().stream().map(Figure::note).collect(Collectors.joining()))
          .doesNotContain(app.targetProfile().stripeWebhookSecret().orElseThrow().reveal());
    }
  }

  @Test
  void sqlBenchmarksRunAtTenTimesTheSeededScale() {
    try (RunningReferenceApp app = start(10)) {
      BenchmarkPlan plan =
          new BenchmarkPlan(
              app.targetProfile(),
              app.targetProfile().databaseUrl().map(Secret::reveal),
              BRIEF.withKinds(EnumSet.of(BenchmarkKind.SQL)));

      List<Figure> figures = BenchmarkRunner.run(plan);

      assertThat(figures).hasSize(5);
      assertThat(figures)
          .allSatisfy(f -> assertThat(f.isMeasured()).as(f.id() + ": " + f.note()).isTrue());
      Map<String, String> scale =
          figures.get(0).evidence().stream()
              .filter(row -> "database scale".equals(row.get("benchmark")))
              .findFirst()
              .orElseThrow();
      assertThat(Long.parseLong(scale.get("letters"))).isGreaterThanOrEqualTo(1_000);
    }
  }

  private static void processEmailQueue(RunningReferenceApp app) throws Exception {
    OkHttpClient http = new OkHttpClient();
    for (int batch = 0; batch < 20; batch++) {
      Request request =
          new Request.Builder()
              .url(app.baseUrl().resolve("/api/cron/process-email-queue").toString())
              .header(
                  "Authorization",
                  "Bearer " + app.targetProfile().cronSecret().orElseThrow().reveal())
              .post(RequestBody.create("{\"batchSize\": 50}", MediaType.get("application/json")))
              .build();
      try (Response response = http.newCall(request).execute()) {
        String body = response.body().string();
        assertThat(response.code()).as(body).isEqualTo(200);
        if (body.contains("\"processed\":0")) {
          return;
        }
      }
    }
  }

  private static RunningReferenceApp start(int seedScale) {
    return ReferenceApp.start(
        ReferenceAppSettings.defaults()
            .withRateLimits(RateLimits.disabled())
            .withSeedScale(seedScale));
  }

  private static Map<String, Figure> byId(List<Figure> figures) {
    return figures.stream()
        .collect(
            Collectors.toMap(
                Figure::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
  }
}
