package dev.loadgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loadgate capacity} end to end against the embedded app with a known capacity limit: every
 * download passes one server that takes 1/8 s per request ({@code download=capacity:8/s}), so the
 * download p95 explodes once arrivals pass 8 per second. The knee must be found within one step (a
 * factor of 1.6) of that truth. About two and a half minutes on two cores; run it under the load
 * lock.
 */
class CapacityIT {
  private static final double TRUTH_PER_SEC = 8;
  private static final double STEP_FACTOR = 1.6;
  private static final Path SUITES =
      Path.of("src/test/resources/it/capacity-suites.yaml").toAbsolutePath();

  @TempDir Path reports;

  @Test
  void findsTheKneeOfAnInjectedCapacityLimitWithinOneStep() throws Exception {
    InProcessLoadgate.Result run =
        InProcessLoadgate.run(
            Map.of(),
            "capacity",
            "--suites",
            SUITES.toString(),
            "--mix",
            "downloads",
            "--start-rate",
            "4",
            "--step-factor",
            String.valueOf(STEP_FACTOR),
            "--max-rate",
            "20",
            "--inject",
            "download=capacity:" + (int) TRUTH_PER_SEC + "/s",
            "--out",
            reports.toString());

    assertThat(run.exitCode()).as("%s", run).isIn(0, 1);
    Path dir =
        run.out()
            .lines()
            .filter(l -> l.startsWith("report: "))
            .map(l -> Path.of(l.substring(8)).toAbsolutePath().getParent())
            .reduce((a, b) -> b)
            .orElseThrow();
    for (String file :
        new String[] {"capacity.html", "capacity.md", "capacity.json", "capacity-steps.csv"}) {
      assertThat(dir.resolve(file)).as(file).exists();
    }
    JsonNode json = new ObjectMapper().readTree(dir.resolve("capacity.json").toFile());
    assertThat(json.path("complete").asBoolean()).isTrue();
    JsonNode knee = json.path("staircases").get(0).path("knee");
    double held = knee.path("heldRatePerSec").asDouble();
    double broke = knee.path("brokeRatePerSec").asDouble();
    assertThat(held)
        .as("knee (held) %s/s against the truth %s/s", held, TRUTH_PER_SEC)
        .isBetween(TRUTH_PER_SEC / STEP_FACTOR, TRUTH_PER_SEC * STEP_FACTOR);
    assertThat(broke)
        .isGreaterThan(held)
        .isLessThanOrEqualTo(TRUTH_PER_SEC * STEP_FACTOR * STEP_FACTOR);
    assertThat(knee.path("firstFailure").path("check").asText()).isEqualTo("latency.download.p95");
    // The steps above the limit complete no more than the server's rate, whatever is offered.
    for (JsonNode step : json.path("staircases").get(0).path("steps")) {
      assertThat(step.path("achievedPerSec").asDouble())
          .as("step at %s/s", step.path("offeredRatePerSec").asDouble())
          .isLessThan(TRUTH_PER_SEC * 1.15);
    }
    double months = json.path("runway").path("months").asDouble();
    assertThat(run.exitCode()).isEqualTo(months >= 3 ? 0 : 1);
    assertThat(run.out()).contains("knee: ").contains("first to break: latency.download.p95");
    assertThat(Files.readString(dir.resolve("capacity-steps.csv")))
        .startsWith("concurrency,throughput\n");
  }
}
