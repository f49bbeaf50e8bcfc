package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.refapp.FaultSpec;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.simulations.download.DownloadJourney;
import dev.loadgate.simulations.http.TokenStore;
import dev.loadgate.targets.Account;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a known injected latency, the recorded p95 matches what a minimal native client measures
 * on the same endpoint at the same moment (the design's ground truth), and never undercuts the
 * injected floor.
 */
class FidelityIT {
  private static final long INJECTED_MILLIS = 50;

  /** Long enough for the injector's JIT: a cold Gatling lags and inflates its first seconds. */
  private static final Duration WARMUP = Duration.ofSeconds(10);

  private static final Duration MEASURED = Duration.ofSeconds(15);

  /** 2.5 x the download suite's 4/s: about 150 samples a side, so the p95 rests on a few dozen. */
  private static final double RATE_SCALE = 2.5;

  /** The target is 1 ms + 1 %; a shared 2-core machine needs a generous margin to stay green. */
  private static final double MARGIN_MILLIS = 10;

  private static final double MARGIN_SHARE = 0.15;

  @TempDir Path results;

  @Test
  void recordedDownloadP95MatchesANativeClientAtTheSameMoment() throws Exception {
    ReferenceAppSettings settings =
        ReferenceAppSettings.defaults()
            .withRateLimits(RateLimits.disabled())
            .withFaults(List.of(FaultSpec.parse("download=+" + INJECTED_MILLIS + "ms")));
    try (RunningReferenceApp app = ReferenceApp.start(settings);
        Recording recording = Recording.start()) {
      LoadPlan plan =
          new LoadPlan(
              app.targetProfile(),
              ItSuites.withWarmup("download", WARMUP),
              Optional.of(MEASURED),
              RATE_SCALE,
              results,
              false);
      NativeClient nativeClient = signedInNativeClient(app);
      Account reader = app.targetProfile().accounts("subscriber").get(0);
      String path = "/api/letters/" + reader.approvedLetterIds().get(0) + "/pdf";

      CompletableFuture<LoadOutcome> load =
          CompletableFuture.supplyAsync(() -> LoadRunner.run(plan, recording));
      SeriesKey recorded = SeriesKey.request(Phase.MEASURE, DownloadJourney.PDF);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> recording.snapshot().get(recorded).isPresent() || load.isDone());
      ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
      // the same arrival rate as the simulation, so both see the same server at the same moment
      long periodMicros = Math.round(1_000_000 / plan.arrivalRatePerSec("download"));
      pacer.scheduleAtFixedRate(
          () -> nativeClient.get(path), 0, periodMicros, TimeUnit.MICROSECONDS);
      LoadOutcome outcome = load.get(120, TimeUnit.SECONDS);
      pacer.shutdownNow();
      pacer.awaitTermination(30, TimeUnit.SECONDS);
      Measurements measurements = recording.finish();

      assertThat(outcome.completed()).as(outcome.problem()).isTrue();
      Series series = measurements.get(recorded).orElseThrow();
      assertThat(series.errorCount()).isZero();
      assertThat(nativeClient.failures).isZero();
      assertThat(nativeClient.latencyMicros.getTotalCount()).isGreaterThanOrEqualTo(100);
      double recordedP95 = series.latencyMicros().getValueAtPercentile(95) / 1000.0;
      double truthP95 = nativeClient.latencyMicros.getValueAtPercentile(95) / 1000.0;
      System.out.printf(
          Locale.ROOT,
          "fidelity: recorded p95 %.2f ms (n=%d), native client p95 %.2f ms (n=%d),"
              + " difference %+.2f ms (%+.1f %%)%n",
          recordedP95,
          series.sampleCount(),
          truthP95,
          nativeClient.latencyMicros.getTotalCount(),
          recordedP95 - truthP95,
          100 * (recordedP95 - truthP95) / truthP95);

      assertThat(recordedP95).isGreaterThanOrEqualTo(INJECTED_MILLIS);
      assertThat(truthP95).isGreaterThanOrEqualTo(INJECTED_MILLIS);
      assertThat(Math.abs(recordedP95 - truthP95))
          .isLessThanOrEqualTo(MARGIN_MILLIS + MARGIN_SHARE * truthP95);
    }
  }

  private static NativeClient signedInNativeClient(RunningReferenceApp app) throws Exception {
    Account reader = app.targetProfile().accounts("subscriber").get(0);
    URI base = app.baseUrl();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve("/auth/v1/token?grant_type=password"))
                    .header("Content-Type", "application/json")
                    .header("apikey", app.targetProfile().supabaseAnonKey().reveal())
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            JourneyContext.json(
                                java.util.Map.of(
                                    "email",
                                    reader.email(),
                                    "password",
                                    reader.password().reveal()))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    TokenStore tokens = new TokenStore();
    assertThat(tokens.store("native", response.body())).isTrue();
    return new NativeClient(base, "sb-native-auth-token=" + tokens.cookieValue("native"));
  }
}
