package dev.loadgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {
  @Test
  void smokeIsOneForkWithTwoWarmupsAndThreeMeasurementsOfOneSecond() {
    BenchmarkSettings smoke = BenchmarkSettings.smoke();

    assertThat(smoke.kinds()).containsExactlyInAnyOrder(BenchmarkKind.values());
    assertThat(smoke.forks()).isEqualTo(1);
    assertThat(smoke.warmupIterations()).isEqualTo(2);
    assertThat(smoke.warmupTime()).isEqualTo(Duration.ofSeconds(1));
    assertThat(smoke.measurementIterations()).isEqualTo(3);
    assertThat(smoke.measurementTime()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void preReleaseRunsLongerWithMoreForks() {
    BenchmarkSettings release = BenchmarkSettings.preRelease();
    BenchmarkSettings smoke = BenchmarkSettings.smoke();

    assertThat(release.forks()).isGreaterThan(smoke.forks());
    assertThat(release.measurementTime().multipliedBy(release.measurementIterations()))
        .isGreaterThan(smoke.measurementTime().multipliedBy(smoke.measurementIterations()));
  }

  @Test
  void rejectsAnEmptySetOfKinds() {
    assertThatThrownBy(() -> BenchmarkSettings.smoke().withKinds(Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "benchmark settings: kinds must not be empty (expected some of SERVICE, SQL, HARNESS,"
                + " got none)");
  }

  @Test
  void rejectsIterationsShorterThanAHundredMillis() {
    assertThatThrownBy(
            () ->
                BenchmarkSettings.smoke()
                    .withIterations(1, Duration.ofMillis(10), 1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "benchmark settings: warmupTime out of range (expected PT0.1S to PT10M, got PT0.01S)");
  }

  @Test
  void rejectsTooManyForks() {
    assertThatThrownBy(
            () ->
                new BenchmarkSettings(
                    EnumSet.of(BenchmarkKind.HARNESS),
                    11,
                    1,
                    Duration.ofSeconds(1),
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(1),
                    List.of(),
                    Optional.empty()))
        .hasMessage("benchmark settings: forks out of range (expected 1 to 10, got 11)");
  }
}
