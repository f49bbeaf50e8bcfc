package dev.loadgate.verdict.sequential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareCountTest {
  private static final SeriesKey AUTH = SeriesKey.group(Phase.MEASURE, "auth");

  private static List<Series> record(long[] micros, Outcome[] outcomes) {
    Recording recording = Recording.manual(() -> 0L);
    for (int i = 0; i < micros.length; i++) {
      recording.record(AUTH, micros[i] * 1_000, outcomes[i]);
    }
    Measurements m = recording.finish();
    return List.of(m.get(AUTH).orElseThrow());
  }

  @Test
  void aSampleInTheBucketThatHoldsTheLimitCountsAsBreaching() {
    // 500 ms lies in the bucket 499.968–500.223 ms; 500.1 ms breaches and must count.
    assertThat(ShareCount.effectiveLimitMicros(500_000)).isEqualTo(499_968);
    List<Series> series =
        record(
            new long[] {500_100, 500_000, 499_990, 499_900, 500_300},
            new Outcome[] {Outcome.OK, Outcome.OK, Outcome.OK, Outcome.OK, Outcome.OK});

    ShareCount count = ShareCount.latencyAtOrAbove(series, 500_000);

    // 500.1, 500.0 and 500.3 breach; 499.99 shares the limit's bucket and counts too; 499.9 not.
    assertThat(count).isEqualTo(new ShareCount(5, 4, 4, 0));
  }

  @Test
  void failedSamplesAreLeftOutWithTheCountBracketed() {
    List<Series> series =
        record(
            new long[] {10_000, 900_000, 20_000, 800_000},
            new Outcome[] {Outcome.OK, Outcome.OK, Outcome.HTTP_5XX, Outcome.TIMEOUT});

    ShareCount count = ShareCount.latencyAtOrAbove(series, 500_000);

    // Two successes; two slow samples, of which at most two and at least none are successes.
    assertThat(count).isEqualTo(new ShareCount(2, 0, 2, 2));
  }

  @Test
  void aFastFailureDoesNotMakeTheLatencyShareLookBetter() {
    List<Series> series =
        record(
            new long[] {900_000, 100, 100, 100},
            new Outcome[] {Outcome.OK, Outcome.HTTP_5XX, Outcome.HTTP_5XX, Outcome.HTTP_5XX});

    ShareCount count = ShareCount.latencyAtOrAbove(series, 500_000);

    // Among all four samples 25 % are slow; among the one success, up to 100 %.
    assertThat(count.trials()).isEqualTo(1);
    assertThat(count.mostHits()).isEqualTo(1);
  }
}
