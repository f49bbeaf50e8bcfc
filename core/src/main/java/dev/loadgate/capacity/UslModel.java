package dev.loadgate.capacity;

/**
 * Gunther's Universal Scalability Law: {@code X(N) = λN / (1 + σ(N−1) + κN(N−1))}. N. J. Gunther,
 * <i>Guerrilla Capacity Planning</i>, Springer 2007, ch. 4; "A General Theory of Computational
 * Scalability Based on Rational Functions", arXiv:0808.1431 (2008).
 *
 * @param sigma contention (the serial share), 0 to 1
 * @param kappa coherency (the pairwise crosstalk penalty), 0 or above
 * @param lambda throughput of one client alone (N = 1), per second, above 0
 */
public record UslModel(double sigma, double kappa, double lambda) {
  public UslModel {
    if (!(sigma >= 0 && sigma <= 1)) {
      throw new IllegalArgumentException("sigma must be between 0 and 1 (got " + sigma + ")");
    }
    if (!(kappa >= 0) || Double.isInfinite(kappa)) {
      throw new IllegalArgumentException("kappa must be 0 or above (got " + kappa + ")");
    }
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be above 0 (got " + lambda + ")");
    }
  }

  /** Throughput per second at concurrency {@code n}. */
  public double throughputPerSec(double n) {
    return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  /**
   * The concurrency of peak throughput, {@code N* = √((1−σ)/κ)}; infinite when κ is 0 (throughput
   * then only approaches its ceiling λ/σ).
   */
  public double peakConcurrency() {
    return kappa == 0 ? Double.POSITIVE_INFINITY : Math.sqrt((1 - sigma) / kappa);
  }

  /** The highest throughput the model allows: {@code X(N*)}, or the ceiling λ/σ when κ is 0. */
  public double peakThroughputPerSec() {
    if (kappa == 0) {
      return sigma == 0 ? Double.POSITIVE_INFINITY : lambda / sigma;
    }
    return throughputPerSec(peakConcurrency());
  }
}
