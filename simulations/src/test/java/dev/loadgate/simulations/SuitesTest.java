package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.baseline.Baselines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuitesTest {
  private static final Path SUITES = Path.of("..", "test-fixtures", "suites.yaml");
  private static final Baselines BASELINES = ItSuites.baselines();

  private static final String VALID =
      """
      schema: loadgate.suites/v1
      suites:
        quick:
          warmup: 5s
          duration: 30s
          journeys: {auth: 2/s, download: 30/min}
          caps: {maxRate: 10/s, maxDuration: 2min}
      """;

  @Test
  void projectSuitesFileDefinesSmokePreReleaseAndOneSuitePerJourney() {
    Map<String, Suite> suites = Suites.load(SUITES, BASELINES);

    assertThat(suites).containsKeys("smoke", "pre-release");
    assertThat(suites).containsKeys(Journeys.ALL.toArray(String[]::new));
    Suite smoke = suites.get("smoke");
    assertThat(smoke.journeys())
        .extracting(Suite.JourneyLoad::journey)
        .containsExactlyInAnyOrderElementsOf(Journeys.ALL);
    assertThat(smoke.warmup().plus(smoke.measuredDuration()))
        .isLessThanOrEqualTo(Duration.ofMinutes(3));
    assertThat(smoke.gates("latency.download.p95")).isTrue();
    assertThat(suites.get("pre-release").soak()).isPresent();
    assertThat(suites.get("auth").gates("latency.payment.p95")).isFalse();
    assertThat(suites.get("auth").gates("latency.auth.p95")).isTrue();
  }

  @Test
  void parsesRatesDurationsAndDefaultsGatingToEverything() {
    Suite quick = Suites.parse("s.yaml", VALID, BASELINES).get("quick");

    assertThat(quick.arrivalRatePerSec("download")).contains(0.5);
    assertThat(quick.totalArrivalRatePerSec()).isEqualTo(2.5);
    assertThat(quick.mix()).containsEntry("auth", 0.8);
    assertThat(quick.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(quick.gatedChecks()).containsExactly("*");
    assertThat(quick.client()).isEqualTo(Suite.ClientBehaviour.DEFAULT);
  }

  @Test
  void reportsEveryProblemWithLineColumnAndHint() {
    String yaml =
        """
        schema: loadgate.suites/v1
        suites:
          quick:
            warmup: 5 seconds
            duration: 30s
            journeys: {atuh: 2/s, download: fast}
            gated: ["latency.atuh.p95"]
            caps: {maxRate: 10/s, maxDuration: 2min}
            duraton: 10s
        """;

    assertThatThrownBy(() -> Suites.parse("s.yaml", yaml, BASELINES))
        .isInstanceOfSatisfying(
            SuiteException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "s.yaml:4:13: suites.quick.warmup must be a duration with a unit (ms, s,"
                            + " min, h) such as \"15s\" (got \"5 seconds\")",
                        "s.yaml:6:16: unknown journey \"atuh\"; did you mean \"auth\"? (expected"
                            + " one of auth, letter_generation, payment, admin_dashboard,"
                            + " download, email)",
                        "s.yaml:6:37: suites.quick.journeys.download must be an arrival rate"
                            + " above zero such as \"2/s\" or \"30/min\" (got \"fast\")",
                        "s.yaml:7:13: suites.quick.gated pattern \"latency.atuh.p95\" matches no"
                            + " check; did you mean \"latency.auth.p95\"? (expected a check id or"
                            + " glob such as \"latency.auth.*\")",
                        "s.yaml:9:5: unknown key \"suites.quick.duraton\"; did you mean"
                            + " \"duration\"? (expected one of caps, description, duration,"
                            + " gated, jmh, journeys, soak, ungated, warmup)"));
  }

  @Test
  void rejectsMissingCapsAndWrongSchema() {
    String yaml =
        """
        schema: loadgate.suites/v2
        suites:
          quick:
            duration: 30s
            journeys: {auth: 2/s}
        """;

    assertThatThrownBy(() -> Suites.parse("s.yaml", yaml, BASELINES))
        .isInstanceOf(SuiteException.class)
        .hasMessageContaining(
            "s.yaml:1:9: schema must be \"loadgate.suites/v1\" (got \"loadgate.suites/v2\")")
        .hasMessageContaining("suites.quick.caps is missing (expected maxRate and maxDuration");
  }

  @Test
  void reportsDuplicateKeys() {
    String yaml = VALID + "  quick:\n    duration: 1s\n";

    assertThatThrownBy(() -> Suites.parse("s.yaml", yaml, BASELINES))
        .hasMessageContaining(
            "s.yaml:8:3: duplicate key \"quick\" in suites (expected each key once, first at"
                + " line 3)");
  }

  @Test
  void reportsInvalidYamlWithPosition() {
    assertThatThrownBy(() -> Suites.parse("s.yaml", "suites: [unclosed\n", BASELINES))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith("s.yaml:")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void unknownSuiteNameSuggestsTheClosest() {
    Map<String, Suite> suites = Suites.parse("s.yaml", VALID, BASELINES);

    assertThatThrownBy(() -> Suites.named(suites, "quik"))
        .hasMessage("unknown suite \"quik\"; did you mean \"quick\"? (expected one of quick)");
  }

  @Test
  void missingFileSaysWhatToDo() {
    assertThatThrownBy(() -> Suites.load(Path.of("no-such-dir", "suites.yaml"), BASELINES))
        .hasMessageContaining("the suites file does not exist. Pass --suites FILE");
  }

  @Test
  void anEmptyGatedListIsBadInput() {
    String yaml = VALID.replace("    caps:", "    gated: []\n    caps:");

    assertThatThrownBy(() -> Suites.parse("s.yaml", yaml, BASELINES))
        .isInstanceOfSatisfying(
            SuiteException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "s.yaml:7:12: suites.quick.gated must name at least one check (expected a"
                            + " check id or glob such as \"latency.auth.*\", got an empty list). A"
                            + " suite that gates nothing can never fail; leave gated out to gate"
                            + " every check."));
  }

  @Test
  void anUngatedPatternMustMatchACheckToo() {
    String yaml =
        VALID.replace(
            "    caps:", "    gated: [\"latency.*\"]\n    ungated: [\"eror.*\"]\n    caps:");

    assertThatThrownBy(() -> Suites.parse("s.yaml", yaml, BASELINES))
        .hasMessage(
            "s.yaml:8:15: suites.quick.ungated pattern \"eror.*\" matches no check; did you mean"
                + " \"errors.*\"? (expected a check id or glob such as \"latency.auth.*\")");
  }

  @Test
  void aCheckNoPatternCoversIsBadInputUnlessAllowedByName() {
    String yaml = VALID.replace("    caps:", "    gated: [\"latency.*\"]\n    caps:");
    Suite quick = Suites.parse("s.yaml", yaml, BASELINES).get("quick");

    List<String> problems = Suites.coverageProblems(quick, BASELINES, List.of("db.*", "email.*"));

    assertThat(problems)
        .containsExactly(
            "suite quick: check \"errors.all.rate\" of ../test-fixtures/baselines.yaml is gated by"
                + " no pattern (expected every check gated, or listed in the suite's ungated"
                + " patterns, got gated [latency.*]). Gate it, or pass --allow-ungated"
                + " errors.all.rate to leave it out on purpose.",
            "suite quick: check \"errors.payment.rate\" of ../test-fixtures/baselines.yaml is gated"
                + " by no pattern (expected every check gated, or listed in the suite's ungated"
                + " patterns, got gated [latency.*]). Gate it, or pass --allow-ungated"
                + " errors.payment.rate to leave it out on purpose.",
            "suite quick: check \"errors.letter_generation.rate\" of"
                + " ../test-fixtures/baselines.yaml is gated by no pattern (expected every check"
                + " gated, or listed in the suite's ungated patterns, got gated [latency.*]). Gate"
                + " it, or pass --allow-ungated errors.letter_generation.rate to leave it out on"
                + " purpose.");
    assertThat(Suites.coverageProblems(quick, BASELINES, List.of("db.*", "email.*", "errors.*")))
        .isEmpty();
  }

  @Test
  void aRenamedCheckIsCaughtWithTheClosestPattern() {
    String yaml =
        VALID.replace("    caps:", "    gated: [\"latency.auth.p90\", \"errors.*\"]\n    caps:");

    assertThatThrownBy(() -> Suites.parse("s.yaml", yaml, BASELINES))
        .hasMessage(
            "s.yaml:7:13: suites.quick.gated pattern \"latency.auth.p90\" matches no check; did"
                + " you mean \"latency.auth.p95\"? (expected a check id or glob such as"
                + " \"latency.auth.*\")");
  }

  @Test
  void aSuiteDurationTakesTheSameGrammarAsTheCommandLine() {
    Suite quick =
        Suites.parse("s.yaml", VALID.replace("duration: 30s", "duration: 5m"), BASELINES)
            .get("quick");

    assertThat(quick.duration()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aDurationBeyondTheRangeSaysTheRule() {
    assertThatThrownBy(
            () ->
                Suites.parse(
                    "s.yaml",
                    VALID.replace("duration: 30s", "duration: 99999999999999h"),
                    BASELINES))
        .hasMessageContaining(
            "s.yaml:5:15: suites.quick.duration: a duration must be at most 30 days (expected e.g."
                + " \"2h\", got \"99999999999999h\")");
  }
}
