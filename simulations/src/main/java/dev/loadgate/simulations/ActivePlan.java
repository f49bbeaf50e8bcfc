package dev.loadgate.simulations;

import dev.loadgate.simulations.recording.SampleSink;
import io.gatling.javaapi.core.Assertion;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The plan handed to {@link LoadSimulation}, which Gatling instantiates by class name and so cannot
 * take constructor arguments: {@link LoadRunner} installs it here just before the run.
 *
 * @param plan what to run
 * @param sink where the samples go
 * @param assertions Gatling assertions to evaluate after the run (none when loadgate judges)
 */
public record ActivePlan(LoadPlan plan, SampleSink sink, List<Assertion> assertions) {
  private static final AtomicReference<ActivePlan> CURRENT = new AtomicReference<>();

  public ActivePlan {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(sink, "sink");
    assertions = List.copyOf(assertions);
  }

  /** Installs the plan the next {@link LoadSimulation} runs. */
  static void install(ActivePlan plan) {
    CURRENT.set(plan);
  }

  static void clear() {
    CURRENT.set(null);
  }

  /** The installed plan. */
  static ActivePlan current() {
    ActivePlan plan = CURRENT.get();
    if (plan == null) {
      throw new IllegalStateException(
          "LoadSimulation: no plan installed (expected LoadRunner.run to install one). Run it"
              + " through LoadRunner or `loadgate run`, or use SuiteSimulation with Maven.");
    }
    return plan;
  }
}
