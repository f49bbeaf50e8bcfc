package dev.loadgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.loadgate.measure.Phase;
import dev.loadgate.simulations.recording.Instrument;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The side-by-side Gatling simulation. Per journey and phase, two populations inject the very same
 * open schedule (twice the suite's rate, evenly spaced, so their k-th users start at the same
 * moment), one with the baseline's protocol and context, one with the candidate's. Each counts its
 * own arrivals; the k-th user of each goes on only on the side {@link BlockAssignment} gives
 * arrival k, the other ends at once without a request. So every arrival of the one schedule runs
 * its journey on exactly one side.
 */
public class SideBySideSimulation extends Simulation {
  private static final AtomicReference<SideBySidePlan> CURRENT = new AtomicReference<>();
  private static final String SUFFIX_BASELINE = " [baseline]";
  private static final String SUFFIX_CANDIDATE = " [candidate]";

  public SideBySideSimulation() {
    this(current());
  }

  SideBySideSimulation(SideBySidePlan duet) {
    LoadPlan stream = duet.streamPlan();
    JourneyContext baseline =
        LoadSimulation.context(
            duet.plan(), new Instrument(duet.baselineSink(), LoadSimulation.REQUEST_TIMEOUT));
    JourneyContext candidate =
        LoadSimulation.context(
            duet.candidatePlan(),
            new Instrument(duet.candidateSink(), LoadSimulation.REQUEST_TIMEOUT));
    List<PopulationBuilder> populations = new ArrayList<>();
    for (Suite.JourneyLoad load : stream.suite().journeys()) {
      String name = load.journey();
      List<OpenInjectionStep> warmup = LoadSimulation.warmupInjection(stream, name);
      if (!warmup.isEmpty()) {
        populations.addAll(pair(duet, baseline, candidate, name, Phase.WARMUP, warmup));
      }
      populations.addAll(
          pair(
              duet,
              baseline,
              candidate,
              name,
              Phase.MEASURE,
              LoadSimulation.measuredInjection(stream, name)));
    }
    setUp(populations).maxDuration(stream.totalDuration().plus(LoadSimulation.DRAIN));
  }

  private static List<PopulationBuilder> pair(
      SideBySidePlan duet,
      JourneyContext baseline,
      JourneyContext candidate,
      String journeyName,
      Phase phase,
      List<OpenInjectionStep> injection) {
    BlockAssignment assignment = new BlockAssignment(duet.seed(), journeyName + "/" + phase.name());
    return List.of(
        side(baseline, journeyName, phase, injection, assignment, false, SUFFIX_BASELINE),
        side(candidate, journeyName, phase, injection, assignment, true, SUFFIX_CANDIDATE));
  }

  private static PopulationBuilder side(
      JourneyContext context,
      String journeyName,
      Phase phase,
      List<OpenInjectionStep> injection,
      BlockAssignment assignment,
      boolean candidateSide,
      String suffix) {
    Journey journey = JourneyCatalog.create(journeyName);
    List<String> unmet = journey.unmetRequirements(context);
    if (!unmet.isEmpty()) {
      throw new IllegalStateException(String.join(System.lineSeparator(), unmet));
    }
    AtomicLong arrivals = new AtomicLong();
    String mine = "loadgate_mine";
    HttpProtocolBuilder protocol = context.targetHttp().protocol();
    return scenario(Instrument.groupName(journeyName, phase) + suffix)
        .exec(
            session ->
                session.set(
                    mine, assignment.toCandidate(arrivals.getAndIncrement()) == candidateSide))
        .exec(
            doIf(session -> session.getBoolean(mine))
                .then(exec(context.instrument().begin(phase)).exec(journey.chain(context))))
        .injectOpen(injection)
        .protocols(protocol);
  }

  /** Installs the plan the next {@link SideBySideSimulation} runs. */
  static void install(SideBySidePlan plan) {
    CURRENT.set(plan);
  }

  static void clear() {
    CURRENT.set(null);
  }

  private static SideBySidePlan current() {
    SideBySidePlan plan = CURRENT.get();
    if (plan == null) {
      throw new IllegalStateException(
          "SideBySideSimulation: no plan installed (expected LoadRunner.runSideBySide to install"
              + " one). Run it through `loadgate compare`.");
    }
    return plan;
  }
}
