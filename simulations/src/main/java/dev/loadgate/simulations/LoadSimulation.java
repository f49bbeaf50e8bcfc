package dev.loadgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.loadgate.measure.Phase;
import dev.loadgate.simulations.accounts.AccountPools;
import dev.loadgate.simulations.http.TargetHttp;
import dev.loadgate.simulations.http.TokenStore;
import dev.loadgate.simulations.recording.Instrument;
import io.gatling.javaapi.core.ChainBuilder;
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
    JourneyContext context = context(plan, new Instrument(active.sink(), REQUEST_TIMEOUT));
    List<PopulationBuilder> populations = new ArrayList<>();
    for (Suite.JourneyLoad load : plan.suite().journeys()) {
      Journey journey = JourneyCatalog.create(load.journey());
      List<String> unmet = journey.unmetRequirements(context);
      if (!unmet.isEmpty()) {
        throw new IllegalStateException(String.join(System.lineSeparator(), unmet));
      }
      List<OpenInjectionStep> warmup = warmupInjection(plan, journey.name());
      if (!warmup.isEmpty()) {
        populations.add(population(context, journey, Phase.WARMUP, warmup));
      }
      populations.add(
          population(context, journey, Phase.MEASURE, measuredInjection(plan, journey.name())));
    }
    setUp(populations)
        .protocols(context.targetHttp().protocol())
        .maxDuration(plan.totalDuration().plus(DRAIN))
        .assertions(active.assertions());
  }

  /**
   * One scenario per journey and phase: the phase is the scenario's, never a guess from the clock,
   * so a user arriving right at the boundary cannot land on the wrong side.
   */
  private static PopulationBuilder population(
      JourneyContext context, Journey journey, Phase phase, List<OpenInjectionStep> injection) {
    ChainBuilder body = exec(context.instrument().begin(phase)).exec(journey.chain(context));
    if (phase == Phase.MEASURE) {
      // Early stop (ArrivalGate): once closed, arrivals skip their journey; the first arrival
      // after the last journey under way has finished stops the load generator.
      ArrivalGate gate = ArrivalGate.current();
      body =
          exec(stopLoadGeneratorIf(EARLY_STOP_MESSAGE, session -> gate.drained()))
              .doIf(session -> gate.admit())
              .then(
                  body.exec(
                      session -> {
                        gate.finished();
                        return session;
                      }));
    }
    return scenario(Instrument.groupName(journey.name(), phase)).exec(body).injectOpen(injection);
  }

  /** What Gatling logs when the measured phase ends early. */
  public static final String EARLY_STOP_MESSAGE =
      "loadgate: every gated check is decided, the measured phase ends early";

  /** The context journeys of this plan share; a shard gets its slice of the accounts. */
  static JourneyContext context(LoadPlan plan, Instrument instrument) {
    return new JourneyContext(
        new TargetHttp(plan.target()),
        instrument,
        new TokenStore(),
        AccountPools.of(
            plan.target(),
            plan.suite().journeys().stream()
                .map(Suite.JourneyLoad::journey)
                .collect(java.util.stream.Collectors.toSet()),
            plan.shard()),
        plan.suite().client());
  }

  /**
   * The warm-up arrivals: this shard's part of the warm-up's planned arrivals, spread evenly (none
   * without a warm-up).
   */
  static List<OpenInjectionStep> warmupInjection(LoadPlan plan, String journey) {
    return plan.injections(journey).stream()
        .filter(i -> i.phase() == Phase.WARMUP)
        .map(LoadSimulation::step)
        .toList();
  }

  /**
   * The measured arrivals: nothing during the warm-up, then each measured stage's planned arrivals
   * (this shard's part), spread evenly over the stage. Counts rather than rates, so that the shards
   * of a run start exactly the users of the unsharded plan between them.
   */
  static List<OpenInjectionStep> measuredInjection(LoadPlan plan, String journey) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    for (LoadPlan.Injection injection : plan.injections(journey)) {
      steps.add(
          injection.phase() == Phase.WARMUP ? nothingFor(injection.duration()) : step(injection));
    }
    return steps;
  }

  private static OpenInjectionStep step(LoadPlan.Injection injection) {
    return injection.arrivals() == 0
        ? nothingFor(injection.duration())
        : rampUsers(Math.toIntExact(injection.arrivals())).during(injection.duration());
  }
}
