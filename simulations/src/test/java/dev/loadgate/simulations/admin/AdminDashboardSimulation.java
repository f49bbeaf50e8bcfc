package dev.loadgate.simulations.admin;

import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.SuiteSimulation;

/** The journey's own suite (see {@code baselines/suites.yaml}) for {@code mvn gatling:test}. */
public class AdminDashboardSimulation extends SuiteSimulation {
  public AdminDashboardSimulation() {
    super(Journeys.ADMIN_DASHBOARD);
  }
}
