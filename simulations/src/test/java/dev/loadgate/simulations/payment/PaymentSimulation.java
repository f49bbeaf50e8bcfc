package dev.loadgate.simulations.payment;

import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.SuiteSimulation;

/** The journey's own suite (see {@code baselines/suites.yaml}) for {@code mvn gatling:test}. */
public class PaymentSimulation extends SuiteSimulation {
  public PaymentSimulation() {
    super(Journeys.PAYMENT);
  }
}
