package dev.loadgate.cli.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.cli.ExitCodes;
import dev.loadgate.measure.Figure;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BaselinesCommandTest {
  static final Path PRODUCTION = Path.of("../test-fixtures/baselines.yaml");

  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new BaselinesCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void validatesTheProductionBaselines() {
    int code = run("validate", PRODUCTION.toString());

    assertThat(code).isEqualTo(ExitCodes.PASS);
    assertThat(out.toString())
        .isEqualTo(
            "../test-fixtures/baselines.yaml: OK, 17 checks (5 paths), 4 scaling triggers, 3 growth"
                + " projections\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void listsEveryProblemOfABadFileAndExitsTwo() throws IOException {
    Path bad = temp.resolve("bad.yaml");
    Files.writeString(
        bad,
        Files.readString(PRODUCTION)
            .replace("below: 500ms", "below: 500")
            .replace("schema: loadgate.baselines/v1", "schema: loadgate.baselines/v0"));

    int code = run("validate", bad.toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .startsWith("2 problems in " + bad + ":\n")
        .contains(bad + ":3:9: schema: unsupported schema version")
        .contains(":22:12: paths.auth.below: duration needs a unit")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  /**
   * Issue 14's bad YAML inputs: each is exit 2 with the place and the rule, fast, no stack trace.
   */
  @Test
  void refusesEachBadInputOfTheReaderWithExitTwoAndItsPlace() throws IOException {
    String valid = Files.readString(PRODUCTION);
    assertRefused(
        bytes(valid.replace("    rate: 100 ", "    rate: 1e23 ")),
        ":8:11: defaults.minSamples.rate: must be a whole number of samples from 1 to 10,000,000"
            + " (got \"1e23\")");
    assertRefused(
        bytes(
            valid.replaceFirst(
                "percentile: 95\n    below: 500ms", "percentile: 99.9999999\n    below: 500ms")),
        ":21:17: paths.auth.percentile: percentile 99.9999999 is finer than a run can be sized for"
            + " (expected at most 99.99, with at most two decimals, got 99.9999999)");
    assertRefused(
        bytes(valid + "---\nschema: loadgate.baselines/v1\n"),
        ":177:1: a second YAML document (expected one document per file, got another after \"---\").");
    assertRefused(
        bytes(
            valid
                .replace("below: 500ms", "below: &lim 500ms")
                .replace("below: 2s\n", "below: *lim\n")),
        ":46:12: paths.download.below: YAML aliases are not supported (expected the value written out, got"
            + " *lim). Repeat the value instead.");
    byte[] latin1 =
        valid
            .replace("title: Authentication", "title: Authentification \u00e9")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertRefused(latin1, ":20:29: not valid UTF-8 (expected UTF-8 text, got the byte 0xE9).");
    byte[] huge = new byte[50 << 20];
    java.util.Arrays.fill(huge, (byte) 'x');
    System.arraycopy(bytes("title: "), 0, huge, 0, 7);
    assertRefused(
        huge,
        ": file too large (expected at most 1048576 bytes, got 52428800). A configuration file");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void assertRefused(byte[] content, String expected) throws IOException {
    Path file = temp.resolve("input.yaml");
    Files.write(file, content);
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);

    int code = run("validate", file.toString());

    assertThat(code).as(expected).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).as(expected).contains(file + expected).doesNotContain("\tat ");
  }

  @Test
  void reportsAMissingFileWithoutAStackTrace() {
    int code = run("validate", "nope.yaml");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "nope.yaml: no such file (expected a baselines YAML file, got a path that does not"
                + " exist). Pass --baselines FILE or run from the checkout root.\n");
  }

  @Test
  void checkGuidePassesWhenGuideAndBaselinesAgree() throws IOException {
    Path guide = guide(fixture());

    int code = run("check-guide", guide.toString(), "--baselines", PRODUCTION.toString());

    assertThat(code).isEqualTo(ExitCodes.PASS);
    assertThat(out.toString())
        .isEqualTo(guide + " and ../test-fixtures/baselines.yaml agree: 25 documented limits\n");
  }

  @Test
  void checkGuideListsEachDifferenceAndExitsOne() throws IOException {
    Path guide = guide(fixture().replace("< 3 seconds", "< 4 seconds"));

    int code = run("check-guide", guide.toString(), "--baselines", PRODUCTION.toString());

    assertThat(code).isEqualTo(ExitCodes.GATE_FAILED);
    assertThat(out.toString())
        .isEqualTo(
            "1 differences between "
                + guide
                + " and ../test-fixtures/baselines.yaml:\n"
                + "  latency.payment.p95: the guide says < 4 s ("
                + guide
                + ":33), ../test-fixtures/baselines.yaml says < 3 s (paths.payment)\n");
  }

  @Test
  void acceptsARunAndRefusesToOverwriteIt() throws IOException {
    Path runDir = temp.resolve("reports/20261129T071502Z-smoke");
    MeasurementStore.write(
        runDir,
        Measurements.EMPTY.withFigure(
            new Figure("db.query.mean", 3.5, "ms", 10, "db-probe", "", List.of())));
    Path into = temp.resolve("accepted");

    // No results.json: its verdict is unknown, so it takes --force (refusals: the fault battery).
    int first = run("accept", runDir.toString(), "--into", into.toString(), "--force");
    int second = run("accept", runDir.toString(), "--into", into.toString(), "--force");

    assertThat(first).as(err.toString()).isEqualTo(ExitCodes.PASS);
    assertThat(out.toString()).startsWith("accepted run 20261129T071502Z-smoke into ");
    assertThat(into.resolve("20261129T071502Z-smoke/measurements.json")).exists();
    assertThat(second).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .contains("run 20261129T071502Z-smoke is already accepted (expected a new run id)");
  }

  @Test
  void refusesToAcceptAFolderWithoutMeasurements() {
    int code = run("accept", temp.toString(), "--into", temp.resolve("accepted").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "loadgate baselines accept: "
                + temp
                + ": not a run folder (expected measurements.json inside, got none). Pass a folder"
                + " under reports/ written by loadgate run.\n");
  }

  @Test
  void everySubcommandHasHelpWithExamples() {
    for (String sub : List.of("validate", "check-guide", "accept")) {
      StringWriter help = new StringWriter();
      CommandLine commandLine = new CommandLine(new BaselinesCommand());
      commandLine.setOut(new PrintWriter(help, true));
      assertThat(commandLine.execute(sub, "--help")).isZero();
      assertThat(help.toString()).contains("Examples:").contains("loadgate baselines " + sub);
    }
  }

  @Test
  void isRegisteredInTheLoadgateCommand() {
    java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();

    int code =
        dev.loadgate.cli.Main.execute(
            new String[] {"baselines", "validate", PRODUCTION.toString()},
            new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8),
            new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));

    assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.PASS);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("OK, 17 checks (5 paths)");
  }

  @Test
  void withoutASubcommandSaysWhatIsNeeded() {
    assertThat(run()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .startsWith(
            "loadgate baselines: a subcommand is needed (validate, check-guide or accept).");
  }

  private Path guide(String text) throws IOException {
    Path guide = temp.resolve("guide.md");
    Files.writeString(guide, text, StandardCharsets.UTF_8);
    return guide;
  }

  private static String fixture() throws IOException {
    return Files.readString(
        Path.of("../core/src/test/resources/baseline/guide-aligned.md"), StandardCharsets.UTF_8);
  }
}
