package dev.loadgate.simulations.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InstrumentTest {
  private final Instrument instrument = new Instrument(SampleSink.NONE, Duration.ofSeconds(60));

  @Test
  void classifiesAFailedRequestByItsStatusOrByHowLongItWaited() {
    assertThat(instrument.classify(503, 1_000)).isEqualTo(Outcome.HTTP_5XX);
    assertThat(instrument.classify(401, 1_000)).isEqualTo(Outcome.HTTP_4XX);
    assertThat(instrument.classify(200, 1_000)).isEqualTo(Outcome.CHECK_FAILED);
    assertThat(instrument.classify(0, Duration.ofSeconds(60).toNanos())).isEqualTo(Outcome.TIMEOUT);
    assertThat(instrument.classify(0, Duration.ofMillis(3).toNanos()))
        .isEqualTo(Outcome.CONNECTION);
  }

  @Test
  void warmupGroupsReadApartInGatlingsReport() {
    assertThat(Instrument.groupName("auth", Phase.WARMUP)).isEqualTo("warmup-auth");
    assertThat(Instrument.groupName("auth", Phase.MEASURE)).isEqualTo("auth");
  }
}
