package dev.loadgate.simulations.email;

import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.SuiteSimulation;

/** The journey's own suite (see {@code baselines/suites.yaml}) for {@code mvn gatling:test}. */
public class EmailSimulation extends SuiteSimulation {
  public EmailSimulation() {
    super(Journeys.EMAIL);
  }
}
