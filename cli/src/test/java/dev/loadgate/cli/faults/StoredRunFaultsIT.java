package dev.loadgate.cli.faults;

import static dev.loadgate.cli.faults.StoredRuns.BASELINES;
import static dev.loadgate.cli.faults.StoredRuns.SUITES;
import static dev.loadgate.cli.faults.StoredRuns.loadgate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.loadgate.cli.faults.StoredRuns.Result;
import dev.loadgate.cli.run.LoadResult;
import dev.loadgate.cli.run.ModuleRunSteps;
import dev.loadgate.cli.run.RunPlan;
import dev.loadgate.cli.run.RunRequest;
import dev.loadgate.cli.run.RunSteps;
import dev.loadgate.cli.run.Target;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.report.ResultsReader;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import dev.loadgate.verdict.AcceptedRuns;
import dev.loadgate.verdict.Check;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault battery, on stored run folders (no load): each misuse or damage of a run folder ends in
 * exit 2 or 3 with a message naming the place and the fix, never a PASS. The rows of issue 14 that
 * need a real run are in {@link KilledRunFaultsIT}.
 */
@Timeout(120)
class StoredRunFaultsIT {
  private static final String AUTH_LOG = "histograms/measure/group-auth.hlog";

  /**
   * A compressed HdrHistogram (range up to Long.MAX_VALUE / 4) of one 36,000,000,000 µs sample and
   * 99 of 100,000 µs: what a foreign writer could put in a log. Written by HdrHistogram 2.2.2's
   * encodeIntoCompressedByteBuffer; kept as text so that cli needs no HdrHistogram of its own.
   */
  private static final String ONE_SAMPLE_OF_TEN_HOURS =
      "HISTFAAAACZ4nJNpmSzMwMDAwQABzFCaUf4/BNh/gAhsrjjGuHIFExMA77gM4Q==";

  @TempDir Path temp;

  private Path reports() {
    return temp.resolve("reports");
  }

  private Result gate(Path run, String... more) {
    String[] args =
        Stream.concat(
                Stream.of("gate", run.toString(), "--baselines", BASELINES.toString()),
                Stream.of(more))
            .toArray(String[]::new);
    return loadgate(args);
  }

  // --- a run killed mid-load -------------------------------------------------------------------

