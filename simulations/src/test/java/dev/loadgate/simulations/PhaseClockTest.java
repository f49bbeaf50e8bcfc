package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Phase;
import dev.loadgate.simulations.recording.PhaseClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhaseClockTest {
  @Test
  void withoutWarmupEveryJourneyIsMeasured() {
    assertThat(new PhaseClock(Duration.ZERO).phaseNow()).isEqualTo(Phase.MEASURE);
  }

  @Test
  void journeysStartingWithinTheWarmupAreWarmup() {
    PhaseClock clock = new PhaseClock(Duration.ofHours(1));

    assertThat(clock.phaseNow()).isEqualTo(Phase.WARMUP);
    assertThat(clock.phaseNow()).isEqualTo(Phase.WARMUP);
  }
}
