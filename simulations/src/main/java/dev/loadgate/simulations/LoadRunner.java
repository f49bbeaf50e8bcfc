package dev.loadgate.simulations;

import dev.loadgate.measure.Recording;
import dev.loadgate.simulations.recording.Instrument;
import dev.loadgate.simulations.recording.SampleSink;
import io.gatling.javaapi.core.Assertion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a {@link LoadPlan} with Gatling inside this JVM. One run at a time per JVM: the plan reaches
 * the simulation through a static holder.
 *
 * <p>The JVM needs the flags of {@code jvm.options} at the checkout's root, a java argument file
 * ({@code java @jvm.options}) that the launcher, the poms and the tests all pass.
 */
public final class LoadRunner {
  private static final Object ONE_RUN_AT_A_TIME = new Object();

  private LoadRunner() {}

  /**
   * Everything that stops the plan from running, each a complete message: caps exceeded (unless the
   * plan overrides them), journeys whose accounts or secrets are missing, synthetic payments
   * against a live Stripe key. Empty when the plan can run. Sends nothing to the target.
   */
  public static List<String> problems(LoadPlan plan) {
    List<String> problems = new ArrayList<>();
    if (!plan.overrideCaps()) {
      problems.addAll(plan.capViolations());
    }
    JourneyContext context =
        LoadSimulation.context(
            plan, new Instrument(SampleSink.NONE, LoadSimulation.REQUEST_TIMEOUT));
    for (Suite.JourneyLoad load : plan.suite().journeys()) {
      problems.addAll(JourneyCatalog.create(load.journey()).unmetRequirements(context));
    }
    return List.copyOf(problems);
  }

  /**
   * Runs the plan and blocks until Gatling is done. Every request and journey sample goes into
   * {@code recording} (phase WARMUP or MEASURE); call {@link Recording#snapshot()} or {@link
   * Recording#totalSamples()} from another thread for progress. The recording is not finished here.
   */
  public static LoadOutcome run(LoadPlan plan, Recording recording) {
    return run(plan, SampleSink.into(recording), List.of());
  }

  /** Runs the plan into any sink, with Gatling assertions evaluated after the run. */
  public static LoadOutcome run(LoadPlan plan, SampleSink sink, List<Assertion> assertions) {
    List<String> problems = problems(plan);
    if (!problems.isEmpty()) {
      return LoadOutcome.refused(String.join(System.lineSeparator(), problems));
    }
    return gatling(
        plan,
        LoadSimulation.class,
        () -> ActivePlan.install(new ActivePlan(plan, sink, assertions)),
        ActivePlan::clear);
  }

  /**
   * Runs a side-by-side plan ({@link SideBySidePlan}) and blocks until Gatling is done: one arrival
   * schedule, each arrival to the baseline or the candidate. Refuses when either side's plan has a
   * problem ({@link #problems}).
   */
  public static LoadOutcome runSideBySide(SideBySidePlan duet) {
    List<String> problems = new ArrayList<>(problems(duet.plan()));
    problems.addAll(problems(duet.candidatePlan()).stream().map(p -> "candidate: " + p).toList());
    if (!problems.isEmpty()) {
      return LoadOutcome.refused(String.join(System.lineSeparator(), problems));
    }
    return gatling(
        duet.plan(),
        SideBySideSimulation.class,
        () -> SideBySideSimulation.install(duet),
        SideBySideSimulation::clear);
  }

  private static LoadOutcome gatling(
      LoadPlan plan, Class<?> simulation, Runnable install, Runnable clear) {
    synchronized (ONE_RUN_AT_A_TIME) {
      Path resultsDir = plan.gatlingResultsDir().toAbsolutePath();
      Set<Path> before;
      try {
        Files.createDirectories(resultsDir);
        before = children(resultsDir);
      } catch (IOException | UncheckedIOException e) {
        return LoadOutcome.refused(
            resultsDir
                + ": cannot create Gatling's results folder ("
                + e.getMessage()
                + "). Pass a writable --out folder.");
      }
      install.run();
      try {
        int exit =
            io.gatling.app.Gatling$.MODULE$.fromArgs(
                gatlingArgs(plan, resultsDir, simulation.getName()));
        Optional<Path> report = newest(children(resultsDir), before);
        return new LoadOutcome(true, exit, report, "");
      } catch (RuntimeException | Error e) {
        Optional<Path> report = newest(children(resultsDir), before);
        return new LoadOutcome(
            false, -1, report, "load: Gatling stopped early (" + rootMessage(e) + ")");
      } finally {
        clear.run();
      }
    }
  }

  static String[] gatlingArgs(LoadPlan plan, Path resultsDir) {
    return gatlingArgs(plan, resultsDir, LoadSimulation.class.getName());
  }

  private static String[] gatlingArgs(LoadPlan plan, Path resultsDir, String simulation) {
    List<String> args = new ArrayList<>();
    args.add("--simulation");
    args.add(simulation);
    args.add("--results-folder");
    args.add(resultsDir.toString());
    args.add("--run-description");
    args.add("loadgate suite " + plan.suite().name());
    if (!plan.gatlingHtmlReport()) {
      args.add("--no-reports");
    }
    return args.toArray(String[]::new);
  }

  private static Set<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).collect(Collectors.toSet());
    } catch (IOException e) {
      return Set.of();
    }
  }

  private static Optional<Path> newest(Set<Path> after, Set<Path> before) {
    return after.stream()
        .filter(p -> !before.contains(p))
        .max(Comparator.comparing(p -> p.getFileName().toString()));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
