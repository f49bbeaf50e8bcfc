package dev.loadgate.benchmarks;

import dev.loadgate.benchmarks.harness.HarnessBenchmark;
import dev.loadgate.benchmarks.service.ServiceTimeBenchmark;
import dev.loadgate.benchmarks.sql.SqlBenchmark;
import java.util.List;

/** Every benchmark loadgate runs, with the figure it feeds. */
final class BenchmarkCatalog {
  /**
   * One benchmark method.
   *
   * @param kind its family
   * @param type the class holding the {@code @Benchmark} method
   * @param method the method name
   * @param figureId the figure it feeds; service endpoints of one path share their path's figure
   * @param label what it measures, e.g. an endpoint {@code "POST /api/stripe/webhook"}
   * @param needs the target properties it cannot run without, e.g. {@code "admin.portal_key"}
   */
  record Entry(
      BenchmarkKind kind,
      Class<?> type,
      String method,
      String figureId,
      String label,
      List<String> needs) {
    Entry {
      needs = List.copyOf(needs);
    }

    /** JMH's name of the benchmark, e.g. {@code dev...ServiceTimeBenchmark.tokenGrant}. */
    String benchmarkName() {
      return type.getName() + "." + method;
    }

    String shortName() {
      return type.getSimpleName() + "." + method;
    }
  }

  private static final List<String> SUBSCRIBER = List.of("subscriber.email", "subscriber.password");
  private static final List<String> PAYING =
      List.of("subscriber.email", "subscriber.password", "stripe.webhook_secret");

  static final List<Entry> ALL =
      List.of(
          service("tokenGrant", "auth", "POST /auth/v1/token?grant_type=password", SUBSCRIBER),
          service("generateLetter", "letter_generation", "POST /api/generate-letter", PAYING),
          service("createCheckout", "payment", "POST /api/create-checkout", SUBSCRIBER),
          service("signedWebhook", "payment", "POST /api/stripe/webhook", PAYING),
          service(
              "letterPdf",
              "download",
              "GET /api/letters/{id}/pdf",
              List.of("subscriber.email", "subscriber.password", "subscriber.letter")),
          service(
              "adminAnalytics",
              "admin_dashboard",
              "GET /api/admin/analytics",
              List.of("admin.email", "admin.password", "admin.portal_key")),
          sql("adminAnalytics", "admin_analytics", "dashboard counters"),
          sql("reviewQueue", "review_queue", "review queue, oldest 100 with owners"),
          sql("userLetters", "user_letters", "one subscriber's letters"),
          sql("allowanceDeduction", "allowance_deduction", "allowance check and deduction"),
          sql("emailQueueClaim", "email_queue_claim", "claim 10 due e-mails, skip locked"),
          harness("recordOneMillionSamples", "record_1m", "record 1,000,000 samples"),
          harness("mergeAndReadPercentiles", "merge_1m", "merge 2 shards, read every p95"),
          harness("evaluateVerdicts", "verdicts_1m", "judge every documented check"),
          harness("writeReports", "reports_1m", "write a whole run folder"));

  private BenchmarkCatalog() {}

  private static Entry service(String method, String path, String endpoint, List<String> needs) {
    return new Entry(
        BenchmarkKind.SERVICE,
        ServiceTimeBenchmark.class,
        method,
        "service." + path + ".p95",
        endpoint,
        needs);
  }

  private static Entry sql(String method, String query, String label) {
    return new Entry(
        BenchmarkKind.SQL,
        SqlBenchmark.class,
        method,
        "sql." + query + ".mean",
        label,
        List.of("jdbc.url"));
  }

  private static Entry harness(String method, String name, String label) {
    return new Entry(
        BenchmarkKind.HARNESS,
        HarnessBenchmark.class,
        method,
        "harness." + name + ".mean",
        label,
        List.of());
  }
}
