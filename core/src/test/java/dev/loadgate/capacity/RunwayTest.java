package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunwayTest {
  @Test
  void oneJourneyGrowingTwentyPercentDoublesInAboutThreeAndAHalfMonths() {
    Runway runway = new Runway(1.0, Map.of("auth", 1.0), Map.of("auth", 0.20));

    // ln 2 / ln 1.2 = 3.80 months
    assertThat(runway.monthsUntil(2.0)).isCloseTo(Math.log(2) / Math.log(1.2), within(1e-6));
  }

  @Test
  void lettersGrowingFasterShortenTheRunwayAgainstUsersAlone() {
    Runway usersOnly = new Runway(1.0, Map.of("auth", 1.0), Map.of("auth", 0.20));
    Runway mixed =
        new Runway(
            1.0,
            Map.of("auth", 0.5, "letter_generation", 0.5),
            Map.of("auth", 0.20, "letter_generation", 0.25));

    double months = mixed.monthsUntil(4.0);
    assertThat(months).isLessThan(usersOnly.monthsUntil(4.0));
    assertThat(mixed.rateAfter(months)).isCloseTo(4.0, within(1e-6));
  }

  @Test
  void aRateAlreadyReachedHasNoRunwayAndAFarOneIsCappedAtTheHorizon() {
    Runway runway = new Runway(3.0, Map.of("auth", 1.0), Map.of("auth", 0.20));

    assertThat(runway.monthsUntil(2.0)).isZero();
    assertThat(runway.monthsUntil(1e30)).isEqualTo(Runway.HORIZON_MONTHS);
  }
}
