package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.measure.SeriesKind;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.simulations.admin.AdminDashboardJourney;
import dev.loadgate.simulations.auth.AuthJourney;
import dev.loadgate.simulations.download.DownloadJourney;
import dev.loadgate.simulations.email.EmailJourney;
import dev.loadgate.simulations.lettergeneration.LetterGenerationJourney;
import dev.loadgate.simulations.payment.PaymentJourney;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke suite from {@code baselines/suites.yaml}, shortened, against the reference app: every
 * journey runs, every request and journey is recorded with its phase, nothing fails.
 */
class SmokeSuiteIT {
  private static final Duration WARMUP = Duration.ofSeconds(3);
  private static final Duration MEASURED = Duration.ofSeconds(10);

  private static RunningReferenceApp app;
  private static LoadOutcome outcome;
  private static Measurements measured;
  private static LoadPlan plan;

  @TempDir static Path results;

  @BeforeAll
  static void runSmoke() {
    app = ReferenceApp.start(ReferenceAppSettings.defaults().withRateLimits(RateLimits.disabled()));
    plan =
        new LoadPlan(
            app.targetProfile(),
            ItSuites.withWarmup("smoke", WARMUP),
            Optional.of(MEASURED),
            1.0,
            results,
            true);
    try (Recording recording = Recording.start()) {
      outcome = LoadRunner.run(plan, recording);
      measured = recording.finish();
    }
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void runCompletesAndGatlingWritesItsHtmlReport() {
    assertThat(outcome.problem()).isEmpty();
    assertThat(outcome.completed()).isTrue();
    assertThat(outcome.gatlingExitCode()).isZero();
    assertThat(outcome.gatlingReportDir()).isPresent();
    assertThat(Files.exists(outcome.gatlingReportDir().get().resolve("index.html"))).isTrue();
  }

  @Test
  void everyJourneyIsRecordedOncePerArrivalInItsPhase() {
    for (Suite.JourneyLoad load : plan.suite().journeys()) {
      double rate = plan.arrivalRatePerSec(load.journey());

      assertThat(count(SeriesKey.group(Phase.WARMUP, load.journey())))
          .as(load.journey() + " warm-up journeys")
          .isEqualTo(Math.round(WARMUP.toSeconds() * rate));
      assertThat(count(SeriesKey.group(Phase.MEASURE, load.journey())))
          .as(load.journey() + " measured journeys")
          .isEqualTo(Math.round(MEASURED.toSeconds() * rate));
    }
  }

  @Test
  void noRequestOrJourneyFailed() {
    Map<SeriesKey, Map<Outcome, Long>> failures =
        measured.series().values().stream()
            .filter(s -> s.errorCount() > 0)
            .collect(Collectors.toMap(Series::key, Series::outcomeCounts));

    assertThat(failures).isEmpty();
  }

  @Test
  void everyStableRequestNameIsRecorded() {
    List<String> names =
        measured.series().keySet().stream()
            .filter(k -> k.kind() == SeriesKind.REQUEST)
            .map(SeriesKey::name)
            .distinct()
            .toList();

    assertThat(names)
        .contains(
            JourneyContext.SIGN_IN,
            AuthJourney.USER,
            AuthJourney.PROFILE,
            AuthJourney.SIGN_OUT,
            LetterGenerationJourney.GENERATE,
            LetterGenerationJourney.STATUS,
            PaymentJourney.CHECKOUT,
            PaymentJourney.WEBHOOK,
            PaymentJourney.VERIFY,
            DownloadJourney.PDF,
            AdminDashboardJourney.LOGIN,
            AdminDashboardJourney.ANALYTICS,
            AdminDashboardJourney.REVIEW_QUEUE,
            EmailJourney.PROCESS_QUEUE);
  }

  @Test
  void aJourneyLastsAtLeastAsLongAsItsRequests() {
    Series generation = series(SeriesKey.group(Phase.MEASURE, "letter_generation"));
    Series generate = series(SeriesKey.request(Phase.MEASURE, LetterGenerationJourney.GENERATE));

    assertThat(generation.latencyMicros().getMinValue())
        .isGreaterThanOrEqualTo(generate.latencyMicros().getMinValue());
    assertThat(generation.latencyMicros().getMaxValue()).isPositive();
  }

  private static long count(SeriesKey key) {
    return measured.get(key).map(Series::sampleCount).orElse(0L);
  }

  private static Series series(SeriesKey key) {
    return measured.get(key).orElseThrow(() -> new AssertionError("no series " + key));
  }
}
