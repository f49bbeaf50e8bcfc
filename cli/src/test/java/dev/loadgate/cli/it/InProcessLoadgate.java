package dev.loadgate.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.cli.Main;
import dev.loadgate.cli.run.ModuleRunSteps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs {@code loadgate} inside the test JVM as the launcher would, with everything written to
 * stdout and stderr captured (picocli's writers, Gatling, logback and the reference app alike).
 */
final class InProcessLoadgate {
  static final Path HOME = Path.of(System.getProperty("loadgate.home", "..")).toAbsolutePath();
  static final Path IT_SUITES = Path.of("src/test/resources/it/suites.yaml").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one invocation did. */
  record Result(int exitCode, String out, String err) {
    /** The run folder named by the last {@code report:} line. */
    Path runDir() {
      List<String> lines = out.lines().filter(l -> l.startsWith("report: ")).toList();
      if (lines.isEmpty()) {
        throw new AssertionError("no report line in the output:\n" + out + "\n" + err);
      }
      String report = lines.get(lines.size() - 1).substring("report: ".length());
      return Path.of(report).toAbsolutePath().getParent();
    }

    JsonNode results() throws IOException {
      return JSON.readTree(runDir().resolve("results.json").toFile());
    }

    /** The check with this id in results.json. */
    JsonNode check(String id) throws IOException {
      for (JsonNode check : results().path("checks")) {
        if (check.path("id").asText().equals(id)) {
          return check;
        }
      }
      throw new AssertionError("no check " + id + " in " + runDir().resolve("results.json"));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private InProcessLoadgate() {}

  /** {@code loadgate args...} with {@code environment} as the process environment. */
  static synchronized Result run(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8);
    System.setOut(capturedOut);
    System.setErr(capturedErr);
    int code = -1;
    try {
      code =
          Main.commandLine(
                  new PrintWriter(capturedOut, true, StandardCharsets.UTF_8),
                  new PrintWriter(capturedErr, true, StandardCharsets.UTF_8),
                  () -> new ModuleRunSteps(environment),
                  environment)
              .execute(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      originalOut.println(
          new Result(
              code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)));
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Whether {@code dir} holds any run folder (anything but Gatling's scratch space). */
  static boolean hasRunFolder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).anyMatch(n -> !n.startsWith("."));
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(Objects.requireNonNull(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
