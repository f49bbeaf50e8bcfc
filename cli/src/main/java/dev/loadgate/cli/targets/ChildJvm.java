package dev.loadgate.cli.targets;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How loadgate starts a child JVM of its own: the same {@code java} and the same classpath (the fat
 * jar, or the test classpath), the JVM flags of {@code jvm.options} (the checkout's one place for
 * them, read as a java argument file) plus the child's own, then a main class.
 */
public final class ChildJvm {
  /** Extra flags for every child JVM (e.g. {@code -Xmx2g}), split at white space. */
  public static final String OPTS_ENV = "LOADGATE_TARGET_JAVA_OPTS";

  /**
   * The flags of a reference-app child: the app's own logging configuration (its INFO lines, none
   * of Gatling's), headless for PDF rendering, English messages.
   */
  static final List<String> TARGET_FLAGS =
      List.of(
          "-Dlogback.configurationFile=refapp-logback.xml",
          "-Djava.awt.headless=true",
          "-Duser.language=en",
          "-Duser.country=US");

  private ChildJvm() {}

  /** {@code java <flags> [OPTS_ENV] -cp <this JVM's classpath> <mainClass> <args>}. */
  static List<String> command(
      Map<String, String> environment, List<String> flags, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    jvmOptions().ifPresent(file -> command.add("@" + file));
    command.addAll(flags);
    String extra = environment.getOrDefault(OPTS_ENV, "").trim();
    if (!extra.isEmpty()) {
      command.addAll(Arrays.asList(extra.split("\\s+")));
    }
    command.add("-cp");
    command.add(classpath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** {@code <loadgate.home>/jvm.options}, when loadgate runs from a checkout that has it. */
  static java.util.Optional<Path> jvmOptions() {
    String home = System.getProperty("loadgate.home");
    if (home == null || home.isBlank()) {
      return java.util.Optional.empty();
    }
    Path file = Path.of(home, "jvm.options").toAbsolutePath();
    return java.nio.file.Files.isRegularFile(file)
        ? java.util.Optional.of(file)
        : java.util.Optional.empty();
  }

  /** This JVM's classpath with every entry absolute, so the child may run in any folder. */
  static String classpath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
