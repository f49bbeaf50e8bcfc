package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadCurveTest {
  @Test
  void anExponentialLatencyCurveCrossesItsLevelWhereTheModelSays() {
    // p95 = 100 ms × e^(rate/5): 2000 ms at rate 5 × ln 20 = 14.98/s.
    List<LoadCurve.Point> points =
        List.of(2.0, 4.0, 6.0, 8.0).stream()
            .map(r -> new LoadCurve.Point(r, 100 * Math.exp(r / 5)))
            .toList();

    LoadCurve curve = LoadCurve.fit(LoadCurve.Shape.EXPONENTIAL, points).curve().orElseThrow();

    assertThat(curve.rateAt(2000)).isCloseTo(5 * Math.log(20), within(1e-9));
    assertThat(curve.r2()).isCloseTo(1, within(1e-12));
    assertThat(curve.highestRatePerSec()).isEqualTo(8);
  }

  @Test
  void aLinearCpuCurveFollowsTheUtilisationLaw() {
    List<LoadCurve.Point> points =
        List.of(new LoadCurve.Point(1, 12), new LoadCurve.Point(2, 19), new LoadCurve.Point(4, 33));

    LoadCurve curve = LoadCurve.fit(LoadCurve.Shape.LINEAR, points).curve().orElseThrow();

    assertThat(curve.rateAt(80)).isCloseTo((80 - 5) / 7.0, within(1e-9));
  }

  @Test
  void refusesTooFewStepsAndAQuantityThatDoesNotRise() {
    LoadCurve.Fitted two =
        LoadCurve.fit(
            LoadCurve.Shape.LINEAR, List.of(new LoadCurve.Point(1, 1), new LoadCurve.Point(2, 2)));
    LoadCurve.Fitted flat =
        LoadCurve.fit(
            LoadCurve.Shape.EXPONENTIAL,
            List.of(
                new LoadCurve.Point(1, 50),
                new LoadCurve.Point(2, 40),
                new LoadCurve.Point(3, 30)));

    assertThat(two.curve()).isEmpty();
    assertThat(two.reason()).isEqualTo("too few steps with a value (expected at least 3, got 2)");
    assertThat(flat.curve()).isEmpty();
    assertThat(flat.reason()).startsWith("it does not rise with load over the 3 steps measured");
  }
}
