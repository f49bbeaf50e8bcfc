package dev.loadgate.cli.safety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hard limits on how hard and how long a suite may load a target. The suite file sets them per
 * suite; {@code --override-caps} lifts them, and {@code --max-rate} adds a stricter one of the
 * user's own that nothing lifts.
 *
 * @param suite the suite's name, for messages
 * @param maxArrivalRatePerSec the suite's cap on the total arrival rate, users per second
 * @param maxDuration the suite's cap on warm-up plus measured load
 * @param userMaxRatePerSec the user's own cap ({@code --max-rate}), if given
 */
public record RateCaps(
    String suite,
    double maxArrivalRatePerSec,
    Duration maxDuration,
    Optional<Double> userMaxRatePerSec) {

  /**
   * Every cap the planned load breaks, each a complete sentence with the hint to fix it.
   *
   * @param plannedRatePerSec the total arrival rate after {@code --rate-scale}, users per second
   * @param plannedDuration warm-up plus measured load after {@code --duration}
   * @param overrideCaps whether {@code --override-caps} was given
   */
  public List<String> problems(
      double plannedRatePerSec, Duration plannedDuration, boolean overrideCaps) {
    List<String> problems = new ArrayList<>();
    if (!overrideCaps && plannedRatePerSec > maxArrivalRatePerSec + 1e-9) {
      problems.add(
          String.format(
              Locale.ROOT,
              "suite %s: the planned arrival rate breaks the suite's cap (expected at most %.2f"
                  + " users/s, got %.2f users/s). Lower --rate-scale, or pass --override-caps if"
                  + " the target can take it.",
              suite,
              maxArrivalRatePerSec,
              plannedRatePerSec));
    }
    if (!overrideCaps && plannedDuration.compareTo(maxDuration) > 0) {
      problems.add(
          String.format(
              Locale.ROOT,
              "suite %s: the planned load lasts longer than the suite's cap (expected at most %ds,"
                  + " got %ds). Shorten --duration, or pass --override-caps.",
              suite,
              maxDuration.toSeconds(),
              plannedDuration.toSeconds()));
    }
    userMaxRatePerSec.ifPresent(
        cap -> {
          if (plannedRatePerSec > cap + 1e-9) {
            problems.add(
                String.format(
                    Locale.ROOT,
                    "--max-rate: the planned arrival rate is above your cap (expected at most %.2f"
                        + " users/s, got %.2f users/s). Lower --rate-scale.",
                    cap,
                    plannedRatePerSec));
          }
        });
    return problems;
  }
}
