package dev.loadgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
  private static final String ID = "20261129T071502Z-smoke";

  @Test
  void filesAppearOnlyAfterCommit(@TempDir Path root) throws Exception {
    try (RunFolder folder = RunFolder.create(root, ID)) {
      Files.writeString(folder.staging().resolve("results.json"), "{}");
      assertThat(folder.staging().getFileName().toString()).startsWith(".");
      assertThat(root.resolve(ID)).doesNotExist();
      Path published = folder.commit();
      assertThat(published).isEqualTo(root.resolve(ID));
      assertThat(published.resolve("results.json")).hasContent("{}");
    }
    assertThat(names(root)).containsExactly(ID);
  }

  @Test
  void refusesAnExistingRunFolderAndLeavesItUntouched(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve(ID));
    Files.writeString(root.resolve(ID).resolve("results.json"), "old");
    assertThatThrownBy(() -> RunFolder.create(root, ID))
        .isInstanceOf(RunFolderException.class)
        .hasMessage(
            root.resolve(ID)
                + ": run folder already exists (expected a new run id, got \""
                + ID
                + "\"). Runs are never overwritten; use RunIds.unique or start a new run.");
    assertThat(root.resolve(ID).resolve("results.json")).hasContent("old");
  }

  @Test
  void refusesWhenTheFolderAppearsBeforeCommit(@TempDir Path root) throws Exception {
    try (RunFolder folder = RunFolder.create(root, ID)) {
      Files.createDirectory(root.resolve(ID));
      assertThatThrownBy(folder::commit)
          .isInstanceOf(RunFolderException.class)
          .hasMessageContaining("run folder already exists");
    }
    assertThat(names(root)).containsExactly(ID);
    assertThat(root.resolve(ID)).isEmptyDirectory();
  }

  @Test
  void closeWithoutCommitRemovesTheStagingFolder(@TempDir Path root) throws Exception {
    try (RunFolder folder = RunFolder.create(root, ID)) {
      Files.createDirectories(folder.staging().resolve("histograms/measure"));
      Files.writeString(folder.staging().resolve("histograms/measure/a.hlog"), "x");
    }
    assertThat(names(root)).isEmpty();
  }

  @Test
  void rejectsAMalformedIdWithAHint(@TempDir Path root) {
    assertThatThrownBy(() -> RunFolder.create(root, "../escape"))
        .isInstanceOf(RunFolderException.class)
        .hasMessage(
            root
                + ": run id is malformed (expected a timestamp and label such as"
                + " \"20261129T071502Z-smoke\", got \"../escape\"). Build ids with"
                + " RunIds.of(startedAt, suite).");
  }

  @Test
  void twoWritersOfOneIdStageApartAndOnlyTheFirstPublishes(@TempDir Path root) throws Exception {
    try (RunFolder first = RunFolder.create(root, ID);
        RunFolder second = RunFolder.create(root, ID)) {
      assertThat(first.staging()).isNotEqualTo(second.staging());
      assertThat(first.staging().getFileName().toString())
          .startsWith("." + ID + ".")
          .endsWith(RunFolder.STAGING_SUFFIX);
      Files.writeString(first.staging().resolve("who"), "first");
      Files.writeString(second.staging().resolve("who"), "second");
      first.commit();
      assertThatThrownBy(second::commit).hasMessageContaining("run folder already exists");
    }
    assertThat(root.resolve(ID).resolve("who")).hasContent("first");
    assertThat(names(root)).containsExactly(ID);
  }

  @Test
  void publishedFolderHasTheUsualPermissionsNotOwnerOnly(@TempDir Path root) throws Exception {
    try (RunFolder folder = RunFolder.create(root, ID)) {
      folder.commit();
    }
    Path plain = Files.createDirectory(root.resolve("plain"));
    assertThat(Files.getPosixFilePermissions(root.resolve(ID)))
        .isEqualTo(Files.getPosixFilePermissions(plain));
  }

  private static java.util.List<String> names(Path root) throws Exception {
    try (Stream<Path> list = Files.list(root)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
