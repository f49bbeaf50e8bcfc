package dev.loadgate.verdict.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareBoundaryTest {
  /**
   * The exact chance that a Bernoulli(share) sequence, looked at after every trial up to {@code
   * horizon}, ever crosses the boundary on the given side: dynamic programming over the hit count,
   * absorbing at the boundary. No simulation, no tolerance for luck.
   */
  private static double everCrosses(
      ShareBoundary boundary, double share, int horizon, boolean above) {
    double[] mass = new double[horizon + 2];
    mass[0] = 1;
    double crossed = 0;
    for (int t = 1; t <= horizon; t++) {
      double[] next = new double[horizon + 2];
      for (int s = 0; s < t; s++) {
        next[s] += mass[s] * (1 - share);
        next[s + 1] += mass[s] * share;
      }
      for (int s = 0; s <= t; s++) {
        boolean crosses = above ? s >= boundary.fewestHitsAbove(t) : s <= boundary.mostHitsBelow(t);
        if (crosses) {
          crossed += next[s];
          next[s] = 0;
        }
      }
      mass = next;
    }
    return crossed;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.02, 0.10, 0.01})
  void atTheThresholdNeitherWrongCallExceedsTwoAndAHalfPercentUnderLooksAfterEveryTrial(
      double threshold) {
    ShareBoundary boundary = ShareBoundary.of(threshold);

    double falseAbove = everCrosses(boundary, threshold, 4_000, true);
    double falseBelow = everCrosses(boundary, threshold, 4_000, false);

    assertThat(falseAbove).isLessThanOrEqualTo(ShareBoundary.ALPHA_EACH_SIDE).isGreaterThan(0.002);
    assertThat(falseBelow).isLessThanOrEqualTo(ShareBoundary.ALPHA_EACH_SIDE).isGreaterThan(0.002);
  }

  @Test
  void aShareInsideTheNullCrossesLessOftenThanOneOnTheThreshold() {
    ShareBoundary boundary = ShareBoundary.of(0.05);

    assertThat(everCrosses(boundary, 0.04, 3_000, true))
        .isLessThan(everCrosses(boundary, 0.05, 3_000, true));
    assertThat(everCrosses(boundary, 0.06, 3_000, false))
        .isLessThan(everCrosses(boundary, 0.05, 3_000, false));
  }

  @Test
  void aShareWellAwayFromTheThresholdIsDecidedWithinAFewThousandTrials() {
    ShareBoundary boundary = ShareBoundary.of(0.05);

    assertThat(everCrosses(boundary, 0.08, 3_000, true)).isGreaterThan(0.99);
    assertThat(everCrosses(boundary, 0.02, 3_000, false)).isGreaterThan(0.99);
  }

  @Test
  void zeroHitsShowAP95LimitKeptAfter115TrialsAndNotBefore() {
    ShareBoundary boundary = ShareBoundary.of(0.05);

    assertThat(boundary.fewestTrialsToShowBelow()).isEqualTo(115);
    assertThat(boundary.showsBelow(0, 114)).isFalse();
    assertThat(boundary.showsBelow(0, 115)).isTrue();
  }

  @Test
  void oneSlowSampleAmongTheFirstHundredsCannotFailAP95() {
    ShareBoundary boundary = ShareBoundary.of(0.05);

    assertThat(boundary.showsAbove(1, 2)).isFalse();
    assertThat(boundary.fewestHitsAbove(100)).isGreaterThan(10);
    assertThat(boundary.fewestHitsAbove(1)).isEqualTo(2); // none: more hits than trials
  }

  @Test
  void boundariesAreMonotoneAndNeverOverlap() {
    ShareBoundary boundary = ShareBoundary.of(0.05);
    for (long t = 1; t <= 3_000; t++) {
      assertThat(boundary.fewestHitsAbove(t))
          .isGreaterThanOrEqualTo(boundary.fewestHitsAbove(t - 1));
      assertThat(boundary.mostHitsBelow(t)).isGreaterThanOrEqualTo(boundary.mostHitsBelow(t - 1));
      assertThat(boundary.mostHitsBelow(t)).isLessThan(boundary.fewestHitsAbove(t));
      assertThat((double) boundary.mostHitsBelow(t) / t).isLessThan(0.05);
      assertThat((double) boundary.fewestHitsAbove(t) / t).isGreaterThan(0.05);
    }
  }

  @Test
  void largeTrialCountsAreSearchedDirectlyAndAgreeWithTheEvidence() {
    ShareBoundary boundary = ShareBoundary.of(0.05);
    long trials = 1_000_000;

    long above = boundary.fewestHitsAbove(trials);
    long below = boundary.mostHitsBelow(trials);

    assertThat(boundary.logEvidenceAbove(above, trials)).isGreaterThanOrEqualTo(Math.log(40));
    assertThat(boundary.logEvidenceAbove(above - 1, trials)).isLessThan(Math.log(40));
    assertThat(boundary.logEvidenceBelow(below, trials)).isGreaterThanOrEqualTo(Math.log(40));
    assertThat(boundary.logEvidenceBelow(below + 1, trials)).isLessThan(Math.log(40));
    assertThat(above / (double) trials).isBetween(0.05, 0.052);
  }

  @Test
  void rejectsAThresholdOutsideZeroToOne() {
    assertThatThrownBy(() -> ShareBoundary.of(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a share threshold must lie strictly between 0 and 1, such as 0.05 (got 5.0)");
  }
}
