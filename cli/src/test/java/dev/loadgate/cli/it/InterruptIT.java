package dev.loadgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of the load, sent to the real fat jar in its own JVM (as CI cancelling a
 * job would): the run keeps what it measured, writes its folder marked incomplete and exits 3.
 */
class InterruptIT {
  private static final Pattern REQUESTS = Pattern.compile("requests ([\\d,]+)");

  @TempDir Path reports;

  @Test
  void sigtermDuringLoadWritesAnIncompleteRunFolderAndExitsThree() throws Exception {
    Path jar = Path.of("target/loadgate.jar").toAbsolutePath();
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + InProcessLoadgate.HOME.resolve("jvm.options"),
                "-Dloadgate.home=" + InProcessLoadgate.HOME,
                "-jar",
                jar.toString(),
                "run",
                "--suites",
                InProcessLoadgate.IT_SUITES.toString(),
                "--suite",
                "leak",
                "--duration",
                "45s",
                "--out",
                reports.toString())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean signalled = false;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        Matcher requests = REQUESTS.matcher(line);
        if (!signalled
            && line.startsWith("load ")
            && requests.find()
            && Long.parseLong(requests.group(1).replace(",", "")) > 0) {
          // kill(1), not Process.destroy(): destroy() also closes the output this test still reads.
          signalled =
              new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor()
                  == 0;
        }
      }
      assertThat(signalled).as("no load progress with requests seen:%n%s", lines).isTrue();
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = String.join("\n", lines);
    assertThat(process.exitValue()).as(output).isEqualTo(3);
    assertThat(output)
        .contains("loadgate: interrupted; stopping the load and writing what was measured so far")
        .contains(
            "verdict: FAIL (exit 3): run incomplete: interrupted by a signal (Ctrl-C or"
                + " SIGTERM) during load");
    String report =
        lines.stream().filter(l -> l.startsWith("report: ")).reduce((a, b) -> b).orElseThrow();
    Path runDir = Path.of(report.substring("report: ".length())).toAbsolutePath().getParent();
    JsonNode results = new ObjectMapper().readTree(runDir.resolve("results.json").toFile());
    assertThat(results.path("complete").asBoolean(true)).isFalse();
    long measured = 0;
    for (JsonNode check : results.path("checks")) {
      if (check.path("id").asText().equals("errors.all.rate")) {
        measured = check.path("samples").asLong();
      }
    }
    assertThat(measured).as("requests measured before the signal are kept").isPositive();
  }
}
