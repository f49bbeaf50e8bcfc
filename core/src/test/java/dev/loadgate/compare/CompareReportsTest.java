package dev.loadgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.baseline.Source;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareReportsTest {
  @TempDir Path reports;

  private static Measurements auth(long seed, double medianMillis) {
    Random random = new Random(seed);
    Recording recording = Recording.manual(new AtomicLong(1_700_000_000_000L)::get);
    for (int i = 0; i < 150; i++) {
      long nanos = Math.round(medianMillis * 1e6 * Math.exp(0.3 * random.nextGaussian()));
      recording.record(SeriesKey.group(Phase.MEASURE, "auth"), nanos, Outcome.OK);
    }
    return recording.finish();
  }

  private static CompareResult result(boolean complete) {
    Measurements a = auth(1, 80);
    Measurements b = auth(2, 120);
    List<ComparedSeries> series =
        List.of(
            new ComparedSeries(
                "latency.auth.p95",
                "Authentication p95",
                true,
                CompareChecks.merged(new Source.Group("auth"), a),
                CompareChecks.merged(new Source.Group("auth"), b)),
            new ComparedSeries(
                "latency.download.p95",
                "Download p95",
                true,
                CompareChecks.merged(new Source.Group("download"), a),
                CompareChecks.merged(new Source.Group("download"), b)));
    return new CompareResult(
        "20261202T150000Z-compare-smoke",
        Instant.parse("2026-12-02T15:00:00Z"),
        Instant.parse("2026-12-02T15:02:00Z"),
        null,
        "embedded",
        "embedded [auth=+40ms]",
        11,
        CompareOptions.DEFAULT,
        complete,
        complete ? null : "interrupted by a signal (Ctrl-C or SIGTERM)",
        complete ? SideBySide.compare(series, CompareOptions.DEFAULT) : List.of(),
        a,
        b,
        List.of());
  }

  @Test
  void writesEveryFormatWithTheRegressionAndTheMissingPathFailing() throws Exception {
    CompareResult result = result(true);
    Path dir =
        CompareReports.write(
            reports,
            result,
            Map.of(
                "latency.auth.p95", new Source.Group("auth"),
                "latency.download.p95", new Source.Group("download")));

    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("compare.json").toFile());
    assertThat(json.path("schema").asText()).isEqualTo("loadgate.compare/v1");
    assertThat(json.path("exitCode").asInt()).isEqualTo(1);
    assertThat(json.path("checks").get(0).path("change").asText()).isEqualTo("REGRESSED");
    assertThat(json.path("checks").get(1).path("change").asText()).isEqualTo("NO_DATA");
    assertThat(json.path("checks").get(1).path("p95Ratio").isNull()).isTrue();
    assertThat(json.path("verdict").asText())
        .isEqualTo("REGRESSED (exit 1): 1 of 2 gated checks regressed, 1 had too few samples");

    String junit = Files.readString(dir.resolve("junit.xml"));
    assertThat(junit).contains("tests=\"2\" failures=\"2\"").contains("type=\"REGRESSED\"");
    assertThat(Files.readString(dir.resolve("summary.md")))
        .startsWith("# loadgate compare: REGRESSED (exit 1)")
        .contains("| REGRESSED | `latency.auth.p95` |");
    String html = Files.readString(dir.resolve("report.html"));
    // One chart per check with data source, both sides' curves on it.
    assertThat(html.split("<polyline", -1)).hasSize(3);
    assertThat(html).contains("baseline n=150").contains("candidate n=150");
    assertThat(dir.resolve("baseline/measurements.json")).isRegularFile();
    assertThat(dir.resolve("candidate/measurements.json")).isRegularFile();
  }

  @Test
  void anIncompleteComparisonIsExitThreeAndAFailingCase() throws Exception {
    CompareResult result = result(false);
    Path dir = CompareReports.write(reports, result, Map.of());
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.verdictLine())
        .isEqualTo("INCOMPLETE (exit 3): interrupted by a signal (Ctrl-C or SIGTERM)");
    assertThat(Files.readString(dir.resolve("junit.xml")))
        .contains("name=\"compare.complete\"")
        .contains("comparison incomplete: interrupted by a signal");
  }
}
