package dev.loadgate.simulations.lettergeneration;

import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.SuiteSimulation;

/** The journey's own suite (see {@code baselines/suites.yaml}) for {@code mvn gatling:test}. */
public class LetterGenerationSimulation extends SuiteSimulation {
  public LetterGenerationSimulation() {
    super(Journeys.LETTER_GENERATION);
  }
}
