package dev.loadgate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIdsTest {
  @Test
  void idIsUtcSecondsAndASluggedLabel() {
    Instant started = Instant.parse("2026-11-29T07:15:02.987Z");
    assertThat(RunIds.of(started, "smoke")).isEqualTo("20261129T071502Z-smoke");
    assertThat(RunIds.of(started, "Pre Release/Soak!"))
        .isEqualTo("20261129T071502Z-pre-release-soak");
    assertThat(RunIds.of(started, "  ")).isEqualTo("20261129T071502Z");
  }

  @Test
  void idsSortByStartTime() {
    String earlier = RunIds.of(Instant.parse("2026-11-29T07:15:02Z"), "smoke");
    String later = RunIds.of(Instant.parse("2026-11-29T10:00:00Z"), "aaa");
    assertThat(earlier).isLessThan(later);
  }

  @Test
  void recognisesRunIds() {
    assertThat(RunIds.isRunId("20261129T071502Z-smoke")).isTrue();
    assertThat(RunIds.isRunId("20261129T071502Z-smoke-2")).isTrue();
    assertThat(RunIds.isRunId("../etc")).isFalse();
    assertThat(RunIds.isRunId("20261129T071502Z-Smoke")).isFalse();
    assertThat(RunIds.isRunId(null)).isFalse();
  }

  @Test
  void uniqueAddsTheFirstFreeSuffix(@TempDir Path root) throws Exception {
    assertThat(RunIds.unique(root, "20261129T071502Z-smoke")).isEqualTo("20261129T071502Z-smoke");
    Files.createDirectory(root.resolve("20261129T071502Z-smoke"));
    Files.createDirectory(root.resolve("20261129T071502Z-smoke-2"));
    assertThat(RunIds.unique(root, "20261129T071502Z-smoke")).isEqualTo("20261129T071502Z-smoke-3");
  }
}