  @Test
  void aFolderLeftByAKilledRunIsJudgedIncompleteNeverPass() {
    Path killed = StoredRuns.killedRun(reports());

    Result result = gate(killed, "--gate", "latency.*");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.out())
        .contains(
            "verdict: FAIL (exit 3): run incomplete: the original run was incomplete: loadgate"
                + " stopped before the end of the run (killed or crashed); the folder holds what"
                + " was measured up to then");
  }

  // --- corrupt or truncated .hlog ----------------------------------------------------------------

  @Test
  void anHlogCutMidLineIsExitTwoNamingTheFileAndLine() throws IOException {
    Path run = StoredRuns.finishedRun(reports(), "smoke", false, Map.of());
    Path log = run.resolve(AUTH_LOG);
    String text = Files.readString(log);
    Files.writeString(log, text.substring(0, text.length() - 30));

    Result result = gate(run);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("loadgate gate: " + log + ":9: the last line is cut off (expected every line")
        .contains("rerun the load, or restore the folder");
    assertThat(result.err()).doesNotContain("NoSuchElementException").doesNotContain("\tat ");
  }

  @Test
  void anHlogFilledWithGarbageIsExitTwoNotZeroSamples() throws IOException {
    Path run = StoredRuns.finishedRun(reports(), "smoke", false, Map.of());
    Path log = run.resolve(AUTH_LOG);
    byte[] garbage = new byte[4096];
    new Random(9).nextBytes(garbage);
    Files.write(log, garbage);

    Result result = gate(run);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).startsWith("loadgate gate: " + log + ":1: not a text line (byte 0x");
  }

  @Test
  void anHlogEmptiedToItsHeaderIsExitTwoNotZeroSamples() throws IOException {
    Path run = StoredRuns.finishedRun(reports(), "smoke", false, Map.of());
    Path log = run.resolve(AUTH_LOG);
    List<String> lines = Files.readAllLines(log);
    Files.write(log, lines.subList(0, 5));

    Result result = gate(run);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            log + ": holds 0 intervals, but measurements.json lists 4 (expected the same number).");
  }

  @Test
  void anHlogValueAboveTheHistogramsRangeIsExitTwo() throws IOException {
    Path run = StoredRuns.finishedRun(reports(), "smoke", false, Map.of());
    Path log = run.resolve(AUTH_LOG);
    List<String> lines = Files.readAllLines(log);
    lines.set(5, "0.000,1.000,36000.000," + ONE_SAMPLE_OF_TEN_HOURS);
    Files.write(log, lines);

    Result result = gate(run);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "loadgate gate: "
                + log
                + ":6: a latency lies outside the histogram's range (expected values from 0 to"
                + " 3600000000 µs (one hour), got 36");
  }

  // --- --against
  // ----------------------------------------------------------------------------------

  @Test
  void gateAgainstAnAcceptedRunOfAnotherSuiteIsExitTwo() {
    Path run = StoredRuns.finishedRun(reports(), "smoke", false, Map.of());
    Path accepted =
        AcceptedRuns.accept(
            StoredRuns.finishedRun(temp.resolve("old"), "auth", false, Map.of()),
            temp.resolve("accepted"));

    Result result = gate(run, "--against", accepted.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "loadgate gate: --against "
                + accepted
                + ": the accepted run is of another suite (expected suite smoke, got auth). Gate"
                + " against an accepted run of suite smoke, or accept one: loadgate run --suite"
                + " smoke, then loadgate baselines accept RUN_DIR.\n");
  }

  @Test
  void gateAgainstAnIncompleteAcceptedRunIsExitTwo() {
    Path run = StoredRuns.finishedRun(reports(), "smoke", false, Map.of());
    Path accepted =
        AcceptedRuns.accept(
            StoredRuns.killedRun(temp.resolve("old")), temp.resolve("accepted"), true);

    Result result = gate(run, "--against", accepted.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "loadgate gate: --against "
                + accepted
                + ": the accepted run is incomplete (expected a complete run, got complete=false:"
                + " loadgate stopped before the end of the run (killed or crashed)");
  }

  @Test
  void runAgainstAnAcceptedRunOfAnotherSuiteIsExitTwoBeforeAnythingStarts() {
    Path accepted =
        AcceptedRuns.accept(
            StoredRuns.finishedRun(temp.resolve("old"), "auth", false, Map.of()),
            temp.resolve("accepted"));

    Result result = run("--against", accepted.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "loadgate run: --against "
                + accepted
                + ": the accepted run is of another suite (expected suite smoke, got auth).");
    assertNothingStarted(result);
  }

  @Test
  void runAgainstAnIncompleteRunIsExitTwoBeforeAnythingStarts() {
    Path killed = StoredRuns.killedRun(temp.resolve("old"));

    Result result = run("--against", killed.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "--against "
                + killed
                + ": the accepted run is incomplete (expected a complete run, got complete=false:");
    assertNothingStarted(result);
  }

  // --- baselines accept
  // ---------------------------------------------------------------------------

  @Test
  void acceptRefusesAFailedRunWithInjectedFaultsAndSaysWhyThenForceTakesIt() {
    Path failed =
        StoredRuns.finishedRun(reports(), "smoke", true, Map.of("faults", "[download=+2500ms]"));
    Path into = temp.resolve("accepted");

    Result refused = loadgate("baselines", "accept", failed.toString(), "--into", into.toString());
    Result forced =
        loadgate("baselines", "accept", failed.toString(), "--into", into.toString(), "--force");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err())
        .isEqualTo(
            "loadgate baselines accept: "
                + failed
                + ": not accepted as a reference: the run did not pass its gate (expected verdict"
                + " PASS or WARN, got FAIL); faults were injected (expected none, got"
                + " [download=+2500ms]). A reference must be a complete, passing run without"
                + " injected faults; pass --force to accept it anyway.\n");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
  }

  @Test
  void acceptRefusesAnIncompleteRun() {
    Path killed = StoredRuns.killedRun(reports());

    Result result =
        loadgate("baselines", "accept", killed.toString(), "--into", temp.resolve("a").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "not accepted as a reference: the run is incomplete (expected complete=true, got"
                + " complete=false: loadgate stopped before the end of the run");
    assertThat(temp.resolve("a")).doesNotExist();
  }

  // --- --out
  // ----------------------------------------------------------------------------------------

  @Test
  void outThatIsAFileIsExitTwoBeforeTheTargetStarts() throws IOException {
    Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

    Result result = run("--out", file.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "loadgate run: --out: "
                + file
                + " is a file (expected a folder loadgate can write run folders into, got a"
                + " regular file). Pass a writable folder, e.g. --out reports; nothing was"
                + " started.");
    assertNothingStarted(result);
  }

  @Test
  void outThatIsReadOnlyIsExitTwoBeforeTheTargetStarts() throws IOException {
    Path readOnly = readOnlyFolder();

    Result result = run("--out", readOnly.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "loadgate run: --out: " + readOnly + " is not writable (expected a folder loadgate can")
        .contains("nothing was started.");
    assertNothingStarted(result);
  }

  // --- a full disk while the reports are written ------------------------------------------------

  @Test
  void aFullDiskWhileWritingReportsPrintsTheVerdictKeepsTheFolderAndExitsThree() throws Exception {
    Path devFull = Path.of("/dev/full");
    assumeThat(Files.isWritable(devFull)).as("/dev/full simulates a full disk").isTrue();
    Path reports = reports();

    Result result =
        loadgate(
            () -> new FakeTargetSteps(devFull),
            "run",
            "--suite",
            "auth",
            "--baselines",
            BASELINES.toString(),
            "--suites",
            SUITES.toString(),
            "--out",
            reports.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.out())
        .containsPattern("(PASS|WARN|FAIL|NO_DATA) +latency\\.auth\\.p95")
        .contains("verdict: FAIL (exit 3): run incomplete: the reports could not be written:")
        .contains("(No space left on device)")
        .containsPattern(
            "reports: not written; what was measured is in .*\\(kept, marked incomplete\\)");
    Path runDir;
    try (Stream<Path> runs = Files.list(reports)) {
      runDir =
          runs.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
    }
    RunResult stored = ResultsReader.read(runDir);
    assertThat(stored.complete()).isFalse();
    assertThat(dev.loadgate.measure.MeasurementStore.read(runDir).series()).isNotEmpty();
  }

  private Result run(String... more) {
    String[] args =
        Stream.concat(
                Stream.of(
                    "run", "--baselines", BASELINES.toString(), "--suites", SUITES.toString()),
                Stream.of(more))
            .toArray(String[]::new);
    return loadgate(args);
  }

  private static void assertNothingStarted(Result result) {
    // The progress of a run starts with its target: nothing of it means nothing was started.
    assertThat(result.out()).doesNotContain("target").doesNotContain("load ");
  }

  /**
   * A folder this process cannot write: permission bits where they bind; as root, which ignores
   * them, sysfs, which refuses new files to everyone.
   */
  private Path readOnlyFolder() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("read-only"));
    folder.toFile().setWritable(false, false);
    if (canWrite(folder)) {
      folder = Path.of("/sys");
    }
    assumeThat(canWrite(folder)).as("a folder this user cannot write").isFalse();
    return folder;
  }

  private static boolean canWrite(Path folder) {
    try {
      Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The real steps of a run (validation, run folder, verdicts, report writers) around a fake target
   * and load, with the HTML report's write pointed at {@code full} (ENOSPC) once the folder exists.
   */
  private static final class FakeTargetSteps implements RunSteps {
    private final ModuleRunSteps real = new ModuleRunSteps(Map.of());
    private final Path full;

    FakeTargetSteps(Path full) {
      this.full = full;
    }

    @Override
    public RunPlan validate(RunRequest request) {
      return real.validate(request);
    }

    @Override
    public Optional<Path> beginRunFolder(RunPlan plan, RunResult started) {
      Optional<Path> folder = real.beginRunFolder(plan, started);
      try {
        Files.createSymbolicLink(folder.orElseThrow().resolve(".report.html.partial"), full);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return folder;
    }

    @Override
    public Optional<dev.loadgate.measure.LiveMeasurementLog> recordLive(
        Path runFolder, Recording recording, java.util.function.Consumer<String> onError) {
      return real.recordLive(runFolder, recording, onError);
    }

    @Override
    public List<String> loggedProblems() {
      return real.loggedProblems();
    }

    @Override
    public Path finishRunFolder(RunPlan plan, Path runFolder, RunResult result) {
      return real.finishRunFolder(plan, runFolder, result);
    }

    @Override
    public Target startTarget(RunPlan plan) {
      TargetProfile profile =
          new TargetProfile(
              URI.create("http://127.0.0.1:9"),
              null,
              null,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              List.of());
      return new Target() {
        @Override
        public TargetProfile profile() {
          return profile;
        }

        @Override
        public Optional<Secret> jdbcUrl() {
          return Optional.empty();
        }

        @Override
        public String description() {
          return "fake target";
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public List<String> preflight(Target target) {
      return List.of();
    }

    @Override
    public LoadResult load(RunPlan plan, Target target, Recording recording) {
      Random random = new Random(3);
      for (int i = 0; i < 400; i++) {
        recording.record(
            SeriesKey.group(Phase.MEASURE, "auth"),
            (long) (100_000_000L * (0.8 + 0.4 * random.nextDouble())),
            Outcome.OK);
      }
      return LoadResult.done();
    }

    @Override
    public ProbeSession startDatabaseProbe(Target target) {
      return List::of;
    }

    @Override
    public List<Figure> emailFigures(Target target, Instant since) {
      return List.of();
    }

    @Override
    public List<Figure> benchmarks(RunPlan plan, Target target) {
      return List.of();
    }

    @Override
    public List<Check> judge(RunPlan plan, Measurements measurements) {
      return real.judge(plan, measurements);
    }

    @Override
    public List<String> notes(RunPlan plan, Environment environment) {
      return real.notes(plan, environment);
    }

    @Override
    public Environment environment(RunPlan plan) {
      return real.environment(plan);
    }

    @Override
    public java.nio.file.Path writeReports(RunPlan plan, RunResult result) {
      return real.writeReports(plan, result);
    }
  }
}
