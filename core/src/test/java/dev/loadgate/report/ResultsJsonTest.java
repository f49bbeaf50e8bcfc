package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {
  @Test
  void matchesTheGoldenFile() {
    ReportFixtures.assertGolden("results.json", ResultsJson.render(ReportFixtures.result()));
  }

  @Test
  void writesNanAsNullAndCarriesVerdictAndExitCode() throws Exception {
    JsonNode root = new ObjectMapper().readTree(ResultsJson.render(ReportFixtures.result()));
    assertThat(root.path("schema").asText()).isEqualTo("loadgate.results/v1");
    assertThat(root.path("verdict").asText()).isEqualTo("FAIL");
    assertThat(root.path("exitCode").asInt()).isEqualTo(1);
    JsonNode download = root.path("checks").get(3);
    assertThat(download.path("id").asText()).isEqualTo("latency.download.p95");
    assertThat(download.path("measured").isNull()).isTrue();
    assertThat(download.path("ci").isNull()).isTrue();
    assertThat(root.path("checks").get(1).path("ci").path("confidence").asDouble()).isEqualTo(95);
  }

  @Test
  void incompleteRunExitsThreeWithItsReason() throws Exception {
    JsonNode root = new ObjectMapper().readTree(ResultsJson.render(ReportFixtures.incomplete()));
    assertThat(root.path("complete").asBoolean()).isFalse();
    assertThat(root.path("exitCode").asInt()).isEqualTo(3);
    assertThat(root.path("incompleteReason").asText()).contains("answered 503");
  }

  @Test
  void readerRoundTripsEveryCheckExactly(@TempDir Path dir) throws Exception {
    RunResult written = ReportFixtures.result();
    ResultsJson.write(dir.resolve("results.json"), written);
    RunResult read = ResultsReader.read(dir);
    assertThat(read.metadata()).isEqualTo(written.metadata());
    assertThat(read.complete()).isTrue();
    assertThat(read.notes()).isEqualTo(written.notes());
    // Records compare double components with Double.compare, so NaN equals NaN here.
    assertThat(read.checks()).isEqualTo(written.checks());
    assertThat(read.verdict()).isEqualTo(written.verdict());
    assertThat(Files.readString(dir.resolve("results.json"))).isEqualTo(ResultsJson.render(read));
  }

  @Test
  void readerRejectsAnotherSchemaWithAHint(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.json");
    Files.writeString(file, "{\"schema\":\"loadgate.results/v0\"}");
    assertThatThrownBy(() -> ResultsReader.read(file))
        .isInstanceOf(ResultsFormatException.class)
        .hasMessage(
            file
                + ": unsupported schema (expected \"loadgate.results/v1\", got"
                + " \"loadgate.results/v0\"). Re-run the gate with this loadgate version.");
  }

  @Test
  void readerNamesTheFieldThatIsWrong(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.json");
    String text =
        ResultsJson.render(ReportFixtures.result())
            .replaceFirst("\"status\" : \"FAIL\"", "\"status\" : \"BROKEN\"");
    Files.writeString(file, text);
    assertThatThrownBy(() -> ResultsReader.read(file))
        .hasMessage(
            file
                + ": checks[1]: field \"status\" is invalid (expected one of [PASS, WARN, FAIL,"
                + " NO_DATA], got \"BROKEN\")");
  }

  @Test
  void readerReportsMalformedJsonWithLineAndColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.json");
    Files.writeString(file, "{\n  \"schema\": }");
    assertThatThrownBy(() -> ResultsReader.read(file))
        .hasMessageStartingWith(file + ":2:13: not valid JSON (");
  }

  @Test
  void readerExplainsAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ResultsReader.read(dir))
        .hasMessage(
            dir.resolve("results.json")
                + ": no results file (expected a run folder written by loadgate). Check the path.");
  }
}
