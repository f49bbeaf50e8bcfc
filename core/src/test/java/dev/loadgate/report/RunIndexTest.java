package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import dev.loadgate.verdict.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIndexTest {
  @Test
  void listsRunsNewestFirstWithVerdictAndLink(@TempDir Path root) throws Exception {
    RunReports.write(root, run("20261127T080000Z-smoke", ReportFixtures.checks()));
    RunReports.write(
        root, run("20261129T080000Z-smoke", List.of(CheckTextTest.byId("errors.all.rate"))));
    RunReports.write(root, run("20261128T080000Z-smoke", ReportFixtures.checks()));
    assertThat(RunIndex.entries(root).stream().map(RunIndex.Entry::runId))
        .containsExactly(
            "20261129T080000Z-smoke", "20261128T080000Z-smoke", "20261127T080000Z-smoke");
    String html = Files.readString(root.resolve("index.html"));
    assertThat(html)
        .contains("<a href=\"20261129T080000Z-smoke/report.html\">20261129T080000Z-smoke</a>")
        .contains(">PASS</span>")
        .contains(">FAIL</span>")
        .contains("3 runs, newest first.");
    assertThat(html.indexOf("20261129T080000Z-smoke/report.html"))
        .isLessThan(html.indexOf("20261127T080000Z-smoke/report.html"));
  }

  @Test
  void drawsAP95TrendPerPathOldestFirst(@TempDir Path root) throws Exception {
    RunReports.write(root, run("20261127T080000Z-smoke", ReportFixtures.checks()));
    RunReports.write(root, run("20261128T080000Z-smoke", ReportFixtures.checks()));
    String html = Files.readString(root.resolve("index.html"));
    assertThat(html)
        .contains("aria-label=\"p95 trend, auth\"")
        .contains("aria-label=\"p95 trend, letter_generation\"")
        .contains("<title>20261127T080000Z-smoke: 612 ms</title>")
        .contains("limit 500 ms");
    assertThat(html.indexOf("20261127T080000Z-smoke: 612 ms"))
        .isLessThan(html.indexOf("20261128T080000Z-smoke: 612 ms"));
  }

  @Test
  void listsUnreadableFoldersInsteadOfHidingThem(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("20261129T080000Z-broken"));
    Files.writeString(root.resolve("20261129T080000Z-broken/results.json"), "{oops");
    Files.createDirectories(root.resolve(".20261129T090000Z-smoke.partial"));
    RunIndex.write(root);
    String html = Files.readString(root.resolve("index.html"));
    assertThat(html).contains("UNREADABLE").contains("not valid JSON").doesNotContain(".partial");
  }

  private static RunResult run(String runId, List<Check> checks) {
    Instant started = RunIdsFixture.instant(runId);
    return new RunResult(
        new RunMetadata(
            runId,
            started,
            started.plusSeconds(60),
            ReportFixtures.environment(),
            "baselines/production.yaml",
            null),
        true,
        "",
        checks,
        Measurements.EMPTY,
        List.of());
  }

  /** Parses the timestamp of a fixture run id. */
  static final class RunIdsFixture {
    static Instant instant(String runId) {
      String s = runId.substring(0, 16);
      return Instant.parse(
          s.substring(0, 4)
              + "-"
              + s.substring(4, 6)
              + "-"
              + s.substring(6, 8)
              + "T"
              + s.substring(9, 11)
              + ":"
              + s.substring(11, 13)
              + ":"
              + s.substring(13, 15)
              + "Z");
    }
  }
}
