package dev.loadgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.baseline.CheckSpec;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loadgate run} end to end, in this JVM: the embedded target (PostgreSQL + reference app),
 * the smoke suite's journeys shortened to a 50 s measured phase, the real baselines. The whole
 * class takes about three minutes on two cores.
 */
class LoadgateRunIT {
  private static final String MEASURED = "50s";

  @TempDir Path reports;

  private static List<String> documentedCheckIds() {
    List<String> ids = new ArrayList<>();
    for (CheckSpec spec :
        BaselinesLoader.load(InProcessLoadgate.HOME.resolve("baselines/production.yaml"))
            .checks()) {
      ids.add(spec.id());
    }
    return ids;
  }

  private InProcessLoadgate.Result smoke(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--suites",
                InProcessLoadgate.IT_SUITES.toString(),
                "--suite",
                "smoke",
                "--duration",
                MEASURED,
                "--out",
                reports.toString()));
    args.addAll(List.of(extra));
    return InProcessLoadgate.run(Map.of(), args.toArray(String[]::new));
  }

  @Test
  void theEmbeddedSmokeRunPassesWithEveryDocumentedCheckInItsResults() throws Exception {
    InProcessLoadgate.Result run = smoke();

    assertThat(run.exitCode()).as("%s", run).isZero();
    List<String> ids = new ArrayList<>();
    run.results().path("checks").forEach(c -> ids.add(c.path("id").asText()));
    assertThat(ids).containsAll(documentedCheckIds());
    assertThat(run.results().path("complete").asBoolean()).isTrue();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("report: ").endsWith("/report.html");
    assertThat(run.runDir().resolve("report.html")).isRegularFile();
    assertThat(reports.resolve("index.html")).isRegularFile();
  }

  @Test
  void aSlowDownloadFailsTheGateWhileEveryOtherPathIsStillJudged() throws Exception {
    InProcessLoadgate.Result run = smoke("--inject", "download=+2500ms");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    JsonNode download = run.check("latency.download.p95");
    assertThat(download.path("status").asText()).isEqualTo("FAIL");
    assertThat(download.path("measured").asDouble()).isGreaterThan(2500);
    for (String id :
        List.of(
            "latency.auth.p95",
            "latency.letter_generation.p95",
            "latency.payment.p95",
            "latency.admin_dashboard.p95",
            "errors.all.rate",
            "errors.payment.rate",
            "errors.letter_generation.rate")) {
      assertThat(run.check(id).path("status").asText()).as(id).isIn("PASS", "WARN", "FAIL");
      assertThat(run.check(id).path("samples").asLong()).as(id).isPositive();
    }
    assertThat(run.out()).contains("FAIL latency.download.p95: required < 2 s");
  }

  @Test
  void anUnreachableTargetEndsIncompleteWithAClearMessage() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path accounts = reports.resolveSibling(reports.getFileName() + "-accounts.yaml");
    Files.writeString(
        accounts, "accounts:\n  - {email: sub-0001@loadgate.test, passwordEnv: LG_IT_PASSWORD}\n");
    InProcessLoadgate.Result run =
        InProcessLoadgate.run(
            Map.of("LG_IT_PASSWORD", "not-used"),
            "run",
            "--target",
            "http://127.0.0.1:" + closedPort,
            "--suite",
            "auth",
            "--accounts",
            accounts.toString(),
            "--out",
            reports.toString());

    assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
    assertThat(run.out())
        .contains(
            "preflight: the target is unreachable (expected an answer from GET http://127.0.0.1:"
                + closedPort
                + "/api/health, got: the connection was refused or timed out). Is it running, and"
                + " is --target right?")
        .contains("verdict: FAIL (exit 3): run incomplete");
    assertThat(run.results().path("complete").asBoolean()).isFalse();
  }

  @Test
  void aMalformedBaselinesFileExitsTwoBeforeAnyLoad() throws Exception {
    Path baselines = reports.resolveSibling(reports.getFileName() + "-bad.yaml");
    Files.writeString(
        baselines,
        "schema: loadgate.baselines/v1\npaths:\n  auth:\n    percentile: 95\n    below: fast\n");
    InProcessLoadgate.Result run =
        InProcessLoadgate.run(
            Map.of(), "run", "--baselines", baselines.toString(), "--out", reports.toString());

    assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
    assertThat(run.err()).contains(baselines.getFileName() + ":5:");
    assertThat(run.out()).doesNotContain("target:");
    assertThat(InProcessLoadgate.hasRunFolder(reports)).isFalse();
  }
}
