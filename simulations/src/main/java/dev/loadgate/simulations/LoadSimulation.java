package dev.loadgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.loadgate.simulations.accounts.AccountPools;
import dev.loadgate.simulations.http.TargetHttp;
import dev.loadgate.simulations.http.TokenStore;
import dev.loadgate.simulations.recording.Instrument;
import dev.loadgate.simulations.recording.PhaseClock;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one Gatling simulation: a scenario per journey of the suite, each with its own open injection
 * profile (warm-up, then the measured stages), all recorded through one {@link Instrument}. Gatling
 * instantiates it; the plan comes from {@link ActivePlan}.
 */
public class LoadSimulation extends Simulation {
  /** Gatling's request timeout (gatling.conf); the letter route's hard cap is 60 s. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** How long in-flight journeys may finish after the last arrival before Gatling stops them. */
  public static final Duration DRAIN = REQUEST_TIMEOUT.plusSeconds(30);

  public LoadSimulation() {
    this(ActivePlan.current());
  }

  protected LoadSimulation(ActivePlan active) {
    LoadPlan plan = active.plan();
    PhaseClock clock = new PhaseClock(plan.suite().warmup());
    JourneyContext context = context(plan, new Instrument(active.sink(), clock, REQUEST_TIMEOUT));
    List<PopulationBuilder> populations = new ArrayList<>();
    for (Suite.JourneyLoad load : plan.suite().journeys()) {
      Journey journey = JourneyCatalog.create(load.journey());
      List<String> unmet = journey.unmetRequirements(context);
      if (!unmet.isEmpty()) {
        throw new IllegalStateException(String.join(System.lineSeparator(), unmet));
      }
      populations.add(
          scenario(journey.name())
              .exec(context.instrument().begin())
              .exec(journey.chain(context))
              .injectOpen(injection(plan, load.journey())));
    }
    setUp(populations)
        .protocols(context.targetHttp().protocol())
        .maxDuration(plan.totalDuration().plus(DRAIN))
        .assertions(active.assertions());
  }

  /** The context journeys of this plan share. */
  static JourneyContext context(LoadPlan plan, Instrument instrument) {
    return new JourneyContext(
        new TargetHttp(plan.target()),
        instrument,
        new TokenStore(),
        AccountPools.of(
            plan.target(),
            plan.suite().journeys().stream()
                .map(Suite.JourneyLoad::journey)
                .collect(java.util.stream.Collectors.toSet())),
        plan.suite().client());
  }

  /**
   * Warm-up at the full rate, then each measured stage at its share. Gatling counts whole seconds
   * of a stage, so stages are rounded up to whole seconds.
   */
  static List<OpenInjectionStep> injection(LoadPlan plan, String journey) {
    double rate = plan.arrivalRatePerSec(journey);
    List<OpenInjectionStep> steps = new ArrayList<>();
    Duration warmup = wholeSeconds(plan.suite().warmup());
    if (!warmup.isZero()) {
      steps.add(constantUsersPerSec(rate).during(warmup));
    }
    for (LoadPlan.Stage stage : plan.measuredStages()) {
      steps.add(
          constantUsersPerSec(rate * stage.rateShare()).during(wholeSeconds(stage.duration())));
    }
    return steps;
  }

  static Duration wholeSeconds(Duration duration) {
    long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    return Duration.ofSeconds(seconds);
  }
}
