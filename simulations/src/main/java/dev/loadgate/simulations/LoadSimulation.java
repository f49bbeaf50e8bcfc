package dev.loadgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
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
   * The warm-up arrivals: the full rate for the suite's warm-up (none without one). Gatling counts
   * whole seconds of a stage, so stages are rounded up to whole seconds.
   */
  static List<OpenInjectionStep> warmupInjection(LoadPlan plan, String journey) {
    Duration warmup = wholeSeconds(plan.suite().warmup());
    return warmup.isZero()
        ? List.of()
        : List.of(constantUsersPerSec(plan.arrivalRatePerSec(journey)).during(warmup));
  }

  /** The measured arrivals: nothing during the warm-up, then each measured stage at its share. */
  static List<OpenInjectionStep> measuredInjection(LoadPlan plan, String journey) {
    double rate = plan.arrivalRatePerSec(journey);
    List<OpenInjectionStep> steps = new ArrayList<>();
    Duration warmup = wholeSeconds(plan.suite().warmup());
    if (!warmup.isZero()) {
      steps.add(nothingFor(warmup));
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
