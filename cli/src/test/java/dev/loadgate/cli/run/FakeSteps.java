package dev.loadgate.cli.run;

import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.cli.BadInputException;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.simulations.LoadPlan;
import dev.loadgate.simulations.Suite;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Steps that record what was called and do what a test tells them. */
final class FakeSteps implements RunSteps {
  final List<String> calls = new CopyOnWriteArrayList<>();
  List<String> validationProblems = List.of();
  RuntimeException validationFailure;
  RuntimeException preflightFailure;
  Function<Recording, LoadResult> load =
      recording -> {
        for (int i = 0; i < 20; i++) {
          recording.record(
              SeriesKey.group(Phase.MEASURE, "auth"), 1_000_000L * (i + 1), Outcome.OK);
        }
        return LoadResult.done();
      };
  Status checkStatus = Status.PASS;
  boolean withDatabase = true;
  volatile RunResult written;
  volatile RunResult begun;
  RuntimeException writeFailure;
  volatile Measurements judged;
  volatile boolean targetClosed;

  @Override
  public RunPlan validate(RunRequest request) {
    calls.add("validate");
    if (validationFailure != null) {
      throw validationFailure;
    }
    if (!validationProblems.isEmpty()) {
      throw new BadInputException(validationProblems);
    }
    return plan(request);
  }

  /** A plan of {@code request}: 1 s warm-up, 2 s measured, against the fixture baselines. */
  static RunPlan plan(RunRequest request) {
    Suite suite =
        new Suite(
            request.suite(),
            "",
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Optional.empty(),
            List.of(new Suite.JourneyLoad("auth", 1)),
            List.of("*"),
            new Suite.Caps(10, Duration.ofMinutes(1)),
            Suite.ClientBehaviour.DEFAULT);
    LoadPlan load =
        new LoadPlan(
            TargetProfile.builder(URI.create("http://127.0.0.1:9")).build(),
            suite,
            Optional.empty(),
            1,
            request.reportsRoot(),
            false);
    return new RunPlan(
        request,
        BaselinesLoader.load(Path.of("../test-fixtures/baselines.yaml")),
        load,
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  @Override
  public Target startTarget(RunPlan plan) {
    calls.add("startTarget");
    TargetProfile profile = TargetProfile.builder(URI.create("http://127.0.0.1:9")).build();
    return new Target() {
      @Override
      public TargetProfile profile() {
        return profile;
      }

      @Override
      public Optional<Secret> jdbcUrl() {
        return withDatabase
            ? Optional.of(Secret.of("jdbc:postgresql://127.0.0.1/x"))
            : Optional.empty();
      }

      @Override
      public String description() {
        return "fake target";
      }

      @Override
      public void close() {
        calls.add("closeTarget");
        targetClosed = true;
      }
    };
  }

  @Override
  public List<String> preflight(Target target) {
    calls.add("preflight");
    if (preflightFailure != null) {
      throw preflightFailure;
    }
    return List.of("preflight note");
  }

  @Override
  public LoadResult load(RunPlan plan, Target target, Recording recording) {
    calls.add("load");
    return load.apply(recording);
  }

  @Override
  public ProbeSession startDatabaseProbe(Target target) {
    calls.add("startDatabaseProbe");
    return () -> {
      calls.add("stopDatabaseProbe");
      return List.of(new Figure("db.query.mean", 3.5, "ms", 40, "db-probe", "", List.of()));
    };
  }

  @Override
  public List<Figure> emailFigures(Target target, Instant since) {
    calls.add("emailFigures");
    return List.of(new Figure("email.success.rate", 100, "%", 12, "email-probe", "", List.of()));
  }

  @Override
  public List<Figure> benchmarks(RunPlan plan, Target target) {
    calls.add("benchmarks");
    return List.of(new Figure("service.auth.p95", 4, "ms", 100, "jmh", "", List.of()));
  }

  @Override
  public List<Check> judge(RunPlan plan, Measurements measurements) {
    calls.add("judge");
    judged = measurements;
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            "latency.auth.p95",
            "Authentication p95",
            checkStatus,
            true,
            19,
            "<",
            500,
            "ms",
            measurements.series().values().stream().mapToLong(s -> s.sampleCount()).sum(),
            null,
            null,
            "required < 500 ms, actual 19 ms",
            "Performance Baselines"));
    return checks;
  }

  @Override
  public Environment environment(RunPlan plan) {
    return new Environment("17", 2, 1L << 30, "Linux", "abc", "embedded", plan.suite(), Map.of());
  }

  @Override
  public Optional<Path> beginRunFolder(RunPlan plan, RunResult started) {
    begun = started;
    return Optional.of(Path.of("build-reports").resolve(started.metadata().runId()));
  }

  @Override
  public Path finishRunFolder(RunPlan plan, Path runFolder, RunResult result) {
    return writeReports(plan, result);
  }

  @Override
  public Path writeReports(RunPlan plan, RunResult result) {
    calls.add("writeReports");
    if (writeFailure != null) {
      throw writeFailure;
    }
    written = result;
    return plan.request().reportsRoot().resolve(result.metadata().runId());
  }
}
