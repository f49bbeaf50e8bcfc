package dev.loadgate.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.report.ResultsReader;
import dev.loadgate.report.RunMetadata;
import dev.loadgate.report.RunReports;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.verdict.AcceptedRuns;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GateCommandTest {
  private static final Path BASELINES = Path.of("..", "test-fixtures", "baselines.yaml");
  private static final Instant STARTED = Instant.parse("2026-11-29T07:15:02Z");
  private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
  private static final String[] PATHS = {
    "auth", "letter_generation", "payment", "admin_dashboard", "download"
  };

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void passingMeasurementsExitZeroAndLandInANewFolder(@TempDir Path reports) throws Exception {
    Path run = writeRun(reports, measurements(100), true, List.of());
    String before = Files.readString(run.resolve("results.json"));
    int code = gate(run.toString(), "--baselines", BASELINES.toString(), "--gate", "latency.*");
    assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
    Path written = reports.resolve("20261129T080000Z-smoke-gate");
    assertThat(written.resolve("report.html")).exists();
    assertThat(folders(reports))
        .containsExactly("20261129T071502Z-smoke", "20261129T080000Z-smoke-gate");
    assertThat(run.resolve("results.json")).hasContent(before);
    RunResult result = ResultsReader.read(written);
    assertThat(result.verdict()).isNotEqualTo(Status.FAIL);
    assertThat(result.checks())
        .filteredOn(c -> c.id().startsWith("latency."))
        .extracting(Check::status)
        .containsOnly(Status.PASS);
    assertThat(result.checks())
        .filteredOn(Check::gated)
        .allMatch(c -> c.id().startsWith("latency."));
    assertThat(result.notes())
        .contains(
            "re-evaluated from the stored measurements of run 20261129T071502Z-smoke; no load"
                + " was run");
    assertThat(out.toString())
        .startsWith("status  check")
        .containsPattern("PASS +latency\\.auth\\.p95 +[0-9.]+ ms +< 500 ms")
        .contains("verdict: WARN (exit 0): all 6 gated checks passed")
        .contains("report: ");
  }

  @Test
  void slowAuthFailsTheGateWithExitOne(@TempDir Path reports) {
    Measurements slow = measurements(100).merge(samples("auth", 900, 400));
    Path run = writeRun(reports, slow, true, List.of());
    int code = gate(run.toString(), "--baselines", BASELINES.toString(), "--gate", "latency.*");
    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("verdict: FAIL (exit 1): 1 of 6 gated checks failed or had no data");
    assertThat(out.toString().lines().skip(1).findFirst())
        .hasValueSatisfying(row -> assertThat(row).startsWith("FAIL    latency.auth.p95"));
  }

  @Test
  void gatesTheSameChecksAsTheOriginalRunByDefault(@TempDir Path reports) {
    Check authGated =
        new Check(
            "latency.auth.p95",
            "Authentication p95",
            Status.PASS,
            true,
            100,
            "<",
            500,
            "ms",
            400,
            null,
            null,
            "",
            "");
    List<Check> original = new java.util.ArrayList<>(List.of(authGated));
    // The original judged every other check too, without gating it (as a single-journey suite
    // does).
    BaselinesLoader.load(BASELINES).checks().stream()
        .filter(c -> !c.id().equals("latency.auth.p95"))
        .forEach(c -> original.add(ungated(c.id())));
    Path run = writeRun(reports, measurements(100), true, original);
    int code = gate(run.toString(), "--baselines", BASELINES.toString());
    // db.* and email.* have no data here, but the original run did not gate them.
    assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
    RunResult result = ResultsReader.read(reports.resolve("20261129T080000Z-smoke-gate"));
    assertThat(result.checks())
        .filteredOn(Check::gated)
        .extracting(Check::id)
        .containsExactly("latency.auth.p95");
  }

  @Test
  void withoutResultsEveryCheckIsGatedAndMissingDataFailsClosed(@TempDir Path reports) {
    Path run = reports.resolve("20261129T071502Z-smoke");
    MeasurementStore.write(run, measurements(100));
    int code =
        gate(run.toString(), "--baselines", BASELINES.toString(), "--out", reports.toString());
    assertThat(code).isEqualTo(1);
    RunResult result = ResultsReader.read(reports.resolve("20261129T080000Z-unknown-gate"));
    assertThat(result.checks())
        .filteredOn(c -> c.id().startsWith("db."))
        .allMatch(c -> c.status() == Status.NO_DATA && c.failsGate());
  }

  @Test
  void anIncompleteOriginalStaysIncomplete(@TempDir Path reports) {
    Path run = writeRun(reports, measurements(100), false, List.of());
    int code = gate(run.toString(), "--baselines", BASELINES.toString(), "--gate", "latency.*");
    assertThat(code).isEqualTo(3);
    assertThat(out.toString())
        .contains(
            "verdict: FAIL (exit 3): run incomplete: the original run was incomplete: target went"
                + " away");
  }

  @Test
  void comparesAgainstAnAcceptedRun(@TempDir Path temp) {
    Path reports = temp.resolve("reports");
    Path accepted = writeRun(reports, measurements(100), true, List.of());
    // The fixture run has no checks, hence verdict FAIL: accepted with force.
    Path acceptedDir = AcceptedRuns.accept(accepted, temp.resolve("accepted"), true);
    Path run = writeRunAt(reports, "20261129T073000Z-smoke", measurements(300));
    int code =
        gate(
            run.toString(),
            "--baselines",
            BASELINES.toString(),
            "--gate",
            "latency.*",
            "--against",
            acceptedDir.toString());
    assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(1);
    RunResult result = ResultsReader.read(reports.resolve("20261129T080000Z-smoke-gate"));
    assertThat(result.metadata().acceptedRunId()).isEqualTo("20261129T071502Z-smoke");
    Check auth =
        result.checks().stream()
            .filter(c -> c.id().equals("latency.auth.p95"))
            .findFirst()
            .orElseThrow();
    assertThat(auth.comparison()).isNotNull();
    assertThat(auth.comparison().regressed()).isTrue();
    assertThat(auth.status()).isEqualTo(Status.FAIL);
    assertThat(out.toString())
        .containsPattern("vs accepted")
        .containsPattern("FAIL +latency\\.auth\\.p95 .*\\+[0-9.]+ % REGRESSED");
  }

  @Test
  void anAcceptedRunIsJudgedIntoReportsNeverIntoTheAcceptedFolder(@TempDir Path home) {
    Path accepted =
        AcceptedRuns.accept(
            writeRun(home.resolve("old-reports"), measurements(100), true, List.of()),
            home.resolve("baselines/accepted"),
            true);
    String before = System.getProperty("loadgate.home");
    System.setProperty("loadgate.home", home.toString());
    try {
      int code =
          gate(
              accepted.toString(),
              "--baselines",
              BASELINES.toAbsolutePath().toString(),
              "--gate",
              "latency.*");
      assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
    } finally {
      if (before == null) {
        System.clearProperty("loadgate.home");
      } else {
        System.setProperty("loadgate.home", before);
      }
    }
    assertThat(folders(home.resolve("baselines/accepted")))
        .containsExactly("20261129T071502Z-smoke");
    assertThat(folders(home.resolve("reports"))).containsExactly("20261129T080000Z-smoke-gate");
  }

  @Test
  void probeFiguresStoredWithTheRunAreJudgedToo(@TempDir Path reports) {
    Measurements withFigure =
        measurements(100)
            .withFigure(
                new dev.loadgate.measure.Figure(
                    "db.query.mean",
                    12.5,
                    "ms",
                    340,
                    "db-probe",
                    "",
                    List.of(Map.of("query", "select 1", "mean_ms", "12.5"))));
    Path run = writeRun(reports, withFigure, true, List.of());
    int code = gate(run.toString(), "--baselines", BASELINES.toString(), "--gate", "db.query.mean");
    assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
    Check query =
        ResultsReader.read(reports.resolve("20261129T080000Z-smoke-gate")).checks().stream()
            .filter(c -> c.id().equals("db.query.mean"))
            .findFirst()
            .orElseThrow();
    assertThat(query.status()).isEqualTo(Status.PASS);
    assertThat(query.measured()).isEqualTo(12.5);
    assertThat(query.samples()).isEqualTo(340);
  }

  @Test
  void missingRunFolderIsBadInput(@TempDir Path reports) {
    Path missing = reports.resolve("20261129T071502Z-nope");
    int code = gate(missing.toString(), "--baselines", BASELINES.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "gate: "
                + missing
                + ": no such run folder (expected a folder written by loadgate run, got a path that"
                + " does not exist). Runs are listed in reports/index.html."
                + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void folderWithoutMeasurementsIsBadInput(@TempDir Path reports) throws Exception {
    Path empty = Files.createDirectories(reports.resolve("20261129T071502Z-smoke"));
    assertThat(gate(empty.toString(), "--baselines", BASELINES.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(": not a run folder (expected measurements.json inside, got none).");
  }

  @Test
  void badBaselinesFileIsBadInputWithLineAndColumn(@TempDir Path reports) throws Exception {
    Path run = writeRun(reports, measurements(100), true, List.of());
    Path bad = reports.resolve("bad.yaml");
    Files.writeString(bad, "schema: loadgate.baselines/v0\n");
    assertThat(gate(run.toString(), "--baselines", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("gate: ").contains(bad + ":1:");
    assertThat(folders(reports)).containsExactly("20261129T071502Z-smoke");
  }

  @Test
  void missingAcceptedRunIsBadInputAndWritesNothing(@TempDir Path reports) {
    Path run = writeRun(reports, measurements(100), true, List.of());
    Path nowhere = reports.resolve("accepted/20261128T000000Z-smoke");
    assertThat(
            gate(
                run.toString(),
                "--baselines",
                BASELINES.toString(),
                "--against",
                nowhere.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "gate: " + nowhere + ": not an accepted run (expected measurements.json inside");
    assertThat(folders(reports)).containsExactly("20261129T071502Z-smoke");
  }

  @Test
  void badGatePatternIsBadInput(@TempDir Path reports) {
    Path run = writeRun(reports, measurements(100), true, List.of());
    assertThat(gate(run.toString(), "--baselines", BASELINES.toString(), "--gate", "Latency/*"))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("gate: --gate: gate pattern must be a check id glob");
  }

  @Test
  void aGatePatternThatMatchesNoCheckIsBadInputWithTheClosest(@TempDir Path reports) {
    Path run = writeRun(reports, measurements(100), true, List.of());

    assertThat(gate(run.toString(), "--baselines", BASELINES.toString(), "--gate", "latncy.*"))
        .isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "gate: --gate: pattern \"latncy.*\" matches no check; did you mean \"latency.*\"?"
                + " (expected a check id or glob such as \"latency.auth.*\" matching a check of")
        .endsWith("test-fixtures/baselines.yaml)" + System.lineSeparator());
    assertThat(folders(reports)).containsExactly("20261129T071502Z-smoke");
  }

  @Test
  void aRenamedCheckTheOriginalNeverJudgedIsBadInputUnlessAllowed(@TempDir Path temp)
      throws Exception {
    Path reports = temp.resolve("reports");
    List<Check> original = new java.util.ArrayList<>();
    BaselinesLoader.load(BASELINES).checks().forEach(c -> original.add(ungated(c.id())));
    Path run = writeRun(reports, measurements(100), true, original);
    Path renamed = temp.resolve("renamed.yaml");
    Files.writeString(
        renamed,
        Files.readString(BASELINES)
            .replace(
                "  auth:\n    title: Authentication\n    percentile: 95",
                "  auth:\n    title: Authentication\n    percentile: 90"));

    assertThat(gate(run.toString(), "--baselines", renamed.toString())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "gate: check \"latency.auth.p90\" of "
                + renamed
                + " is gated by no pattern: the original run never judged it; did you mean"
                + " \"latency.auth.p95\"? (expected every"
                + " check gated as the original run gated it, got a check it did not have). Gate"
                + " it with --gate, or pass --allow-ungated latency.auth.p90 to leave it out on"
                + " purpose.");

    err.getBuffer().setLength(0);
    assertThat(
            gate(
                run.toString(),
                "--baselines",
                renamed.toString(),
                "--allow-ungated",
                "latency.auth.p90"))
        .as("stderr: %s", err)
        .isZero();
  }

  private static Check ungated(String id) {
    return new Check(
        id, id, Status.NO_DATA, false, Double.NaN, "<", 1, "ms", 0, null, null, "", "");
  }

  private int gate(String... args) {
    CommandLine cli =
        new CommandLine(new GateCommand(Clock.fixed(NOW, ZoneOffset.UTC)))
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static Path writeRun(Path reports, Measurements m, boolean complete, List<Check> checks) {
    RunMetadata meta =
        new RunMetadata(
            "20261129T071502Z-smoke",
            STARTED,
            STARTED.plusSeconds(80),
            environment(),
            "baselines/production.yaml",
            null);
    return RunReports.write(
        reports,
        new RunResult(meta, complete, complete ? "" : "target went away", checks, m, List.of()));
  }

  private static Path writeRunAt(Path reports, String runId, Measurements m) {
    RunMetadata meta =
        new RunMetadata(
            runId,
            STARTED,
            STARTED.plusSeconds(80),
            environment(),
            "baselines/production.yaml",
            null);
    return RunReports.write(reports, new RunResult(meta, true, "", List.of(), m, List.of()));
  }

  private static Environment environment() {
    return new Environment(
        "17.0.15 (Debian)", 2, 1L << 31, "Linux", "unknown", "embedded", "smoke", Map.of());
  }

  /** Every path's journey with 400 samples around {@code millis}. */
  private static Measurements measurements(long millis) {
    Measurements all = Measurements.EMPTY;
    for (String path : PATHS) {
      all = all.merge(samples(path, millis, 400));
    }
    return all;
  }

  private static Measurements samples(String path, long millis, int count) {
    AtomicLong clock = new AtomicLong(STARTED.toEpochMilli());
    Recording recording = Recording.manual(clock::get);
    Random random = new Random(path.hashCode());
    for (int i = 0; i < count; i++) {
      long nanos = (long) (millis * 1_000_000L * (0.8 + 0.4 * random.nextDouble()));
      recording.record(SeriesKey.group(Phase.MEASURE, path), nanos, Outcome.OK);
      recording.record(SeriesKey.request(Phase.MEASURE, "GET /api/health"), nanos, Outcome.OK);
      if (i % 100 == 99) {
        clock.addAndGet(1000);
        recording.tick();
      }
    }
    return recording.finish();
  }

  private static List<String> folders(Path reports) {
    try (Stream<Path> list = Files.list(reports)) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
