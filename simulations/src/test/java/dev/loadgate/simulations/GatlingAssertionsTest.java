package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import io.gatling.javaapi.core.Assertion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatlingAssertionsTest {
  private static final Path PRODUCTION = ItSuites.HOME.resolve("test-fixtures/baselines.yaml");

  private static List<String> describe(List<Assertion> assertions) {
    return assertions.stream().map(a -> a.asScala().toString()).toList();
  }

  @Test
  void smokeGatesEveryPathP95TheErrorBudgetsAndTheEmailBatch() {
    List<String> assertions =
        describe(
            GatlingAssertions.fromBaselines(
                PRODUCTION, ItSuites.withWarmup("smoke", java.time.Duration.ZERO)));

    assertThat(assertions).hasSize(9);
    assertThat(assertions)
        .anySatisfy(
            a -> assertThat(a).contains("auth").contains("Percentile(95.0)").contains("500"))
        .anySatisfy(a -> assertThat(a).contains("letter_generation").contains("30000"))
        .anySatisfy(a -> assertThat(a).contains("Global").contains("2.0"))
        .anySatisfy(a -> assertThat(a).contains("POST /api/cron/process-email-queue"));
  }

  @Test
  void aJourneySuiteGatesOnlyWhatItNames() {
    List<String> assertions =
        describe(GatlingAssertions.fromBaselines(PRODUCTION, Suites.named(ItSuites.all(), "auth")));

    assertThat(assertions).hasSize(2);
    assertThat(assertions)
        .anySatisfy(a -> assertThat(a).contains("auth").contains("500"))
        .anySatisfy(a -> assertThat(a).contains("Global"));
  }

  @Test
  void aCheckAddedToTheFileIsAssertedWithNoJavaChange() {
    Baselines withNewCheck =
        BaselinesLoader.load(ItSuites.HOME.resolve("test-fixtures/baselines-new-check.yaml"));

    List<String> assertions =
        describe(
            GatlingAssertions.fromBaselines(
                withNewCheck, ItSuites.withWarmup("smoke", java.time.Duration.ZERO)));

    assertThat(assertions).hasSize(10);
    assertThat(assertions)
        .anySatisfy(
            a -> assertThat(a).contains("download").contains("FailedRequests").contains("1.0"));
  }

  @Test
  void unreadableBaselinesSayWhatToDo() {
    assertThatThrownBy(
            () ->
                GatlingAssertions.fromBaselines(
                    Path.of("no-such.yaml"), Suites.named(ItSuites.all(), "auth")))
        .hasMessageContaining("no-such.yaml: cannot read the baselines")
        .hasMessageContaining("loadgate baselines validate");
  }
}
