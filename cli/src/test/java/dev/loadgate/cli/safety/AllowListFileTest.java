package dev.loadgate.cli.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.cli.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowListFileTest {
  @TempDir Path dir;

  @Test
  void readsHostsSkippingCommentsAndBlankLines() throws Exception {
    Path file = dir.resolve("allow.txt");
    Files.writeString(file, "# staging\nstaging.example.com\n\n*.preview.example.com  # PRs\n");
    assertThat(AllowListFile.read(file))
        .containsExactly("staging.example.com", "*.preview.example.com");
  }

  @Test
  void reportsEveryMalformedLineWithItsNumber() throws Exception {
    Path file = dir.resolve("allow.txt");
    Files.writeString(file, "https://staging.example.com\nok.example.com\nhost:8080\n");
    assertThatThrownBy(() -> AllowListFile.read(file))
        .isInstanceOfSatisfying(
            BadInputException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("allow.txt:1: not a host name"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("allow.txt:3: not a host name")
                                .contains("got \"host:8080\"")));
  }

  @Test
  void aMissingFileSaysSo() {
    assertThatThrownBy(() -> AllowListFile.read(dir.resolve("nope.txt")))
        .hasMessageStartingWith("--allow-list: file not found");
  }
}
