package dev.loadgate.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder written as the run goes: what a kill leaves is readable and whole. */
class LiveMeasurementLogTest {
  private static final SeriesKey AUTH = SeriesKey.group(Phase.MEASURE, "auth");

  @TempDir Path run;

  private final AtomicLong clock = new AtomicLong(1_764_400_000_000L);
  private final Recording recording = Recording.manual(clock::get);

  private void second(int samples, int errors) {
    for (int i = 1; i <= samples; i++) {
      recording.record(AUTH, 1_000_000L * i, i <= errors ? Outcome.HTTP_5XX : Outcome.OK);
    }
    clock.addAndGet(1_000);
    recording.tick();
  }

  @Test
  void everyFlushLeavesAFolderThatReadsAsEverythingCutSoFar() {
    LiveMeasurementLog log = LiveMeasurementLog.manual(run, recording::snapshot);
    second(100, 3);
    log.flush();
    assertThat(MeasurementStore.read(run).get(AUTH).orElseThrow().sampleCount()).isEqualTo(100);

    second(50, 1);
    log.flush();
    Series read = MeasurementStore.read(run).get(AUTH).orElseThrow();
    assertThat(read.sampleCount()).isEqualTo(150);
    assertThat(read.errorCount()).isEqualTo(4);
    assertThat(read.latencyMicros())
        .isEqualTo(recording.snapshot().get(AUTH).orElseThrow().latencyMicros());
  }

  @Test
  void theLiveLogIsByteForByteTheFinalLogSoHdrHistogramToolsReadBoth() throws Exception {
    LiveMeasurementLog log = LiveMeasurementLog.manual(run, recording::snapshot);
    second(100, 0);
    log.flush();
    second(80, 2);
    log.flush();
    Path hlog = run.resolve("histograms/measure/group-auth.hlog");
    String live = Files.readString(hlog, StandardCharsets.UTF_8);

    MeasurementStore.write(run, recording.finish());

    assertThat(Files.readString(hlog, StandardCharsets.UTF_8)).isEqualTo(live);
    assertThat(Files.readString(run.resolve(MeasurementStore.INDEX_FILE)))
        .doesNotContain("\"live\"");
  }

  @Test
  void aKillBetweenAppendingTheLogAndRewritingTheIndexLosesOnlyTheUnindexedInterval()
      throws Exception {
    LiveMeasurementLog log = LiveMeasurementLog.manual(run, recording::snapshot);
    second(100, 0);
    log.flush();
    String indexAfterFirst = Files.readString(run.resolve(MeasurementStore.INDEX_FILE));
    second(40, 0);
    log.flush();
    // As if killed after the append of the second flush and before its index rename.
    Files.writeString(run.resolve(MeasurementStore.INDEX_FILE), indexAfterFirst);

    assertThat(MeasurementStore.read(run).get(AUTH).orElseThrow().sampleCount()).isEqualTo(100);
  }

  @Test
  void aFailingFlushIsReportedOnceAndRetried() throws Exception {
    StringBuilder errors = new StringBuilder();
    Path blocked = run.resolve("blocked");
    Files.writeString(blocked, "a file where the run folder should be");
    LiveMeasurementLog log =
        LiveMeasurementLog.start(blocked, recording, java.time.Duration.ofHours(1), errors::append);
    second(10, 0);
    log.flush();
    log.flush();
    Files.delete(blocked);
    Files.createDirectory(blocked);
    log.close();

    assertThat(errors.toString())
        .startsWith(blocked + ": the live measurement log could not be written (")
        .containsOnlyOnce("could not be written");
    assertThat(MeasurementStore.read(blocked).get(AUTH).orElseThrow().sampleCount()).isEqualTo(10);
  }
}
