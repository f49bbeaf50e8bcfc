package dev.loadgate.capacity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A quantity fitted against offered load by ordinary least squares, to read off the rate at which
 * it reaches a level.
 *
 * <ul>
 *   <li>{@link Shape#EXPONENTIAL} for latency: {@code ln y = a + b·rate}. Queueing delay rises
 *       faster than linearly as load nears a bottleneck; an exponential is the simplest curve that
 *       does, and it is fitted only to the steps measured, so a crossing far beyond them is an
 *       extrapolation and says so.
 *   <li>{@link Shape#LINEAR} for CPU: {@code y = a + b·rate}, the utilisation law (U = X·D).
 * </ul>
 *
 * @param shape the curve's form
 * @param intercept {@code a}
 * @param slope {@code b} per journey per second
 * @param r2 the fit's R² (on the log scale for an exponential)
 * @param points how many steps were fitted
 * @param highestRatePerSec the highest rate among the fitted steps
 */
public record LoadCurve(
    Shape shape, double intercept, double slope, double r2, int points, double highestRatePerSec) {

  /** The fewest steps a curve is fitted to. */
  public static final int MIN_POINTS = 3;

  /** The curve's form. */
  public enum Shape {
    EXPONENTIAL,
    LINEAR
  }

  /** A measured value at an offered rate. */
  public record Point(double ratePerSec, double value) {}

  /**
   * Fits {@code points}; empty with a reason when there are too few or the quantity does not rise
   * with load.
   */
  public static Fitted fit(Shape shape, List<Point> points) {
    List<Point> usable =
        points.stream()
            .filter(p -> Double.isFinite(p.value()) && (shape == Shape.LINEAR || p.value() > 0))
            .toList();
    if (usable.size() < MIN_POINTS) {
      return new Fitted(
          Optional.empty(),
          String.format(
              Locale.ROOT,
              "too few steps with a value (expected at least %d, got %d)",
              MIN_POINTS,
              usable.size()));
    }
    SimpleRegression regression = new SimpleRegression(true);
    for (Point p : usable) {
      regression.addData(
          p.ratePerSec(), shape == Shape.EXPONENTIAL ? Math.log(p.value()) : p.value());
    }
    double slope = regression.getSlope();
    if (!(slope > 0)) {
      return new Fitted(
          Optional.empty(),
          String.format(
              Locale.ROOT,
              "it does not rise with load over the %d steps measured (slope %.3g)",
              usable.size(),
              slope));
    }
    double highest = usable.stream().mapToDouble(Point::ratePerSec).max().orElseThrow();
    return new Fitted(
        Optional.of(
            new LoadCurve(
                shape,
                regression.getIntercept(),
                slope,
                regression.getRSquare(),
                usable.size(),
                highest)),
        "");
  }

  /** A fit, or the reason there is none. */
  public record Fitted(Optional<LoadCurve> curve, String reason) {}

  /** The curve's value at {@code ratePerSec}. */
  public double valueAt(double ratePerSec) {
    double linear = intercept + slope * ratePerSec;
    return shape == Shape.EXPONENTIAL ? Math.exp(linear) : linear;
  }

  /** The rate at which the curve reaches {@code level}; 0 when it is already above it at 0. */
  public double rateAt(double level) {
    double y = shape == Shape.EXPONENTIAL ? Math.log(level) : level;
    return Math.max(0, (y - intercept) / slope);
  }
}
