package dev.loadgate.capacity;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.util.Pair;

/**
 * The Universal Scalability Law fitted to throughput against concurrency by nonlinear least squares
 * (commons-math3's Levenberg–Marquardt), with 95 % intervals from the fit's covariance: the
 * Gauss–Newton approximation {@code s²(JᵀJ)⁻¹}, {@code s² = RSS/(n−3)}, and Student's t with {@code
 * n−3} degrees of freedom. The peak's intervals come from the same covariance by the delta method.
 * These intervals are first-order: they hold well when the points span the curve's bend and
 * narrowly when they do not; docs/capacity.md states the coverage a seeded simulation measured.
 *
 * @param model the fitted σ, κ, λ
 * @param sigma σ with its interval
 * @param kappa κ with its interval
 * @param lambda λ with its interval, per second
 * @param peakConcurrency N* with its interval; infinite when κ is 0
 * @param peakThroughputPerSec X(N*) with its interval, per second
 * @param r2 the coefficient of determination, 1 − RSS/TSS
 * @param points how many points were fitted
 */
public record UslFit(
    UslModel model,
    ParameterEstimate sigma,
    ParameterEstimate kappa,
    ParameterEstimate lambda,
    ParameterEstimate peakConcurrency,
    ParameterEstimate peakThroughputPerSec,
    double r2,
    int points) {

  /** The fewest distinct concurrency levels a fit accepts: three parameters and one to spare. */
  public static final int MIN_POINTS = 4;

  /** The lowest R² accepted: below it the law does not describe the points. */
  public static final double MIN_R2 = 0.9;

  private static final int MAX_EVALUATIONS = 10_000;
  private static final double CONFIDENCE = 0.95;

  /**
   * Fits the law to {@code points}.
   *
   * @throws CapacityException when there are fewer than {@value #MIN_POINTS} distinct concurrency
   *     levels, the optimiser does not converge, the parameters cannot be told apart, or R² is
   *     below {@value #MIN_R2}; the message says which and with what numbers
   */
  public static UslFit fit(List<LoadPoint> points) {
    Set<Double> levels = new HashSet<>();
    points.forEach(p -> levels.add(p.concurrency()));
    if (levels.size() < MIN_POINTS) {
      throw new CapacityException(
          String.format(
              Locale.ROOT,
              "USL fit: too few concurrency levels (expected at least %d distinct, got %d of %d"
                  + " points). Three parameters need at least four levels; add steps.",
              MIN_POINTS,
              levels.size(),
              points.size()));
    }
    int n = points.size();
    double[] x = points.stream().mapToDouble(LoadPoint::concurrency).toArray();
    double[] y = points.stream().mapToDouble(LoadPoint::throughputPerSec).toArray();
    LeastSquaresOptimizer.Optimum optimum;
    try {
      optimum =
          new LevenbergMarquardtOptimizer()
              .optimize(
                  new LeastSquaresBuilder()
                      .model(point -> valueAndJacobian(point, x))
                      .target(y)
                      .start(initialGuess(x, y))
                      .parameterValidator(UslFit::feasible)
                      .maxEvaluations(MAX_EVALUATIONS)
                      .maxIterations(MAX_EVALUATIONS)
                      .build());
    } catch (MathIllegalStateException e) {
      throw new CapacityException(
          "USL fit: the least-squares search did not converge ("
              + e.getMessage()
              + "). The points may not follow the law; plot them.");
    }
    double[] p = optimum.getPoint().toArray();
    UslModel model = new UslModel(p[0], p[1], p[2]);
    double rss = 0;
    double mean = 0;
    for (double v : y) {
      mean += v / n;
    }
    double tss = 0;
    for (int i = 0; i < n; i++) {
      rss += Math.pow(y[i] - model.throughputPerSec(x[i]), 2);
      tss += Math.pow(y[i] - mean, 2);
    }
    double r2 = tss == 0 ? (rss == 0 ? 1 : 0) : 1 - rss / tss;
    if (!(r2 >= MIN_R2)) {
      throw new CapacityException(
          String.format(
              Locale.ROOT,
              "USL fit: the law does not describe these points (expected R² of at least %.2f, got"
                  + " %.3f over %d points). Check the steps for errors or a changing system.",
              MIN_R2,
              r2,
              n));
    }
    RealMatrix covariance;
    try {
      covariance = optimum.getCovariances(1e-14).scalarMultiply(n > 3 ? rss / (n - 3) : 0);
    } catch (SingularMatrixException e) {
      throw new CapacityException(
          "USL fit: σ, κ and λ cannot be told apart from these points (the fit's matrix is"
              + " singular). Add steps that reach further into the bend of the curve.");
    }
    double t =
        n > 3 ? new TDistribution(n - 3).inverseCumulativeProbability(0.5 + CONFIDENCE / 2) : 0;
    return new UslFit(
        model,
        estimate(p[0], covariance.getEntry(0, 0), t, 0, 1),
        estimate(p[1], covariance.getEntry(1, 1), t, 0, Double.POSITIVE_INFINITY),
        estimate(p[2], covariance.getEntry(2, 2), t, 0, Double.POSITIVE_INFINITY),
        delta(p, covariance, t, UslModel::peakConcurrency),
        delta(p, covariance, t, UslModel::peakThroughputPerSec),
        r2,
        n);
  }

  private static ParameterEstimate estimate(
      double value, double variance, double t, double floor, double ceiling) {
    double half = t * Math.sqrt(Math.max(0, variance));
    return new ParameterEstimate(
        value, Math.max(floor, value - half), Math.min(ceiling, value + half));
  }

  /** A derived quantity's interval by the delta method, with a central-difference gradient. */
  private static ParameterEstimate delta(
      double[] p, RealMatrix covariance, double t, ToDoubleFunction<UslModel> quantity) {
    double value = quantity.applyAsDouble(new UslModel(p[0], p[1], p[2]));
    if (Double.isInfinite(value)) {
      return new ParameterEstimate(value, value, value);
    }
    double[] gradient = new double[3];
    for (int i = 0; i < 3; i++) {
      double h = Math.max(Math.abs(p[i]) * 1e-6, 1e-12);
      double[] up = p.clone();
      double[] down = p.clone();
      up[i] += h;
      down[i] = Math.max(0, down[i] - h);
      double upValue = quantity.applyAsDouble(model(up));
      double downValue = quantity.applyAsDouble(model(down));
      gradient[i] =
          Double.isFinite(upValue) && Double.isFinite(downValue)
              ? (upValue - downValue) / (up[i] - down[i])
              : Double.POSITIVE_INFINITY;
    }
    RealVector g = new ArrayRealVector(gradient);
    double variance = covariance.operate(g).dotProduct(g);
    if (!Double.isFinite(variance)) {
      return new ParameterEstimate(value, 0, Double.POSITIVE_INFINITY);
    }
    double half = t * Math.sqrt(Math.max(0, variance));
    return new ParameterEstimate(value, Math.max(0, value - half), value + half);
  }

  private static UslModel model(double[] p) {
    return new UslModel(Math.min(1, Math.max(0, p[0])), Math.max(0, p[1]), p[2]);
  }

  private static Pair<RealVector, RealMatrix> valueAndJacobian(RealVector point, double[] x) {
    double sigma = point.getEntry(0);
    double kappa = point.getEntry(1);
    double lambda = point.getEntry(2);
    double[] value = new double[x.length];
    double[][] jacobian = new double[x.length][3];
    for (int i = 0; i < x.length; i++) {
      double n = x[i];
      double d = 1 + sigma * (n - 1) + kappa * n * (n - 1);
      double f = lambda * n / d;
      value[i] = f;
      jacobian[i][0] = -f * (n - 1) / d;
      jacobian[i][1] = -f * n * (n - 1) / d;
      jacobian[i][2] = n / d;
    }
    return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
  }

  /** Keeps the search where the law is defined: 0 ≤ σ ≤ 1, κ ≥ 0, λ > 0. */
  private static RealVector feasible(RealVector point) {
    return new ArrayRealVector(
        new double[] {
          Math.min(1, Math.max(0, point.getEntry(0))),
          Math.max(0, point.getEntry(1)),
          Math.max(1e-12, point.getEntry(2))
        });
  }

  /**
   * A start from Gunther's linearisation: with λ from the lowest level, {@code λN/X − 1 = σ(N−1) +
   * κN(N−1)} is linear in σ and κ and solved by ordinary least squares through the origin.
   */
  static double[] initialGuess(double[] x, double[] y) {
    int lowest = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] < x[lowest]) {
        lowest = i;
      }
    }
    double lambda = y[lowest] > 0 ? y[lowest] / x[lowest] : 1;
    double saa = 0;
    double sab = 0;
    double sbb = 0;
    double say = 0;
    double sby = 0;
    for (int i = 0; i < x.length; i++) {
      if (y[i] <= 0) {
        continue;
      }
      double a = x[i] - 1;
      double b = x[i] * (x[i] - 1);
      double r = lambda * x[i] / y[i] - 1;
      saa += a * a;
      sab += a * b;
      sbb += b * b;
      say += a * r;
      sby += b * r;
    }
    double det = saa * sbb - sab * sab;
    double sigma = det == 0 ? 0.05 : (say * sbb - sby * sab) / det;
    double kappa = det == 0 ? 1e-4 : (sby * saa - say * sab) / det;
    return new double[] {
      Math.min(0.99, Math.max(1e-4, sigma)), Math.max(1e-8, kappa), Math.max(1e-9, lambda)
    };
  }
}
