package dev.loadgate.simulations;

/**
 * The suite named by {@code -Dloadgate.suite} (default {@code smoke}) as a Gatling simulation, for
 * {@code mvn gatling:test}. Gatling assertions from {@code baselines/production.yaml} make the
 * build fail on a breached p95 or error budget.
 */
public class SuiteSimulation extends LoadSimulation {
  public SuiteSimulation() {
    this("smoke");
  }

  protected SuiteSimulation(String defaultSuite) {
    super(MavenRun.start(defaultSuite));
  }

  @Override
  public void after() {
    MavenRun.stop();
  }
}
