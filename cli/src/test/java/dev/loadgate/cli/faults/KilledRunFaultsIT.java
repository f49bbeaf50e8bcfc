package dev.loadgate.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.cli.faults.StoredRuns.Result;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Series;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault battery's real runs: the fat jar in its own JVM against the embedded target, stopped
 * from outside as soon as its run folder holds measured samples (synchronised on what the run
 * writes, never on sleeps). Each ends with the right exit code and no stack trace on the console,
 * and a {@code kill -9} leaves a folder that {@code loadgate gate} judges as incomplete, and no
 * process of the run (the embedded target's JVM, its PostgreSQL) behind.
 */
@Timeout(300)
class KilledRunFaultsIT {
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$/]+\\(.*\\)$");
  private static final Path IT_SUITES =
      Path.of("src/test/resources/it/suites.yaml").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Marks every process this test's run starts, embedded PostgreSQL included. */
  private final String token = UUID.randomUUID().toString();

  @TempDir Path reports;

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private Process process;

  @AfterEach
  void endWhatThisTestStarted() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    markedProcesses().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void killMinus9MidLoadLeavesAFolderThatGateJudgesIncomplete() throws Exception {
    Path runDir = startAndAwaitMeasuredSamples("45s");

    process.destroyForcibly(); // SIGKILL: no shutdown hook, no final reports
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    long measured =
        MeasurementStore.read(runDir).series(Phase.MEASURE).stream()
            .mapToLong(Series::sampleCount)
            .sum();
    assertThat(measured).as("samples measured before the kill are kept").isPositive();
    Result gate =
        StoredRuns.loadgate(
            "gate", runDir.toString(), "--baselines", StoredRuns.BASELINES.toString());
    assertThat(gate.exitCode()).as(gate.toString()).isEqualTo(3);
    assertThat(gate.out())
        .contains(
            "verdict: FAIL (exit 3): run incomplete: the original run was incomplete: loadgate"
                + " stopped before the end of the run (killed or crashed)");
    // The embedded target (a child JVM with its own PostgreSQL) stops when loadgate's end closes
    // its stdin: nothing of this run may outlive it.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(markedProcesses())
                    .as("processes of the killed run still alive (orphaned PostgreSQL?)")
                    .isEmpty());
  }

  @Test
  void sigtermMidLoadExitsThreeWithoutAStackTrace() throws Exception {
    assertSignalEndsTheRunQuietly("TERM");
  }

  @Test
  void sigintMidLoadExitsThreeWithoutAStackTrace() throws Exception {
    assumeThat(signalIgnored(2))
        .as("SIGINT is ignored by this JVM (and so by its children); nothing to test")
        .isFalse();
    assertSignalEndsTheRunQuietly("INT");
  }

  @Test
  void postgresKilledMidLoadFailsTheRunWithoutAStackTrace() throws Exception {
    Path runDir = startAndAwaitMeasuredSamples("12s");
    ProcessHandle postmaster = postmaster().orElseThrow();

    assertThat(postmaster.destroyForcibly()).isTrue();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(output()).isTrue();

    assertThat(process.exitValue()).as(output()).isIn(1, 3);
    assertThat(output()).contains("verdict: FAIL (exit " + process.exitValue() + ")");
    assertNoStackTrace();
    // The target's own logs go to its child.log; what the injector's libraries logged is in the
    // run folder, and the console points there exactly when there is something to see.
    Path log = runDir.resolve("loadgate.log");
    assertThat(log).exists();
    boolean logged = Files.size(log) > 0;
    assertThat(output().contains("details and stack traces: " + log))
        .as(output())
        .isEqualTo(logged);
  }

  private void assertSignalEndsTheRunQuietly(String signal) throws Exception {
    Path runDir = startAndAwaitMeasuredSamples("45s");

    int kill =
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
    assertThat(kill).isZero();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output()).isTrue();

    assertThat(process.exitValue()).as(output()).isEqualTo(3);
    assertThat(output())
        .contains(
            "verdict: FAIL (exit 3): run incomplete: interrupted by a signal (Ctrl-C or SIGTERM)");
    assertNoStackTrace();
    JsonNode results = JSON.readTree(runDir.resolve("results.json").toFile());
    assertThat(results.path("complete").asBoolean(true)).isFalse();
  }

  private void assertNoStackTrace() {
    assertThat(lines).noneMatch(l -> STACK_FRAME.matcher(l).matches());
    assertThat(lines).noneMatch(l -> l.startsWith("Caused by: "));
    assertThat(lines).noneMatch(l -> l.contains("Exception in thread"));
  }

  /** Starts a run and returns its folder once the live log holds measured samples. */
  private Path startAndAwaitMeasuredSamples(String duration) throws IOException {
    Path jar = Path.of("target/loadgate.jar").toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Dgatling.data.enableAnalytics=false",
                "-Dhttps.proxyHost=127.0.0.1",
                "-Dhttps.proxyPort=9",
                "-Dloadgate.home=" + StoredRuns.HOME,
                "-jar",
                jar.toString(),
                "run",
                "--suites",
                IT_SUITES.toString(),
                "--suite",
                "leak",
                "--duration",
                duration,
                "--out",
                reports.toString())
            .redirectErrorStream(true);
    builder.environment().put("LOADGATE_FAULT_TEST_TOKEN", token);
    process = builder.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(output ended: " + e + ")");
              }
            },
            "loadgate-output");
    reader.setDaemon(true);
    reader.start();
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofMillis(200))
        .failFast("loadgate ended early:\n" + output(), () -> !process.isAlive())
        .until(() -> measuredSamples().orElse(0L) > 0);
    return runFolder().orElseThrow();
  }

  private Optional<Long> measuredSamples() {
    Optional<Path> dir = runFolder();
    if (dir.isEmpty() || !Files.isRegularFile(dir.get().resolve(MeasurementStore.INDEX_FILE))) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          MeasurementStore.read(dir.get()).series(Phase.MEASURE).stream()
              .mapToLong(Series::sampleCount)
              .sum());
    } catch (RuntimeException e) {
      return Optional.empty(); // between a log append and its index: read again
    }
  }

  private Optional<Path> runFolder() {
    if (!Files.isDirectory(reports)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(reports)) {
      return entries
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private String output() {
    return String.join("\n", lines);
  }

  /** The embedded PostgreSQL's postmaster of this test's run. */
  private Optional<ProcessHandle> postmaster() {
    List<ProcessHandle> postgres =
        markedProcesses().stream()
            .filter(p -> p.info().command().orElse("").endsWith("/postgres"))
            .toList();
    return postgres.stream()
        .filter(
            p ->
                p.parent()
                    .map(parent -> !parent.info().command().orElse("").endsWith("/postgres"))
                    .orElse(true))
        .findFirst();
  }

  /** Processes started by this test's run: they carry its token in their environment. */
  private List<ProcessHandle> markedProcesses() {
    byte[] marker = ("LOADGATE_FAULT_TEST_TOKEN=" + token).getBytes(StandardCharsets.UTF_8);
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(p -> environContains(p.pid(), marker))
        .toList();
  }

  private static boolean environContains(long pid, byte[] marker) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ"));
      outer:
      for (int i = 0; i + marker.length <= environ.length; i++) {
        for (int j = 0; j < marker.length; j++) {
          if (environ[i + j] != marker[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** Whether this JVM ignores {@code signal} (children inherit that, and the JVM keeps it). */
  private static boolean signalIgnored(int signal) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
        return (mask & (1L << (signal - 1))) != 0;
      }
    }
    return false;
  }
}
