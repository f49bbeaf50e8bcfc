package dev.loadgate.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordingTest {
  static final SeriesKey LETTER = SeriesKey.request(Phase.MEASURE, "POST /api/generate-letter");
  static final SeriesKey GROUP = SeriesKey.group(Phase.MEASURE, "letter_generation");

  @Test
  void countsAreExactAfterFinishWhenManyThreadsRecordWhileTheTickerCuts() throws Exception {
    int threads = 4;
    int perThread = 20_000;
    Recording recording = Recording.start(java.time.Duration.ofMillis(5));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                  Outcome outcome = i % 50 == 0 ? Outcome.TIMEOUT : Outcome.OK;
                  recording.record(LETTER, (thread * perThread + i) * 1_000L, outcome);
                  recording.record(GROUP, 5_000_000L, outcome);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    Measurements measured = recording.finish();

    for (SeriesKey key : List.of(LETTER, GROUP)) {
      Series series = measured.get(key).orElseThrow();
      assertThat(series.sampleCount()).isEqualTo((long) threads * perThread);
      assertThat(series.latencyMicros().getTotalCount()).isEqualTo((long) threads * perThread);
      assertThat(series.outcomeCounts().get(Outcome.TIMEOUT))
          .isEqualTo((long) threads * perThread / 50);
      assertThat(series.intervals().stream().mapToLong(Interval::errorCount).sum())
          .isEqualTo(series.errorCount());
      assertThat(series.intervals().stream().mapToLong(Interval::count).sum())
          .isEqualTo(series.sampleCount());
    }
    assertThat(recording.totalSamples()).isEqualTo(2L * threads * perThread);
  }

  @Test
  void finishingWhileThreadsStillRecordKeepsHistogramsAndCountsInStep() throws Exception {
    Recording recording = Recording.start(java.time.Duration.ofMillis(2));
    CountDownLatch enough = new CountDownLatch(2);
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    for (int t = 0; t < 2; t++) {
      pool.submit(
          () -> {
            for (long i = 0; !stop.get(); i++) {
              recording.record(LETTER, 1_000_000 + i, i % 10 == 0 ? Outcome.HTTP_5XX : Outcome.OK);
              if (i == 25_000) {
                enough.countDown(); // finish() below runs while this thread keeps recording
              }
            }
          });
    }
    assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();

    Measurements measured = recording.finish();
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    Series series = measured.get(LETTER).orElseThrow();
    assertThat(series.latencyMicros().getTotalCount()).isEqualTo(series.sampleCount());
    assertThat(series.intervals().stream().mapToLong(Interval::errorCount).sum())
        .isEqualTo(series.errorCount());
    assertThat(recording.finish().get(LETTER).orElseThrow().sampleCount())
        .isEqualTo(series.sampleCount());
  }

  @Test
  void clampsNegativeAndHugeLatencies() {
    Recording recording = Recording.manual(() -> 0L);
    recording.record(LETTER, -5, Outcome.OK);
    recording.record(LETTER, Long.MAX_VALUE, Outcome.OK);

    Series series = recording.finish().get(LETTER).orElseThrow();

    assertThat(series.latencyMicros().getMinValue()).isZero();
    assertThat(series.latencyMicros().getMaxValue())
        .isEqualTo(
            series.latencyMicros().highestEquivalentValue(Measurements.HIGHEST_TRACKABLE_MICROS));
  }

  @Test
  void ignoresSamplesAfterFinish() {
    Recording recording = Recording.manual(() -> 0L);
    recording.record(LETTER, 1_000_000, Outcome.OK);
    Measurements first = recording.finish();
    recording.record(LETTER, 1_000_000, Outcome.OK);

    assertThat(first.get(LETTER).orElseThrow().sampleCount()).isEqualTo(1);
    assertThat(recording.finish().get(LETTER).orElseThrow().sampleCount()).isEqualTo(1);
  }
}
