package dev.loadgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.config.YamlTree.MapNode;
import dev.loadgate.config.YamlTree.Scalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlTreeTest {
  @TempDir Path dir;

  @Test
  void readsMappingsListsAndScalarsWithTheirPlace() {
    YamlTree.Document doc = YamlTree.parse("a:\n  b: [1, x]\n  c: ~\n", "t.yaml");

    assertThat(doc.problems()).isEmpty();
    MapNode a = (MapNode) ((MapNode) doc.root().orElseThrow()).get("a").value();
    assertThat(a.get("b").keyAt()).isEqualTo(new YamlTree.At(2, 3));
    assertThat(((Scalar) a.get("c").value()).isNull()).isTrue();
    assertThat(a.get("c").value().describe()).isEqualTo("nothing");
  }

  @Test
  void rejectsAFiftyMegabyteFileBeforeReadingIt() throws IOException {
    Path big = dir.resolve("big.yaml");
    byte[] scalar = new byte[50 << 20];
    java.util.Arrays.fill(scalar, (byte) 'x');
    Files.write(big, "key: ".getBytes(StandardCharsets.UTF_8));
    Files.write(big, scalar, java.nio.file.StandardOpenOption.APPEND);

    YamlTree.Document doc = YamlTree.read(big, "big.yaml", "no such file");

    assertThat(doc.unreadable()).isTrue();
    assertThat(doc.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "big.yaml: file too large (expected at most 1048576 bytes, got 52428805). A"
                + " configuration file is a few KiB; is this the right file?");
  }

  @Test
  void reportsAScalarLongerThanTheLimitWithItsPlace() {
    String text = "title: " + "y".repeat(YamlTree.MAX_SCALAR_CHARS + 1) + "\n";

    assertThat(YamlTree.parse(text, "t.yaml").problems())
        .extracting(Problem::toString)
        .containsExactly(
            "t.yaml:1:8: title: value too long (expected at most 10000 characters, got 10001)");
  }

  @Test
  void readsAScalarOfAlmostTheWholeFileLimitWithoutHanging() {
    // A 1 MiB scalar is the worst an accepted file can hold; it must be read and refused.
    String text = "title: " + "z".repeat(YamlTree.MAX_FILE_BYTES - 10) + "\n";

    assertThat(YamlTree.parse(text, "t.yaml").problems())
        .singleElement()
        .asString()
        .startsWith("t.yaml:1:8: title: value too long");
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    String text = "[".repeat(YamlTree.MAX_DEPTH + 5) + "]".repeat(YamlTree.MAX_DEPTH + 5);

    YamlTree.Document doc = YamlTree.parse(text, "t.yaml");

    assertThat(doc.unreadable()).isTrue();
    assertThat(doc.problems().get(0).message())
        .startsWith("nested too deep (expected at most 32 levels");
  }

  @Test
  void reportsInvalidUtf8WithItsLine() {
    byte[] text = "a: 1\nb: caf\u00e9\nc: \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(YamlTree.parse(text, "t.yaml").problems())
        .extracting(Problem::toString)
        .containsExactly(
            "t.yaml:2:7: not valid UTF-8 (expected UTF-8 text, got the byte 0xE9). Save the file"
                + " as UTF-8.");
  }

  @Test
  void reportsDuplicateKeysKeepingTheFirst() {
    YamlTree.Document doc = YamlTree.parse("a:\n  x: 1\n  x: 2\n", "t.yaml");

    assertThat(doc.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "t.yaml:3:3: duplicate key \"x\" in a (expected each key once, first at line 2)");
    MapNode a = (MapNode) ((MapNode) doc.root().orElseThrow()).get("a").value();
    assertThat(((Scalar) a.get("x").value()).text()).isEqualTo("1");
  }

  @Test
  void rejectsAnAnchoredMapping() {
    assertThat(YamlTree.parse("a: &shared {x: 1}\n", "t.yaml").problems())
        .extracting(Problem::toString)
        .containsExactly(
            "t.yaml:1:4: a: YAML anchors are not supported (expected a plain value, got &shared)."
                + " Write each value where it is used.");
  }

  @Test
  void anEmptyDocumentHasNoRootAndNoProblem() {
    YamlTree.Document doc = YamlTree.parse("# nothing\n", "t.yaml");

    assertThat(doc.root()).isEmpty();
    assertThat(doc.problems()).isEqualTo(List.of());
  }
}
