package dev.loadgate.simulations;

import dev.loadgate.config.Glob;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One load suite from {@code baselines/suites.yaml}: which journeys run, at which open arrival
 * rates, for how long, and which checks gate it. Immutable; built by {@link Suites#load}.
 *
 * @param name the suite's name, e.g. {@code "smoke"}
 * @param description one line for humans
 * @param warmup the warm-up phase before measuring; its samples are recorded as {@code
 *     Phase.WARMUP} and never gated (zero or positive)
 * @param duration the measured phase at the journeys' arrival rates (positive)
 * @param soak an optional measured phase after {@code duration}, at a share of the rates
 * @param journeys the journeys and their arrival rates, at least one, each journey once
 * @param gatedChecks glob patterns of check ids this suite gates ({@code "*"} gates all)
 * @param caps hard limits a run of this suite may not exceed without an explicit override
 * @param client how the simulated client behaves (polling, refreshes, coupons, plans)
 * @param ungatedChecks glob patterns of the check ids the suite deliberately does not gate: every
 *     check of the baselines must match {@code gatedChecks} or these (see {@link
 *     Suites#coverageProblems})
 * @param jmh how long the JMH benchmarks of a {@code --jmh} run measure
 */
public record Suite(
    String name,
    String description,
    Duration warmup,
    Duration duration,
    Optional<Soak> soak,
    List<JourneyLoad> journeys,
    List<String> gatedChecks,
    Caps caps,
    ClientBehaviour client,
    List<String> ungatedChecks,
    JmhProfile jmh) {

  /** A suite that gates every check its patterns do not leave out, with the quick JMH profile. */
  public Suite(
      String name,
      String description,
      Duration warmup,
      Duration duration,
      Optional<Soak> soak,
      List<JourneyLoad> journeys,
      List<String> gatedChecks,
      Caps caps,
      ClientBehaviour client) {
    this(
        name,
        description,
        warmup,
        duration,
        soak,
        journeys,
        gatedChecks,
        caps,
        client,
        List.of(),
        JmhProfile.SMOKE);
  }

  public Suite {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    requireNotNegative("warmup", warmup);
    requirePositive("duration", duration);
    soak = soak == null ? Optional.empty() : soak;
    journeys = List.copyOf(journeys);
    if (journeys.isEmpty()) {
      throw new IllegalArgumentException("suite " + name + ": journeys must not be empty");
    }
    if (journeys.stream().map(JourneyLoad::journey).distinct().count() != journeys.size()) {
      throw new IllegalArgumentException("suite " + name + ": each journey may appear once");
    }
    gatedChecks = List.copyOf(gatedChecks);
    Objects.requireNonNull(caps, "caps");
    Objects.requireNonNull(client, "client");
    ungatedChecks = List.copyOf(ungatedChecks);
    Objects.requireNonNull(jmh, "jmh");
  }

  /** The sum of the journeys' arrival rates, in users (journeys started) per second. */
  public double totalArrivalRatePerSec() {
    return journeys.stream().mapToDouble(JourneyLoad::arrivalRatePerSec).sum();
  }

  /** Each journey's share of all arrivals, between 0 and 1, in suite order. */
  public Map<String, Double> mix() {
    double total = totalArrivalRatePerSec();
    Map<String, Double> mix = new LinkedHashMap<>();
    journeys.forEach(j -> mix.put(j.journey(), j.arrivalRatePerSec() / total));
    return mix;
  }

  /** The measured time: {@code duration} plus the soak phase, if any. */
  public Duration measuredDuration() {
    return duration.plus(soak.map(Soak::duration).orElse(Duration.ZERO));
  }

  /** The arrival rate of a journey in users per second, or empty when the suite does not run it. */
  public Optional<Double> arrivalRatePerSec(String journey) {
    return journeys.stream()
        .filter(j -> j.journey().equals(journey))
        .map(JourneyLoad::arrivalRatePerSec)
        .findFirst();
  }

  /** Whether a check id matches one of {@link #gatedChecks()} ({@code *} matches any run). */
  public boolean gates(String checkId) {
    return Glob.matchesAny(gatedChecks, checkId);
  }

  /** Whether a check id is gated or deliberately left ungated by this suite. */
  public boolean covers(String checkId) {
    return gates(checkId) || Glob.matchesAny(ungatedChecks, checkId);
  }

  private static void requirePositive(String what, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be a positive duration (got " + value + ")");
    }
  }

  private static void requireNotNegative(String what, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative (got " + value + ")");
    }
  }

  /**
   * One journey's open arrival rate.
   *
   * @param journey a name from {@link Journeys#ALL}
   * @param arrivalRatePerSec new virtual users per second, each running the journey once; above 0
   */
  public record JourneyLoad(String journey, double arrivalRatePerSec) {
    public JourneyLoad {
      if (!Journeys.ALL.contains(journey)) {
        throw new IllegalArgumentException(
            "unknown journey \"" + journey + "\" (expected one of " + Journeys.ALL + ")");
      }
      if (!(arrivalRatePerSec > 0) || Double.isInfinite(arrivalRatePerSec)) {
        throw new IllegalArgumentException(
            journey + ": arrival rate must be above 0/s (got " + arrivalRatePerSec + ")");
      }
    }
  }

  /**
   * A long measured phase after the peak phase, to find leaks and slow degradation.
   *
   * @param duration how long (positive)
   * @param rateShare the share of each journey's peak rate to hold, above 0 and at most 1
   */
  public record Soak(Duration duration, double rateShare) {
    public Soak {
      requirePositive("soak.duration", duration);
      if (!(rateShare > 0 && rateShare <= 1)) {
        throw new IllegalArgumentException(
            "soak.rate must be a share above 0 % and at most 100 % (got "
                + String.format(Locale.ROOT, "%.1f %%", rateShare * 100)
                + ")");
      }
    }
  }

  /**
   * Hard limits on a run of the suite; exceeding them needs an explicit override.
   *
   * @param maxArrivalRatePerSec the most users per second, all journeys together, after scaling
   * @param maxDuration the longest run, warm-up and measured phases together
   */
  public record Caps(double maxArrivalRatePerSec, Duration maxDuration) {
    public Caps {
      if (!(maxArrivalRatePerSec > 0)) {
        throw new IllegalArgumentException(
            "caps.maxRate must be above 0/s (got " + maxArrivalRatePerSec + ")");
      }
      requirePositive("caps.maxDuration", maxDuration);
    }
  }

  /**
   * How the simulated browser behaves, taken from the real client.
   *
   * @param statusPollInterval the pause between letter status polls (the real client: 12 s)
   * @param statusPollTimeout give up polling after this long; a letter still generating is an error
   * @param refreshShare the share of auth journeys that also refresh their session, 0 to 1
   * @param couponShare the share of checkouts that carry an employee's {@code EMP-} coupon, 0 to 1
   * @param checkoutPlans the plans checkouts buy, used in turn
   */
  public record ClientBehaviour(
      Duration statusPollInterval,
      Duration statusPollTimeout,
      double refreshShare,
      double couponShare,
      List<String> checkoutPlans) {
    /** The behaviour used when a suites file says nothing about the client. */
    public static final ClientBehaviour DEFAULT =
        new ClientBehaviour(
            Duration.ofSeconds(12),
            Duration.ofSeconds(60),
            0.2,
            0.5,
            List.of("one_time", "annual", "monthly_membership"));

    public ClientBehaviour {
      requirePositive("client.statusPollInterval", statusPollInterval);
      requirePositive("client.statusPollTimeout", statusPollTimeout);
      requireShare("client.refreshShare", refreshShare);
      requireShare("client.couponShare", couponShare);
      checkoutPlans = List.copyOf(checkoutPlans);
      if (checkoutPlans.isEmpty()) {
        throw new IllegalArgumentException("client.checkoutPlans must not be empty");
      }
    }

    private static void requireShare(String what, double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException(
            what + " must be between 0 % and 100 % (got " + share * 100 + " %)");
      }
    }
  }

  /** How thoroughly {@code loadgate run --jmh} measures service time; {@code jmh:} in a suite. */
  public enum JmhProfile {
    /** A few seconds per benchmark: the PR gate. */
    SMOKE,
    /** Longer forks and iterations: the pre-release test. */
    PRE_RELEASE;

    /** The name in suites.yaml: {@code smoke}, {@code pre-release}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
