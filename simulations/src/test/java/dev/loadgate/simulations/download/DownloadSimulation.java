package dev.loadgate.simulations.download;

import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.SuiteSimulation;

/** The journey's own suite (see {@code baselines/suites.yaml}) for {@code mvn gatling:test}. */
public class DownloadSimulation extends SuiteSimulation {
  public DownloadSimulation() {
    super(Journeys.DOWNLOAD);
  }
}
