package dev.loadgate.cli.safety;

import java.util.Locale;
import java.util.Optional;

/**
 * The user's own cap on the total arrival rate ({@code --max-rate}): required for production hosts,
 * stricter than a suite's caps and never lifted by {@code --override-caps}.
 */
public final class UserRateCap {
  private UserRateCap() {}

  /**
   * The problem with {@code plannedRatePerSec} under {@code capPerSec}, or empty.
   *
   * @param plannedRatePerSec the run's peak total arrival rate after {@code --rate-scale}, users/s
   */
  public static Optional<String> problem(double plannedRatePerSec, Optional<Double> capPerSec) {
    return capPerSec
        .filter(cap -> plannedRatePerSec > cap + 1e-9)
        .map(
            cap ->
                String.format(
                    Locale.ROOT,
                    "--max-rate: the planned arrival rate is above your cap (expected at most %.2f"
                        + " users/s, got %.2f users/s). Lower --rate-scale.",
                    cap,
                    plannedRatePerSec));
  }
}
