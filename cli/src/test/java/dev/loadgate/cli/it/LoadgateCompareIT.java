package dev.loadgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loadgate compare} end to end in this JVM: two embedded reference apps, each with its own
 * PostgreSQL, loaded side by side with the auth journey for 45 s measured; the candidate signs in
 * 40 ms slower. About 70 s on two cores.
 */
class LoadgateCompareIT {
  private static final Path SUITES =
      Path.of("src/test/resources/it/compare-suites.yaml").toAbsolutePath();

  @TempDir Path reports;

  @Test
  void aFortyMillisecondSlowerSignInRegressesAuthAndFailsTheComparison() throws Exception {
    InProcessLoadgate.Result run =
        InProcessLoadgate.run(
            Map.of(),
            "compare",
            "--suites",
            SUITES.toString(),
            "--suite",
            "auth",
            "--seed",
            "7",
            "--inject-candidate",
            "auth=+40ms",
            "--out",
            reports.toString());

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    Path dir = run.runDir();
    JsonNode results = new ObjectMapper().readTree(dir.resolve("compare.json").toFile());
    assertThat(results.path("schema").asText()).isEqualTo("loadgate.compare/v1");
    assertThat(results.path("seed").asLong()).isEqualTo(7);
    Map<String, JsonNode> checks = new HashMap<>();
    results.path("checks").forEach(c -> checks.put(c.path("id").asText(), c));
    JsonNode auth = checks.get("latency.auth.p95");
    assertThat(auth.path("change").asText()).as("%s", auth).isEqualTo("REGRESSED");
    // Both sides got their share of the one arrival schedule: blocks of two keep them level.
    assertThat(
            Math.abs(
                auth.path("baselineSamples").asLong() - auth.path("candidateSamples").asLong()))
        .isLessThanOrEqualTo(2);
    assertThat(auth.path("baselineSamples").asLong()).isGreaterThanOrEqualTo(72);
    assertThat(auth.path("shiftRatio").asDouble()).isGreaterThan(1.05);
    // The other paths did not run in this suite: NO_DATA, but not gated, so they do not fail.
    assertThat(checks.get("latency.download.p95").path("change").asText()).isEqualTo("NO_DATA");
    assertThat(checks.get("latency.download.p95").path("gated").asBoolean()).isFalse();
    assertThat(run.out())
        .contains("REGRESSED  latency.auth.p95")
        .contains("verdict: REGRESSED (exit 1)");
    for (String file :
        new String[] {
          "summary.md",
          "junit.xml",
          "report.html",
          "baseline/measurements.json",
          "candidate/measurements.json"
        }) {
      assertThat(dir.resolve(file)).isRegularFile();
    }
    assertThat(Files.readString(dir.resolve("junit.xml")))
        .contains("<failure message=\"REGRESSED: p95");
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("<polyline")
        .contains("candidate n=");
  }
}
