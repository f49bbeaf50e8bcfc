package dev.loadgate.cli.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int loadgate(String... args) {
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  private Path csv(String... lines) throws Exception {
    Path file = dir.resolve("steps.csv");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  /** X(N) = 10N / (1 + 0.04(N−1) + 0.003N(N−1)) at N = 1, 2, 4, ... 48. */
  private Path uslSteps() throws Exception {
    List<String> lines = new ArrayList<>(List.of("concurrency,throughput"));
    for (int n : new int[] {1, 2, 4, 8, 12, 16, 24, 32, 48}) {
      double x = 10.0 * n / (1 + 0.04 * (n - 1) + 0.003 * n * (n - 1));
      lines.add(String.format(Locale.ROOT, "%d,%.6f", n, x));
    }
    return csv(lines.toArray(String[]::new));
  }

  @Test
  void fitJsonPrintsOneObjectWithTheSixKeys() throws Exception {
    int code = loadgate("capacity", "fit", uslSteps().toString(), "--json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("sigma", "kappa", "lambda", "r2", "peakConcurrency", "peakThroughput");
    assertThat(json.path("sigma").asDouble()).isBetween(0.0396, 0.0404);
    assertThat(json.path("kappa").asDouble()).isBetween(0.00297, 0.00303);
    assertThat(json.path("lambda").asDouble()).isBetween(9.9, 10.1);
    // N* = sqrt(0.96 / 0.003) = 17.89
    assertThat(json.path("peakConcurrency").asDouble()).isBetween(17.8, 18.0);
  }

  @Test
  void fitTextShowsEachCoefficientWithItsInterval() throws Exception {
    int code = loadgate("capacity", "fit", uslSteps().toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith("Universal Scalability Law fit of 9 points (R² 1.0000), 95 % intervals:")
        .contains("sigma (contention)")
        .contains("peak concurrency N*")
        .contains(" to ");
  }

  @Test
  void fitNamesTheBadLineAndExitsTwo() throws Exception {
    int code =
        loadgate(
            "capacity",
            "fit",
            csv("concurrency,throughput", "1,10", "2,abc", "4,35", "8,50").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("steps.csv:3: throughput is not a number (expected e.g. 12.5, got \"abc\").");
  }

  @Test
  void fitRefusesFewerThanFourRows() throws Exception {
    int code =
        loadgate("capacity", "fit", csv("concurrency,throughput", "1,10", "2,19").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("too few rows (expected at least 4");
  }

  @Test
  void fitOfPointsTheLawDoesNotDescribeIsRefusedWithExitOne() throws Exception {
    int code =
        loadgate(
            "capacity",
            "fit",
            csv("concurrency,throughput", "1,10", "2,40", "3,5", "4,45", "5,2", "6,50").toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("USL fit: the law does not describe these points");
  }

  @Test
  void badStaircaseOptionsAreListedTogetherAndNothingRuns() {
    int code =
        loadgate(
            "capacity",
            "--step-factor",
            "1",
            "--seed-scale",
            "0",
            "--mix",
            "prodution",
            "--baselines",
            Path.of("..", "baselines", "production.yaml").toString(),
            "--suites",
            Path.of("..", "baselines", "suites.yaml").toString(),
            "--out",
            dir.resolve("reports").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--step-factor: must be above 1 and at most 4 (expected e.g. 1.5, got 1.0).")
        .contains("--seed-scale: out of range (expected 1 to 100, got 0).")
        .contains("--mix: unknown mix \"prodution\"")
        .contains("Did you mean \"production\"?");
    assertThat(dir.resolve("reports")).doesNotExist();
  }

  @Test
  void aRemoteTargetMustBeAllowListed() {
    int code =
        loadgate(
            "capacity",
            "--target",
            "https://staging.example.com",
            "--baselines",
            Path.of("..", "baselines", "production.yaml").toString(),
            "--suites",
            Path.of("..", "baselines", "suites.yaml").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--target: staging.example.com is not on the allow-list");
  }
}
