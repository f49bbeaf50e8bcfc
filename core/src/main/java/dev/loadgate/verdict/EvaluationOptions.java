package dev.loadgate.verdict;

import dev.loadgate.compare.Calibration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How {@link VerdictEngine} judges a run.
 *
 * @param gated glob patterns of the check ids that can fail the gate ({@code *} matches any run of
 *     characters, dots included; {@code ?} one character), e.g. {@code ["latency.auth.*",
 *     "errors.*"]}. Checks that match none are still reported, with {@code gated=false}. Default:
 *     {@code ["*"]}, every check.
 * @param accepted an accepted earlier run for relative (regression) gates, if any
 * @param failUndecided when true, a check whose interval contains its limit is a FAIL instead of a
 *     WARN (strict release gates); default false, see {@code docs/verdicts.md}
 * @param calibration the run-to-run drift the relative gate allows for; default {@link
 *     Calibration#DEFAULT}
 */
public record EvaluationOptions(
    List<String> gated,
    Optional<AcceptedRun> accepted,
    boolean failUndecided,
    Calibration calibration) {
  private static final Pattern GLOB = Pattern.compile("[a-z0-9_.*?]+");

  public EvaluationOptions {
    gated = List.copyOf(gated);
    for (String pattern : gated) {
      if (pattern == null || !GLOB.matcher(pattern).matches()) {
        throw new IllegalArgumentException(
            "gate pattern must be a check id glob of lower-case letters, digits, _ . * ? (expected"
                + " e.g. \"latency.auth.*\", got \""
                + pattern
                + "\")");
      }
    }
    Objects.requireNonNull(accepted, "accepted");
    Objects.requireNonNull(calibration, "calibration");
  }

  /** Options with the default calibration. */
  public EvaluationOptions(
      List<String> gated, Optional<AcceptedRun> accepted, boolean failUndecided) {
    this(gated, accepted, failUndecided, Calibration.DEFAULT);
  }

  /** The same options with the relative gate allowing for {@code drift}. */
  public EvaluationOptions calibrated(Calibration drift) {
    return new EvaluationOptions(gated, accepted, failUndecided, drift);
  }

  /** Every check gated, no accepted run, undecided checks warn. */
  public static EvaluationOptions defaults() {
    return new EvaluationOptions(List.of("*"), Optional.empty(), false);
  }

  /** The same options gating only the checks matching {@code patterns}. */
  public EvaluationOptions gating(List<String> patterns) {
    return new EvaluationOptions(patterns, accepted, failUndecided, calibration);
  }

  /** The same options with relative gates against {@code run}. */
  public EvaluationOptions against(AcceptedRun run) {
    return new EvaluationOptions(gated, Optional.of(run), failUndecided, calibration);
  }

  /** The same options with undecided checks failing (or not). */
  public EvaluationOptions failingUndecided(boolean fail) {
    return new EvaluationOptions(gated, accepted, fail, calibration);
  }

  /** Whether the check with this id can fail the gate. */
  public boolean isGated(String checkId) {
    return gated.stream().anyMatch(p -> glob(p).matcher(checkId).matches());
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        case '.' -> regex.append("\\.");
        default -> regex.append(c);
      }
    }
    return Pattern.compile(regex.toString());
  }
}
