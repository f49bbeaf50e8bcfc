package dev.loadgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fat jar that {@code ./loadgate} runs holds what loadgate needs at run time. A dependency
 * declared with the wrong scope in a pom compiles and passes every in-process test, and only fails
 * once a real run starts; this catches it without starting anything.
 */
class FatJarIT {
  private static final Path JAR = Path.of("target/loadgate.jar");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "org/HdrHistogram/Recorder.class",
        "com/fasterxml/jackson/dataformat/yaml/YAMLFactory.class",
        "org/yaml/snakeyaml/LoaderOptions.class",
        "picocli/CommandLine.class",
        "io/gatling/app/Gatling.class",
        "org/openjdk/jmh/runner/Runner.class",
        "org/postgresql/Driver.class",
        "dev/loadgate/config/YamlTree.class",
        "dev/loadgate/refapp/ReferenceApp.class"
      })
  void holdsEveryRunTimeDependency(String entry) throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getEntry(entry)).as("%s in %s", entry, JAR).isNotNull();
    }
  }
}
