package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that answers with errors is recorded as errors, in the request and in the journey. */
class FailureRecordingIT {
  @TempDir Path results;

  @Test
  void serverErrorsAreRecordedAsFailedRequestsAndFailedJourneys() {
    ReferenceAppSettings settings =
        ReferenceAppSettings.defaults()
            .withRateLimits(RateLimits.disabled())
            .withFaults(List.of(FaultSpec.parse("download=error:100%:503")));
    try (RunningReferenceApp app = ReferenceApp.start(settings);
        Recording recording = Recording.start()) {
      LoadPlan plan =
          new LoadPlan(
              app.targetProfile(),
              ItSuites.withWarmup("download", Duration.ZERO),
              Optional.of(Duration.ofSeconds(3)),
              1.0,
              results,
              false);

      LoadOutcome outcome = LoadRunner.run(plan, recording);
      Measurements measured = recording.finish();

      assertThat(outcome.completed()).as(outcome.problem()).isTrue();
      Series request =
          measured.get(SeriesKey.request(Phase.MEASURE, DownloadJourney.PDF)).orElseThrow();
      Series journey =
          measured.get(SeriesKey.group(Phase.MEASURE, Journeys.DOWNLOAD)).orElseThrow();
      long planned = Math.round(3 * plan.arrivalRatePerSec(Journeys.DOWNLOAD));
      assertThat(request.sampleCount()).isEqualTo(planned);
      assertThat(request.outcomeCounts()).containsEntry(Outcome.HTTP_5XX, planned);
      assertThat(journey.outcomeCounts()).containsEntry(Outcome.HTTP_5XX, planned);
    }
  }
}
