package dev.loadgate.cli.run;

import dev.loadgate.cli.LoadgateHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks {@code --out} before anything starts: it must be a folder loadgate can write (or one it
 * can create), so that a run never loads a target only to find it cannot keep what it measured.
 * Writability is tried, not inferred from permission bits, which root and ACLs make unreliable.
 */
final class OutFolder {
  private OutFolder() {}

  /**
   * The problems with {@code reportsRoot} as {@code --out}; empty when runs can be written there.
   */
  static List<String> problems(Path reportsRoot) {
    Path folder = reportsRoot.toAbsolutePath().normalize();
    Path existing = folder;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return List.of(problem(reportsRoot, "has no existing parent folder", "nothing on disk"));
    }
    if (!Files.isDirectory(existing)) {
      String what =
          existing.equals(folder)
              ? "is a file"
              : "lies below " + LoadgateHome.display(existing) + ", which is a file";
      return List.of(problem(reportsRoot, what, "a regular file"));
    }
    try {
      Path probe = Files.createTempFile(existing, ".loadgate-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      return List.of(
          problem(
              reportsRoot,
              existing.equals(folder)
                  ? "is not writable"
                  : "cannot be created: " + LoadgateHome.display(existing) + " is not writable",
              e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage())));
    }
    return List.of();
  }

  private static String problem(Path reportsRoot, String what, String got) {
    return "--out: "
        + LoadgateHome.display(reportsRoot)
        + " "
        + what
        + " (expected a folder loadgate can write run folders into, got "
        + got
        + "). Pass a writable folder, e.g. --out reports; nothing was started.";
  }
}
