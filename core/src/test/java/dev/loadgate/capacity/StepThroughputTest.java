package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StepThroughputTest {
  private static final long BASE = 1_000_000;

  @Test
  void countsOnlyJourneysCompletedInsideTheMeasuredWindow() {
    AtomicLong clock = new AtomicLong(BASE);
    Recording recording = Recording.manual(clock::get);
    recording.record(SeriesKey.request(Phase.WARMUP, "POST /auth/v1/token"), 1_000_000, Outcome.OK);
    for (int second = 0; second < 7; second++) {
      clock.set(BASE + second * 1_000L);
      recording.record(
          SeriesKey.group(second < 2 ? Phase.WARMUP : Phase.MEASURE, "auth"),
          500_000_000L,
          second == 3 ? Outcome.HTTP_5XX : Outcome.OK);
      clock.set(BASE + (second + 1) * 1_000L);
      recording.tick();
    }

    // Settle 2 s, measure 3 s: the journeys completed in seconds 2, 3 and 4 count, one failed.
    StepThroughput t =
        StepThroughput.of(recording.finish(), Duration.ofSeconds(2), Duration.ofSeconds(3));

    assertThat(t.completed()).isEqualTo(3);
    assertThat(t.okCompleted()).isEqualTo(2);
    assertThat(t.meanJourneySeconds()).isCloseTo(0.5, within(0.001));
  }

  @Test
  void nothingRecordedIsNothingCompleted() {
    StepThroughput t =
        StepThroughput.of(
            Recording.manual(() -> BASE).finish(), Duration.ofSeconds(2), Duration.ofSeconds(3));

    assertThat(t.completed()).isZero();
    assertThat(t.meanJourneySeconds()).isNaN();
  }
}
