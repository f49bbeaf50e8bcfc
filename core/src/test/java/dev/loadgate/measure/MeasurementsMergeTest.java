package dev.loadgate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MeasurementsMergeTest {
  static final SeriesKey DOWNLOAD = SeriesKey.group(Phase.MEASURE, "download");
  static final SeriesKey PDF = SeriesKey.request(Phase.MEASURE, "GET /api/letters/{id}/pdf");

  @Test
  void twoShardsMergeIntoExactlyWhatOneRecordingMeasures() {
    Random random = new Random(5);
    long[] latencies = random.longs(5_000, 1_000_000, 900_000_000).toArray();
    AtomicLong clock = new AtomicLong(1_000_000);
    Recording whole = Recording.manual(clock::get);
    Recording shardA = Recording.manual(clock::get);
    Recording shardB = Recording.manual(clock::get);
    for (int i = 0; i < latencies.length; i++) {
      Outcome outcome =
          i % 37 == 0 ? Outcome.HTTP_4XX : i % 101 == 0 ? Outcome.CONNECTION : Outcome.OK;
      whole.record(DOWNLOAD, latencies[i], outcome);
      whole.record(PDF, latencies[i], outcome);
      Recording shard = i % 2 == 0 ? shardA : shardB;
      shard.record(DOWNLOAD, latencies[i], outcome);
      shard.record(PDF, latencies[i], outcome);
      if (i % 1_000 == 999) {
        clock.addAndGet(1_000);
        whole.tick();
        shardA.tick();
        shardB.tick();
      }
    }

    Measurements one = whole.finish();
    Measurements merged = shardA.finish().merge(shardB.finish());

    for (SeriesKey key : List.of(DOWNLOAD, PDF)) {
      Series expected = one.get(key).orElseThrow();
      Series actual = merged.get(key).orElseThrow();
      assertThat(actual.latencyMicros()).isEqualTo(expected.latencyMicros());
      assertThat(actual.outcomeCounts()).isEqualTo(expected.outcomeCounts());
      assertThat(actual.sampleCount()).isEqualTo(5_000);
      assertThat(actual.errorCount()).isEqualTo(expected.errorCount());
      assertThat(actual.intervals().stream().mapToLong(Interval::errorCount).sum())
          .isEqualTo(expected.errorCount());
      assertThat(actual.latencyMicros().getValueAtPercentile(95))
          .isEqualTo(expected.latencyMicros().getValueAtPercentile(95));
    }
  }

  @Test
  void mergeKeepsFiguresAndLetsTheLaterOneWin() {
    Figure early = new Figure("db.query.mean", 10, "ms", 5, "db-probe", "", List.of());
    Figure late = new Figure("db.query.mean", 20, "ms", 9, "db-probe", "", List.of());
    Figure other = new Figure("email.bounce.rate", 1, "%", 50, "email-probe", "", List.of());

    Measurements merged =
        Measurements.EMPTY
            .withFigure(early)
            .withFigure(other)
            .merge(Measurements.EMPTY.withFigure(late));

    assertThat(merged.figures()).containsOnlyKeys("db.query.mean", "email.bounce.rate");
    assertThat(merged.figure("db.query.mean")).contains(late);
  }

  @Test
  void refusesToMergeDifferentSeries() {
    Series a = new Series(DOWNLOAD, List.of(), java.util.Map.of());
    Series b = new Series(PDF, List.of(), java.util.Map.of());

    assertThatThrownBy(() -> a.merge(b))
        .hasMessageStartingWith(
            "cannot merge series SeriesKey[phase=MEASURE, kind=GROUP, name=download] with a different series");
  }
}
