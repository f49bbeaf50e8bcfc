package dev.loadgate.cli.progress;

import java.time.Duration;
import java.util.Locale;

/**
 * One progress line: the phase, elapsed and remaining time, and requests and errors so far.
 *
 * @param phase e.g. {@code "warm-up"}, {@code "load"}, {@code "benchmarks"}
 * @param elapsed time spent in the phase so far
 * @param planned how long the phase is planned to take, or {@code null} when unknown
 * @param requests samples recorded so far (every series and phase)
 * @param errors error samples among them
 */
public record ProgressLine(
    String phase, Duration elapsed, Duration planned, long requests, long errors) {

  /** E.g. {@code load 01:05 elapsed, 00:55 left requests 1,234 errors 3 (0.24 %)}. */
  public String render() {
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "%-11s %s elapsed", phase, clock(elapsed)));
    if (planned != null) {
      Duration left = planned.minus(elapsed);
      line.append(", ")
          .append(left.isNegative() ? "overrunning by " + clock(left.negated()) : clock(left))
          .append(left.isNegative() ? "" : " left");
    }
    if (requests > 0 || errors > 0) {
      line.append(
          String.format(
              Locale.ROOT,
              "  requests %,d  errors %,d (%.2f %%)",
              requests,
              errors,
              requests == 0 ? 0.0 : 100.0 * errors / requests));
    }
    return line.toString();
  }

  private static String clock(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60)
        : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
  }
}
