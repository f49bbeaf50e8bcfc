package dev.loadgate.simulations;

import dev.loadgate.config.Quantities;
import dev.loadgate.targets.TargetProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one load run does: a suite against a target, optionally shortened or scaled.
 *
 * @param target where the load goes and with which accounts and secrets
 * @param suite the suite to run
 * @param durationOverride replaces the suite's measured time (peak and soak together, split in the
 *     suite's proportion); positive when present
 * @param rateScale multiplies every arrival rate; above 0
 * @param gatlingResultsDir where Gatling writes its own results folder
 * @param gatlingHtmlReport whether Gatling renders its HTML report
 * @param overrideCaps whether the suite's caps may be exceeded (the CLI's {@code --override-caps})
 */
public record LoadPlan(
    TargetProfile target,
    Suite suite,
    Optional<Duration> durationOverride,
    double rateScale,
    Path gatlingResultsDir,
    boolean gatlingHtmlReport,
    boolean overrideCaps) {

  public LoadPlan {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(suite, "suite");
    durationOverride = durationOverride == null ? Optional.empty() : durationOverride;
    durationOverride.ifPresent(
        d -> {
          if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(
                "duration must be positive (expected e.g. 30s, got " + d + ")");
          }
        });
    if (!(rateScale > 0) || Double.isInfinite(rateScale)) {
      throw new IllegalArgumentException(
          "rate scale must be above 0 (expected e.g. 0.5 or 2, got " + rateScale + ")");
    }
    Objects.requireNonNull(gatlingResultsDir, "gatlingResultsDir");
  }

  /** A plan that respects the suite's caps. */
  public LoadPlan(
      TargetProfile target,
      Suite suite,
      Optional<Duration> durationOverride,
      double rateScale,
      Path gatlingResultsDir,
      boolean gatlingHtmlReport) {
    this(target, suite, durationOverride, rateScale, gatlingResultsDir, gatlingHtmlReport, false);
  }

  /**
   * The same plan against another target: the schedule (rates, durations, caps) stays as validated;
   * only where the load goes changes, e.g. once the embedded target has started.
   */
  public LoadPlan withTarget(TargetProfile profile) {
    return new LoadPlan(
        profile,
        suite,
        durationOverride,
        rateScale,
        gatlingResultsDir,
        gatlingHtmlReport,
        overrideCaps);
  }

  /** A measured phase of the run: how long, and which share of the scaled rates it holds. */
  public record Stage(Duration duration, double rateShare) {}

  /** The measured stages: the peak phase, then the soak phase if the suite has one. */
  public List<Stage> measuredStages() {
    Duration peak = suite.duration();
    Optional<Suite.Soak> soak = suite.soak();
    if (durationOverride.isPresent()) {
      Duration total = durationOverride.get();
      if (soak.isEmpty()) {
        peak = total;
      } else {
        double peakShare =
            (double) suite.duration().toMillis() / suite.measuredDuration().toMillis();
        peak = Duration.ofMillis(Math.max(1, Math.round(total.toMillis() * peakShare)));
        Duration soakDuration = total.minus(peak);
        soak =
            soakDuration.isZero() || soakDuration.isNegative()
                ? Optional.empty()
                : Optional.of(new Suite.Soak(soakDuration, soak.get().rateShare()));
      }
    }
    List<Stage> stages = new ArrayList<>();
    stages.add(new Stage(peak, 1.0));
    soak.ifPresent(s -> stages.add(new Stage(s.duration(), s.rateShare())));
    return List.copyOf(stages);
  }

  /** The measured time after any override. */
  public Duration measuredDuration() {
    return measuredStages().stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /** Warm-up plus measured time: how long arrivals go on. */
  public Duration totalDuration() {
    return suite.warmup().plus(measuredDuration());
  }

  /** A journey's arrival rate after scaling, users per second; 0 when the suite does not run it. */
  public double arrivalRatePerSec(String journey) {
    return suite.arrivalRatePerSec(journey).orElse(0.0) * rateScale;
  }

  /** The highest total arrival rate of the run after scaling, users per second. */
  public double peakArrivalRatePerSec() {
    return suite.totalArrivalRatePerSec() * rateScale;
  }

  /**
   * What in this plan exceeds the suite's caps, each a complete message; empty when within them.
   * The caps bind unless {@link #overrideCaps()}.
   */
  public List<String> capViolations() {
    List<String> violations = new ArrayList<>();
    Suite.Caps caps = suite.caps();
    if (peakArrivalRatePerSec() > caps.maxArrivalRatePerSec() + 1e-9) {
      violations.add(
          String.format(
              Locale.ROOT,
              "suite %s: arrival rate exceeds its cap (expected at most %s/s, got %s/s after"
                  + " --rate-scale %s). Lower --rate-scale or pass --override-caps.",
              suite.name(),
              number(caps.maxArrivalRatePerSec()),
              number(peakArrivalRatePerSec()),
              number(rateScale)));
    }
    if (totalDuration().compareTo(caps.maxDuration()) > 0) {
      violations.add(
          String.format(
              Locale.ROOT,
              "suite %s: run time exceeds its cap (expected at most %s, got %s warm-up and"
                  + " measured together). Shorten --duration or pass --override-caps.",
              suite.name(),
              Quantities.format(caps.maxDuration()),
              Quantities.format(totalDuration())));
    }
    return List.copyOf(violations);
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.3g", value);
  }
}
