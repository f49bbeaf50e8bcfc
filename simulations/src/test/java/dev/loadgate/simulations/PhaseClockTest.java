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
  void withoutWarmupConcurrentFirstUsersAreAllMeasured() throws Exception {
    PhaseClock clock = new PhaseClock(Duration.ZERO);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var phases =
          pool.invokeAll(java.util.Collections.nCopies(64, clock::phaseNow)).stream()
              .map(
                  f -> {
                    try {
                      return f.get();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList();
      assertThat(phases).containsOnly(Phase.MEASURE);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void journeysStartingWithinTheWarmupAreWarmup() {
    PhaseClock clock = new PhaseClock(Duration.ofHours(1));

    assertThat(clock.phaseNow()).isEqualTo(Phase.WARMUP);
    assertThat(clock.phaseNow()).isEqualTo(Phase.WARMUP);
  }
}
