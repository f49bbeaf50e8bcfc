package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.simulations.recording.SampleSink;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput with and without recording, interleaved in one run (see {@link OverheadSimulation}).
 * The target is under 5 %; the ratio assertion only catches gross regressions, since two shared
 * cores make any single run noisy. The numbers are printed for docs/measurement.md.
 */
class RecordingOverheadIT {
  @TempDir Path results;

  @Test
  void recordingKeepsThroughputCloseToThePlainSimulation() {
    ReferenceAppSettings settings =
        ReferenceAppSettings.defaults().withRateLimits(RateLimits.disabled());
    try (RunningReferenceApp app = ReferenceApp.start(settings);
        Recording recording = Recording.start()) {
      OverheadSimulation.target = app.baseUrl();
      OverheadSimulation.sink = SampleSink.into(recording);
      int exit =
          io.gatling.app.Gatling$.MODULE$.fromArgs(
              new String[] {
                "--simulation", OverheadSimulation.class.getName(),
                "--results-folder", results.toString(),
                "--no-reports"
              });
      Measurements measured = recording.finish();

      long plain = 0;
      long recorded = 0;
      StringBuilder rounds = new StringBuilder();
      long recordedIncludingWarmup = 0;
      for (int r = 0; r < OverheadSimulation.ROUNDS; r++) {
        long count = OverheadSimulation.COMPLETED.get(r);
        boolean isRecorded = OverheadSimulation.recorded(r);
        rounds
            .append(OverheadSimulation.counted(r) ? " " : " warm-up ")
            .append(isRecorded ? "recorded=" : "plain=")
            .append(count);
        recordedIncludingWarmup += isRecorded ? count : 0;
        if (OverheadSimulation.counted(r)) {
          plain += isRecorded ? 0 : count;
          recorded += isRecorded ? count : 0;
        }
      }
      double[] blockRatios = new double[OverheadSimulation.BLOCKS];
      for (int b = 0; b < OverheadSimulation.BLOCKS; b++) {
        int first = OverheadSimulation.WARMUP_ROUNDS + 4 * b;
        double blockPlain =
            OverheadSimulation.COMPLETED.get(first) + OverheadSimulation.COMPLETED.get(first + 3);
        double blockRecorded =
            OverheadSimulation.COMPLETED.get(first + 1)
                + OverheadSimulation.COMPLETED.get(first + 2);
        blockRatios[b] = blockRecorded / blockPlain;
      }
      // the median block: one disturbed round (a neighbour's burst) moves one block only
      double[] sorted = blockRatios.clone();
      java.util.Arrays.sort(sorted);
      double ratio = (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
      double seconds = OverheadSimulation.BLOCKS * 2.0 * OverheadSimulation.ROUND.toSeconds();
      System.out.printf(
          Locale.ROOT,
          "overhead: plain %.0f req/s, recorded %.0f req/s; recorded/plain per block %s,"
              + " median %.3f (%+.1f %%);%s%n",
          plain / seconds,
          recorded / seconds,
          java.util.Arrays.stream(blockRatios)
              .mapToObj(r -> String.format(Locale.ROOT, "%.3f", r))
              .toList(),
          ratio,
          (ratio - 1) * 100,
          rounds);
      assertThat(exit).isZero();
      long samples =
          measured
              .get(SeriesKey.request(Phase.MEASURE, "GET " + OverheadSimulation.PATH))
              .orElseThrow()
              .sampleCount();
      // a request in flight when its round ends is recorded but not counted
      assertThat(samples)
          .isBetween(recordedIncludingWarmup, recordedIncludingWarmup + OverheadSimulation.USERS);
      assertThat(ratio).isGreaterThan(0.75);
    }
  }
}
