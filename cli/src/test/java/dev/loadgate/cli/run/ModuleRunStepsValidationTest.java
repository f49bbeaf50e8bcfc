package dev.loadgate.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loadgate.cli.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loadgate run}'s validation of the files, before anything starts; offline. */
class ModuleRunStepsValidationTest {
  private static final Path BASELINES = Path.of("../test-fixtures/baselines.yaml");
  private static final String SUITE =
      """
      schema: loadgate.suites/v1
      suites:
        quick:
          duration: 30s
          journeys: {auth: 2/s}
          GATED
          caps: {maxRate: 10/s, maxDuration: 2min}
      """;

  @TempDir Path dir;

  private RunRequest request(Path suites, List<String> allowUngated) {
    RunRequest base = Requests.embedded(dir, false);
    return new RunRequest(
        base.target(),
        base.authUrl(),
        "quick",
        BASELINES,
        suites,
        Optional.empty(),
        dir,
        Optional.empty(),
        1,
        List.of(),
        false,
        Optional.empty(),
        Optional.empty(),
        base.safety(),
        allowUngated);
  }

  private Path suites(String gated) throws IOException {
    return Files.writeString(dir.resolve("suites.yaml"), SUITE.replace("GATED", gated));
  }

  private List<String> problems(RunRequest request) {
    BadInputException e =
        catchThrowableOfType(
            BadInputException.class, () -> new ModuleRunSteps(Map.of()).validate(request));
    assertThat(e).as("expected the run to be refused").isNotNull();
    return e.problems();
  }

  @Test
  void anEmptyGatedListIsRefusedBeforeAnythingStarts() throws IOException {
    Path suites = suites("gated: []");

    assertThat(problems(request(suites, List.of())))
        .containsExactly(
            suites
                + ":6:12: suites.quick.gated must name at least one check (expected a check id"
                + " or glob such as \"latency.auth.*\", got an empty list). A suite that gates"
                + " nothing can never fail; leave gated out to gate every check.");
  }

  @Test
  void aCheckNoPatternCoversIsRefusedUnlessAllowedUngated() throws IOException {
    Path suites = suites("gated: [\"latency.*\", \"errors.*\", \"email.*\"]");

    assertThat(problems(request(suites, List.of())))
        .hasSize(4)
        .allSatisfy(p -> assertThat(p).contains("is gated by no pattern"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("suite quick: check \"db.query.mean\" of")
                    .endsWith(
                        "Gate it, or pass --allow-ungated db.query.mean to leave it out on"
                            + " purpose."));

    RunPlan plan = new ModuleRunSteps(Map.of()).validate(request(suites, List.of("db.*")));
    assertThat(plan.suite()).isEqualTo("quick");
    assertThat(plan.evaluation().isGated("db.query.mean")).isFalse();
    assertThat(plan.evaluation().isGated("latency.auth.p95")).isTrue();
  }

  @Test
  void thePlanIsBuiltOnceWithEverythingLaterStepsNeed() throws IOException {
    Path suites = suites("ungated: [\"*\"]\n    gated: [\"latency.auth.*\"]");

    RunPlan plan = new ModuleRunSteps(Map.of()).validate(request(suites, List.of()));

    assertThat(plan.baselines().check("latency.auth.p95")).isPresent();
    assertThat(plan.warmup()).isZero();
    assertThat(plan.measure()).hasSeconds(30);
    assertThat(plan.load().arrivalRatePerSec("auth")).isEqualTo(2.0);
    assertThat(plan.externalTarget()).isEmpty();
    assertThat(plan.suiteSpec().jmh().key()).isEqualTo("smoke");
  }
}
