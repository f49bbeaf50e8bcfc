package dev.loadgate.capacity;

/**
 * One observation of a system under load: how many requests or journeys were in it at once, and how
 * many it completed per second.
 *
 * @param concurrency the mean number in the system (N; Little's law: throughput × mean time in the
 *     system); above 0
 * @param throughputPerSec completions per second (X); 0 or above
 */
public record LoadPoint(double concurrency, double throughputPerSec) {
  public LoadPoint {
    if (!(concurrency > 0) || Double.isInfinite(concurrency)) {
      throw new IllegalArgumentException(
          "concurrency must be a positive number (got " + concurrency + ")");
    }
    if (!(throughputPerSec >= 0) || Double.isInfinite(throughputPerSec)) {
      throw new IllegalArgumentException(
          "throughput must be 0 or a positive number (got " + throughputPerSec + ")");
    }
  }
}
