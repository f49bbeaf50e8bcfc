package dev.loadgate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementStoreTest {
  static final SeriesKey LOGIN =
      SeriesKey.request(Phase.MEASURE, "POST /auth/v1/token?grant_type=password");
  static final SeriesKey AUTH = SeriesKey.group(Phase.MEASURE, "auth");
  static final SeriesKey HEALTH = SeriesKey.request(Phase.WARMUP, "GET /api/health");

  @TempDir Path temp;

  /** A fixed, deterministic run: three one-second intervals, errors of two kinds, two figures. */
  static Measurements fixture() {
    AtomicLong clock = new AtomicLong(1_764_400_000_000L);
    Recording recording = Recording.manual(clock::get);
    for (int second = 0; second < 3; second++) {
      for (int i = 1; i <= 100; i++) {
        long nanos = (second * 100L + i) * 1_000_000L;
        Outcome outcome = i == 7 ? Outcome.HTTP_5XX : i == 9 ? Outcome.TIMEOUT : Outcome.OK;
        recording.record(LOGIN, nanos, outcome);
        recording.record(AUTH, nanos + 500_000, outcome);
        recording.record(HEALTH, 2_000_000, Outcome.OK);
      }
      clock.addAndGet(1_000);
      recording.tick();
    }
    return recording
        .finish()
        .withFigure(
            new Figure(
                "db.query.mean",
                12.25,
                "ms",
                40,
                "db-probe",
                "",
                List.of(Map.of("query", "select 1", "meanMillis", "12.25"))))
        .withFigure(
            Figure.missing(
                "db.lock_wait.max", "ms", "db-probe", "pg_stat_statements is not loaded"));
  }

  @Test
  void roundTripsHistogramsCountsAndFiguresExactly() {
    Measurements original = fixture();

    MeasurementStore.write(temp, original);
    Measurements read = MeasurementStore.read(temp);

    assertThat(read.series().keySet()).isEqualTo(original.series().keySet());
    for (SeriesKey key : original.series().keySet()) {
      Series before = original.get(key).orElseThrow();
      Series after = read.get(key).orElseThrow();
      assertThat(after.latencyMicros()).isEqualTo(before.latencyMicros());
      assertThat(after.outcomeCounts()).isEqualTo(before.outcomeCounts());
      assertThat(after.intervals()).hasSameSizeAs(before.intervals());
      for (int i = 0; i < before.intervals().size(); i++) {
        assertThat(after.intervals().get(i).errorCount())
            .isEqualTo(before.intervals().get(i).errorCount());
        assertThat(after.intervals().get(i).startEpochMillis())
            .isEqualTo(before.intervals().get(i).startEpochMillis());
        assertThat(after.intervals().get(i).latencyMicros())
            .isEqualTo(before.intervals().get(i).latencyMicros());
      }
    }
    assertThat(read.figures()).isEqualTo(original.figures());
    assertThat(read.figure("db.lock_wait.max").orElseThrow().value()).isNaN();
  }

  @Test
  void writesTheDocumentedIndexFormat() throws IOException {
    MeasurementStore.write(temp, fixture());

    String written =
        Files.readString(temp.resolve(MeasurementStore.INDEX_FILE), StandardCharsets.UTF_8);

    if ("true".equals(System.getenv("LOADGATE_UPDATE_GOLDEN"))) {
      // LOADGATE_UPDATE_GOLDEN=true mvn -pl core test -Dtest=MeasurementStoreTest
      Files.writeString(Path.of("src/test/resources/measure/measurements.golden.json"), written);
    }
    assertThat(written.replace("\r\n", "\n"))
        .isEqualTo(golden("/measure/measurements.golden.json"));
  }

  @Test
  void writesHlogFilesThatHdrHistogramsOwnReaderReads() throws IOException {
    Measurements original = fixture();
    MeasurementStore.write(temp, original);

    Path log =
        temp.resolve("histograms/measure/request-POST_auth_v1_token_grant_type_password.hlog");
    Histogram total = Measurements.newLatencyHistogram();
    int intervals = 0;
    HistogramLogReader reader = new HistogramLogReader(log.toFile());
    try {
      EncodableHistogram next;
      while ((next = reader.nextIntervalHistogram()) != null) {
        total.add((Histogram) next);
        intervals++;
      }
    } finally {
      reader.close();
    }

    assertThat(intervals).isEqualTo(3);
    assertThat(total.getTotalCount()).isEqualTo(300);
    assertThat(total).isEqualTo(original.get(LOGIN).orElseThrow().latencyMicros());
    assertThat(Files.readString(log))
        .startsWith("#loadgate series REQUEST POST /auth/v1/token?grant_type=password\n");
  }

  @Test
  void writesHlogFilesThatHistogramLogProcessorSummarises() throws IOException {
    MeasurementStore.write(temp, fixture());
    Path log = temp.resolve("histograms/measure/group-auth.hlog");
    Path out = temp.resolve("auth-summary");

    new org.HdrHistogram.HistogramLogProcessor(
            new String[] {
              "-i", log.toString(), "-o", out.toString(), "-outputValueUnitRatio", "1000"
            })
        .run();

    String percentiles = Files.readString(Path.of(out + ".hgrm"), StandardCharsets.UTF_8);
    assertThat(percentiles).containsPattern("Total count\\s*=\\s*300\\]");
    assertThat(percentiles).containsPattern("Max\\s*=\\s*300\\.5");
  }

  @Test
  void refusesAnIndexOfAnotherSchema() throws IOException {
    MeasurementStore.write(temp, fixture());
    Path index = temp.resolve(MeasurementStore.INDEX_FILE);
    Files.writeString(
        index,
        Files.readString(index).replace("loadgate.measurements/v1", "loadgate.measurements/v9"));

    assertThatThrownBy(() -> MeasurementStore.read(temp))
        .hasMessage(
            index
                + ": unsupported schema (expected \"loadgate.measurements/v1\", got \"loadgate.measurements/v9\")");
  }

  private String golden(String resource) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      assertThat(in).as("golden file " + resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
  }
}
