package dev.loadgate.cli.faults;

import dev.loadgate.cli.Main;
import dev.loadgate.cli.run.RunSteps;
import dev.loadgate.measure.LiveMeasurementLog;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.report.RunMetadata;
import dev.loadgate.report.RunReports;
import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Run folders made without load, as {@code loadgate run} writes them, for the faults that need a
 * stored run rather than a real one: healthy-looking measurements of every path, well inside their
 * limits, so that any non-PASS outcome comes from the fault under test.
 */
final class StoredRuns {
  static final Path HOME = Path.of(System.getProperty("loadgate.home", "..")).toAbsolutePath();
  static final Path BASELINES = HOME.resolve("baselines/production.yaml");
  static final Path SUITES = HOME.resolve("baselines/suites.yaml");
  static final Instant STARTED = Instant.parse("2026-11-29T07:15:02Z");
  private static final String[] PATHS = {
    "auth", "letter_generation", "payment", "download", "admin_dashboard"
  };

  private StoredRuns() {}

  /** What one {@code loadgate} invocation printed and returned. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** {@code loadgate args...} in this JVM, with the real modules behind {@code run}. */
  static Result loadgate(String... args) {
    return loadgate(dev.loadgate.cli.run.ModuleRunSteps::new, args);
  }

  /** {@code loadgate args...} with {@code steps} behind {@code run}. */
  static Result loadgate(Supplier<RunSteps> steps, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), steps)
            .execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static Environment environment(String suite, Map<String, String> extra) {
    return new Environment("17.0.15", 2, 1L << 31, "Linux", "abc", "embedded", suite, extra);
  }

  /** A finished run of {@code suite}: complete, its one gated check PASS unless {@code failed}. */
  static Path finishedRun(Path reports, String suite, boolean failed, Map<String, String> extra) {
    Check auth =
        new Check(
            "latency.auth.p95",
            "Authentication p95",
            failed ? Status.FAIL : Status.PASS,
            true,
            failed ? 2521 : 110,
            "<",
            500,
            "ms",
            400,
            null,
            null,
            "",
            "");
    RunMetadata meta =
        new RunMetadata(
            "20261129T071502Z-" + suite,
            STARTED,
            STARTED.plusSeconds(95),
            environment(suite, extra),
            "baselines/production.yaml",
            null);
    return RunReports.write(
        reports, new RunResult(meta, true, "", List.of(auth), measurements(), List.of()));
  }

  /**
   * What a run killed during its load leaves: the folder begun at the start (marked incomplete) and
   * the live log flushed up to the kill; no final reports.
   */
  static Path killedRun(Path reports) {
    RunResult started =
        new RunResult(
            new RunMetadata(
                "20261129T071502Z-smoke",
                STARTED,
                STARTED,
                environment("smoke", Map.of()),
                "baselines/production.yaml",
                null),
            false,
            "loadgate stopped before the end of the run (killed or crashed); the folder holds"
                + " what was measured up to then",
            List.of(),
            Measurements.EMPTY,
            List.of("plan: suite smoke"));
    Path dir = RunReports.begin(reports, started);
    Recording recording = recording();
    try (LiveMeasurementLog log =
        LiveMeasurementLog.start(dir, recording, Duration.ofHours(1), message -> {})) {
      log.flush();
    }
    return dir;
  }

  /** Every path's journey, 400 samples around 100 ms over four one-second intervals. */
  static Measurements measurements() {
    return recording().finish();
  }

  private static Recording recording() {
    AtomicLong clock = new AtomicLong(STARTED.toEpochMilli());
    Recording recording = Recording.manual(clock::get);
    Random random = new Random(14);
    for (int i = 0; i < 400; i++) {
      for (String path : PATHS) {
        long nanos = (long) (100_000_000L * (0.8 + 0.4 * random.nextDouble()));
        recording.record(SeriesKey.group(Phase.MEASURE, path), nanos, Outcome.OK);
      }
      if (i % 100 == 99) {
        clock.addAndGet(1000);
        recording.tick();
      }
    }
    return recording;
  }
}
