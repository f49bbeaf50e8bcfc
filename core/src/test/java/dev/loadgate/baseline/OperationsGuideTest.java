package dev.loadgate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsGuideTest {
  static final Baselines PRODUCTION =
      BaselinesLoader.load(Path.of("../test-fixtures/baselines.yaml"));

  @Test
  void extractsEveryDocumentedLimitWithItsLine() throws IOException {
    OperationsGuide.Extract extract = OperationsGuide.parse(fixture(), "guide.md", PRODUCTION);

    assertThat(extract.limits()).hasSize(25);
    assertThat(extract.unknown()).isEmpty();
    assertThat(extract.limits())
        .contains(
            new DocumentedLimit("errors.payment.rate", "<", 5, "%", "guide.md:13"),
            new DocumentedLimit("latency.api.p95", "<", 5_000, "ms", "guide.md:15"),
            new DocumentedLimit("latency.api.p95.warning", "<", 2_000, "ms", "guide.md:23"),
            new DocumentedLimit("latency.letter_generation.p95", "<", 30_000, "ms", "guide.md:32"),
            new DocumentedLimit("db.index_hit.ratio", ">", 99, "%", "guide.md:41"),
            new DocumentedLimit("email.batch.max", "<", 120_000, "ms", "guide.md:46"),
            new DocumentedLimit("capacity.growth.database", "", 10, "x", "guide.md:55"),
            new DocumentedLimit("capacity.scaling.api", ">", 2_000, "ms", "guide.md:59"));
  }

  @Test
  void findsNoDriftWhenGuideAndBaselinesAgree() throws IOException {
    assertThat(drift(fixture())).isEmpty();
  }

  @Test
  void reportsEveryDifferenceBetweenGuideAndBaselines() throws IOException {
    String drifted =
        fixture()
            .replace("**Authentication**: < 500ms", "**Authentication**: < 400ms")
            .replace("- **Bounce Rate**: < 2%\n", "")
            .replace(
                "- **File Downloads**: < 2 seconds",
                "- **File Downloads**: < 2 seconds\n- **Search**: < 800ms");

    assertThat(drift(drifted))
        .containsExactly(
            "latency.auth.p95: the guide says < 400 ms (guide.md:31), production.yaml says < 500 ms"
                + " (paths.auth)",
            "email.bounce.rate: production.yaml has < 2 % (checks.email.bounce.rate), the guide"
                + " documents no such limit",
            "guide.md:36: Search: < 800ms: a documented limit loadgate does not know (expected the"
                + " title of a check in production.yaml). Add the check there or drop it from the"
                + " guide.");
  }

  @Test
  void reportsALimitTheBaselinesLack() throws IOException {
    Baselines withoutGrowth =
        new Baselines(
            PRODUCTION.source(),
            PRODUCTION.defaults(),
            PRODUCTION.checks(),
            new Capacity(PRODUCTION.capacity().scalingTriggers(), List.of()));

    List<String> drift =
        OperationsGuide.drift(
            OperationsGuide.parse(fixture(), "guide.md", PRODUCTION), withoutGrowth, "b.yaml");

    assertThat(drift)
        .containsExactly(
            "capacity.growth.users: the guide documents 20 % (guide.md:52), b.yaml has no such"
                + " limit. Add it.",
            "capacity.growth.letters: the guide documents 25 % (guide.md:53), b.yaml has no such"
                + " limit. Add it.",
            "capacity.growth.database: the guide documents 10x (guide.md:55), b.yaml has no such"
                + " limit. Add it.");
  }

  @Test
  void agreesWithTheRealOperationsGuideWhenItIsAvailable() {
    // The guide sits beside the checkout (../shared/seed); tests run in the core module.
    Path seed = Path.of("../../shared/seed/000_4c9c49738cfe2c47.txt");
    if (!Files.isRegularFile(seed)) {
      seed = Path.of("../shared/seed/000_4c9c49738cfe2c47.txt");
    }
    assumeThat(Files.isRegularFile(seed))
        .as("the operations guide is not on this machine")
        .isTrue();

    OperationsGuide.Extract extract = OperationsGuide.read(seed, PRODUCTION);

    assertThat(extract.limits()).hasSize(25);
    assertThat(OperationsGuide.drift(extract, PRODUCTION, "production.yaml")).isEmpty();
  }

  @Test
  void aCheckAddedToTheBaselinesIsFoundInTheGuideByItsTitleWithNoJavaChange() throws IOException {
    Baselines withNewCheck =
        BaselinesLoader.load(Path.of("../test-fixtures/baselines-new-check.yaml"));
    String guide =
        fixture()
            .replace(
                "  - Letter generation failure rate > 10% in 1 hour\n",
                "  - Letter generation failure rate > 10% in 1 hour\n"
                    + "  - Download failure rate > 3% in 1 hour\n");

    OperationsGuide.Extract extract = OperationsGuide.parse(guide, "guide.md", withNewCheck);

    assertThat(extract.limits())
        .contains(new DocumentedLimit("errors.download.rate", "<", 3, "%", "guide.md:26"));
    assertThat(OperationsGuide.drift(extract, withNewCheck, "b.yaml"))
        .containsExactly(
            "errors.download.rate: the guide says < 3 % (guide.md:26), b.yaml says < 1 %"
                + " (checks.errors.download.rate)");
  }

  private static List<String> drift(String guide) {
    return OperationsGuide.drift(
        OperationsGuide.parse(guide, "guide.md", PRODUCTION), PRODUCTION, "production.yaml");
  }

  private String fixture() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/baseline/guide-aligned.md")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
