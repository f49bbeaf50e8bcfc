package dev.loadgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Figure;
import dev.loadgate.targets.TargetProfile;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner's refusals, which it decides before forking any JVM. */
class BenchmarkRunnerTest {
  private static final TargetProfile BARE =
      TargetProfile.builder(URI.create("http://127.0.0.1:9")).build();

  @Test
  void sqlBenchmarksWithoutADatabaseUrlAreNoDataWithTheHint() {
    BenchmarkPlan plan =
        new BenchmarkPlan(
            BARE,
            Optional.empty(),
            BenchmarkSettings.smoke().withKinds(EnumSet.of(BenchmarkKind.SQL)));

    List<Figure> figures = BenchmarkRunner.run(plan);

    assertThat(figures)
        .extracting(Figure::id)
        .containsExactly(
            "sql.admin_analytics.mean",
            "sql.review_queue.mean",
            "sql.user_letters.mean",
            "sql.allowance_deduction.mean",
            "sql.email_queue_claim.mean");
    assertThat(figures.get(0).isMeasured()).isFalse();
    assertThat(figures.get(0).note())
        .isEqualTo(
            "SqlBenchmark.adminAnalytics (dashboard counters): the target provides no jdbc.url;"
                + " pass the target database's URL (--db-url) to run the SQL benchmarks");
  }

  @Test
  void serviceBenchmarksWithoutAccountsAreNoDataPerPath() {
    BenchmarkPlan plan =
        new BenchmarkPlan(
            BARE,
            Optional.empty(),
            BenchmarkSettings.smoke().withKinds(EnumSet.of(BenchmarkKind.SERVICE)));

    List<Figure> figures = BenchmarkRunner.run(plan);

    assertThat(figures)
        .extracting(Figure::id)
        .containsExactly(
            "service.auth.p95",
            "service.letter_generation.p95",
            "service.payment.p95",
            "service.download.p95",
            "service.admin_dashboard.p95");
    assertThat(figures).allSatisfy(f -> assertThat(f.isMeasured()).isFalse());
    assertThat(figures.get(4).note())
        .isEqualTo(
            "ServiceTimeBenchmark.adminAnalytics (GET /api/admin/analytics): the target provides"
                + " no admin.email; provision an admin account on the target");
  }

  @Test
  void rootMessageIsTheInnermostCause() {
    Exception e =
        new RuntimeException("outer", new IllegalStateException("inner:\n  no admin.email"));

    assertThat(BenchmarkRunner.rootMessage(e)).isEqualTo("inner: no admin.email");
  }

  @Test
  void rootMessageLooksIntoSuppressedErrorsAsJmhReportsThem() {
    Exception wrapper = new RuntimeException("Benchmark error during the run");
    wrapper.addSuppressed(new IllegalStateException("GET /api/admin/analytics: unexpected status"));
    Exception e = new Exception("Benchmark caught the exception", wrapper);

    assertThat(BenchmarkRunner.rootMessage(e))
        .isEqualTo("GET /api/admin/analytics: unexpected status");
  }
}
