package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The slow tier's measurement behind docs/capacity.md: how often the USL fit's nominal 95 %
 * intervals cover the truth, over 1000 seeded noisy data sets per noise level. Not part of the
 * default build (the name matches neither *Test nor *IT); run it with {@code mvn -pl core test
 * -Dtest=UslIntervalCoverageSimulation -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class UslIntervalCoverageSimulation {
  private static final UslModel TRUTH = new UslModel(0.05, 0.002, 12.0);
  private static final int SEEDS = 1000;

  @Test
  void intervalsCoverTheTruthNearTheirNominalRate() {
    for (double noise : new double[] {0.01, 0.03, 0.05}) {
      int[] covered = new int[5];
      for (int seed = 0; seed < SEEDS; seed++) {
        List<LoadPoint> points = UslFitTest.points(TRUTH, noise, seed);
        UslFit fit = UslFit.fit(points);
        covered[0] += fit.sigma().contains(TRUTH.sigma()) ? 1 : 0;
        covered[1] += fit.kappa().contains(TRUTH.kappa()) ? 1 : 0;
        covered[2] += fit.lambda().contains(TRUTH.lambda()) ? 1 : 0;
        covered[3] += fit.peakConcurrency().contains(TRUTH.peakConcurrency()) ? 1 : 0;
        covered[4] += fit.peakThroughputPerSec().contains(TRUTH.peakThroughputPerSec()) ? 1 : 0;
      }
      System.out.printf(
          Locale.ROOT,
          "noise %.0f %%: coverage sigma %.1f %%, kappa %.1f %%, lambda %.1f %%, N* %.1f %%,"
              + " peak %.1f %% (%d seeds)%n",
          noise * 100,
          covered[0] * 100.0 / SEEDS,
          covered[1] * 100.0 / SEEDS,
          covered[2] * 100.0 / SEEDS,
          covered[3] * 100.0 / SEEDS,
          covered[4] * 100.0 / SEEDS,
          SEEDS);
      for (int i = 0; i < 4; i++) {
        assertThat(covered[i]).isGreaterThanOrEqualTo(900);
      }
      assertThat(covered[4]).isGreaterThanOrEqualTo(850);
    }
  }
}
