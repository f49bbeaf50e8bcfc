package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UslFitTest {
  private static final UslModel TRUTH = new UslModel(0.05, 0.002, 12.0);
  private static final double[] LEVELS = {1, 2, 4, 8, 12, 16, 24, 32, 48, 64};

  @Test
  void recoversSigmaKappaLambdaWithinOnePercentFromNoiseFreeData() {
    UslFit fit = UslFit.fit(points(TRUTH, 0, 0));

    assertThat(fit.model().sigma()).isCloseTo(TRUTH.sigma(), within(TRUTH.sigma() * 0.01));
    assertThat(fit.model().kappa()).isCloseTo(TRUTH.kappa(), within(TRUTH.kappa() * 0.01));
    assertThat(fit.model().lambda()).isCloseTo(TRUTH.lambda(), within(TRUTH.lambda() * 0.01));
    assertThat(fit.r2()).isGreaterThan(0.9999);
    // N* = sqrt((1 - 0.05) / 0.002) = 21.79
    assertThat(fit.peakConcurrency().value()).isCloseTo(21.794, within(0.01));
    assertThat(fit.peakThroughputPerSec().value())
        .isCloseTo(TRUTH.throughputPerSec(21.794), within(0.01));
  }

  @Test
  void recoversAStartFarFromTheTruth() {
    UslModel steep = new UslModel(0.3, 0.02, 250.0);
    UslFit fit = UslFit.fit(points(steep, 0, 0));

    assertThat(fit.model().sigma()).isCloseTo(0.3, within(0.003));
    assertThat(fit.model().kappa()).isCloseTo(0.02, within(0.0002));
    assertThat(fit.model().lambda()).isCloseTo(250.0, within(2.5));
  }

  @Test
  void intervalsOfNoisyDataCoverTheTruthAboutAsOftenAsTheyClaim() {
    int seeds = 60;
    int[] covered = new int[3];
    for (int seed = 0; seed < seeds; seed++) {
      UslFit fit = UslFit.fit(points(TRUTH, 0.03, seed));
      covered[0] += fit.sigma().contains(TRUTH.sigma()) ? 1 : 0;
      covered[1] += fit.kappa().contains(TRUTH.kappa()) ? 1 : 0;
      covered[2] += fit.lambda().contains(TRUTH.lambda()) ? 1 : 0;
    }
    // Nominal 95 %: 60 fits cover at least 51 times with probability above 0.99 at 95 % coverage;
    // intervals a third too narrow would cover about 80 % and fail here.
    assertThat(covered[0]).as("sigma covered").isBetween(51, 60);
    assertThat(covered[1]).as("kappa covered").isBetween(51, 60);
    assertThat(covered[2]).as("lambda covered").isBetween(51, 60);
  }

  @Test
  void intervalsWidenWithNoise() {
    UslFit quiet = UslFit.fit(points(TRUTH, 0.005, 7));
    UslFit noisy = UslFit.fit(points(TRUTH, 0.05, 7));

    assertThat(width(noisy.kappa())).isGreaterThan(3 * width(quiet.kappa()));
  }

  @Test
  void refusesFewerThanFourConcurrencyLevels() {
    List<LoadPoint> three =
        List.of(
            new LoadPoint(1, 10), new LoadPoint(2, 19), new LoadPoint(4, 35), new LoadPoint(4, 36));

    assertThatThrownBy(() -> UslFit.fit(three))
        .isInstanceOf(CapacityException.class)
        .hasMessage(
            "USL fit: too few concurrency levels (expected at least 4 distinct, got 3 of 4"
                + " points). Three parameters need at least four levels; add steps.");
  }

  @Test
  void refusesPointsTheLawDoesNotDescribe() {
    List<LoadPoint> zigzag =
        List.of(
            new LoadPoint(1, 10),
            new LoadPoint(2, 40),
            new LoadPoint(3, 5),
            new LoadPoint(4, 45),
            new LoadPoint(5, 2),
            new LoadPoint(6, 50));

    assertThatThrownBy(() -> UslFit.fit(zigzag))
        .isInstanceOf(CapacityException.class)
        .hasMessageStartingWith(
            "USL fit: the law does not describe these points (expected R² of at least 0.90, got");
  }

  @Test
  void linearScalingHasNoPeak() {
    List<LoadPoint> linear = new ArrayList<>();
    for (double n : LEVELS) {
      linear.add(new LoadPoint(n, 5 * n));
    }
    UslFit fit = UslFit.fit(linear);

    assertThat(fit.model().sigma()).isCloseTo(0, within(1e-6));
    assertThat(fit.model().kappa()).isCloseTo(0, within(1e-8));
    assertThat(fit.model().lambda()).isCloseTo(5, within(1e-6));
  }

  private static double width(ParameterEstimate e) {
    return e.upper() - e.lower();
  }

  /** The law's throughput at {@link #LEVELS}, times (1 + ε), ε normal with sd {@code noise}. */
  static List<LoadPoint> points(UslModel model, double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<LoadPoint> points = new ArrayList<>();
    for (double n : LEVELS) {
      double x = model.throughputPerSec(n) * (1 + noise * gaussian(random));
      points.add(new LoadPoint(n, Math.max(0, x)));
    }
    return points;
  }

  private static double gaussian(SplittableRandom random) {
    // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
