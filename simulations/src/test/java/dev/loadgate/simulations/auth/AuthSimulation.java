package dev.loadgate.simulations.auth;

import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.SuiteSimulation;

/** The journey's own suite (see {@code baselines/suites.yaml}) for {@code mvn gatling:test}. */
public class AuthSimulation extends SuiteSimulation {
  public AuthSimulation() {
    super(Journeys.AUTH);
  }
}
