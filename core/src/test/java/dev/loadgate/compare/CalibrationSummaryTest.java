package dev.loadgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationSummaryTest {
  @TempDir Path dir;
  private static final Baselines BASELINES =
      BaselinesLoader.load(Path.of("../baselines/production.yaml"));

  private static Measurements auth(Random random, int n, double scale) {
    AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    Recording recording = Recording.manual(clock::get);
    for (int i = 0; i < n; i++) {
      long nanos = Math.round(80e6 * scale * Math.exp(0.3 * random.nextGaussian()));
      recording.record(SeriesKey.group(Phase.MEASURE, "auth"), nanos, Outcome.OK);
      recording.record(
          SeriesKey.request(Phase.MEASURE, "POST /auth/v1/token?grant_type=password"),
          nanos,
          Outcome.OK);
    }
    return recording.finish();
  }

  /** A/A repeats whose machine moves between repeats by exp(N(0, drift)), both sides alike. */
  private static List<CompareResult> repeats(long seed, double drift) {
    Random random = new Random(seed);
    List<CompareResult> results = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      double machine = Math.exp(drift * random.nextGaussian());
      Measurements a = auth(random, 3_000, machine);
      Measurements b = auth(random, 3_000, machine);
      List<PathComparison> comparisons =
          SideBySide.compare(CompareChecks.of(BASELINES, a, b, id -> true), CompareOptions.DEFAULT);
      results.add(
          new CompareResult(
              "20261202T150000Z-compare-smoke",
              Instant.EPOCH,
              Instant.EPOCH,
              null,
              "embedded",
              "embedded",
              i,
              CompareOptions.DEFAULT,
              true,
              null,
              comparisons,
              a,
              b,
              List.of()));
    }
    return results;
  }

  private static CalibrationSummary.Row auth(CalibrationSummary summary) {
    return summary.rows().stream()
        .filter(r -> r.id().equals("latency.auth.p95"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void findsTheDriftBetweenRepeatsBeyondTheSamplingError() {
    CalibrationSummary drifting =
        CalibrationSummary.of(
            repeats(1, 0.10), BASELINES, Duration.ofSeconds(30), Duration.ofSeconds(30));
    CalibrationSummary steady =
        CalibrationSummary.of(
            repeats(2, 0), BASELINES, Duration.ofSeconds(30), Duration.ofSeconds(30));

    assertThat(auth(drifting).driftLogSd()).isBetween(0.07, 0.13);
    assertThat(auth(steady).driftLogSd()).isLessThan(0.03);
    // Side by side the machine's drift cancels: the ratio's spread is the sampling error alone.
    assertThat(auth(drifting).spreadLogRatioSd()).isLessThan(0.05);
    assertThat(auth(drifting).comparisons()).isEqualTo(60);
    assertThat(drifting.falseAlarmShare()).isLessThanOrEqualTo(0.02);
  }

  @Test
  void longerRunsDetectSmallerChanges() {
    List<CompareResult> results = repeats(3, 0.02);
    CalibrationSummary shortRun =
        CalibrationSummary.of(results, BASELINES, Duration.ofSeconds(30), Duration.ofSeconds(30));
    CalibrationSummary longRun =
        CalibrationSummary.of(results, BASELINES, Duration.ofSeconds(30), Duration.ofMinutes(5));
    assertThat(auth(longRun).detectableCompare()).isLessThan(auth(shortRun).detectableCompare());
    assertThat(auth(longRun).detectableAgainst()).isLessThan(auth(shortRun).detectableAgainst());
    // The relative gate never detects below its tolerance.
    assertThat(auth(longRun).detectableAgainst()).isGreaterThan(1.1);
  }

  @Test
  void writesTheDriftTheRelativeGateReads() throws Exception {
    CalibrationSummary summary =
        CalibrationSummary.of(
            repeats(1, 0.10), BASELINES, Duration.ofSeconds(30), Duration.ofSeconds(75));
    ObjectNode evidence = Calibration.newEvidence();
    summary.describe(evidence, null);
    Path file = dir.resolve("calibration.json");
    Calibration.write(file, evidence);
    Calibration read = Calibration.read(file);
    assertThat(read.drift("latency.auth.p95")).isEqualTo(auth(summary).driftLogSd(), within());
    assertThat(summary.render()).contains("latency.auth.p95").contains("measured phase of 75s");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-4);
  }
}
