package dev.loadgate.cli.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Records of the embedded targets this machine runs, one folder each below {@link #root()}, so that
 * a start can remove what a killed loadgate left behind:
 *
 * <pre>
 * loadgate-targets/&lt;owner pid&gt;-&lt;random&gt;/
 *   owner        the loadgate process that started the target ("&lt;pid&gt; &lt;start millis&gt;")
 *   child        the reference app's JVM
 *   postmaster   its PostgreSQL postmaster, and on the next line the data directory
 *   child.log    the child's stderr
 *   accounts.yaml  the seeded accounts (passwords by variable name only)
 * </pre>
 *
 * An entry is stale when its owner no longer runs (the pid is gone, or now belongs to a process
 * that started at another time). Cleaning it kills the child and the postmaster (with their
 * descendants) if they still run, deletes the data directory and then the entry. Entries of a live
 * owner are never touched, so several loadgate runs on one machine leave each other alone.
 */
public final class TargetRecords {
  /** The system property that moves the records folder (tests use their own). */
  public static final String ROOT_PROPERTY = "loadgate.targets.dir";

  static final String OWNER = "owner";
  static final String CHILD = "child";
  static final String POSTMASTER = "postmaster";
  static final String CHILD_LOG = "child.log";
  static final String ACCOUNTS = "accounts.yaml";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TargetRecords() {}

  /** {@code -Dloadgate.targets.dir}, else {@code <java.io.tmpdir>/loadgate-targets}. */
  public static Path root() {
    String configured = System.getProperty(ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "loadgate-targets").toAbsolutePath();
  }

  /**
   * A new entry owned by this process. The owner file is written before the entry appears under its
   * final name, so a concurrent cleaner never sees an entry without an owner.
   */
  static Path create(Path root) {
    ProcessRecord owner = ProcessRecord.current();
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    String name = owner.pid() + "-" + HexFormat.of().formatHex(random);
    try {
      Files.createDirectories(root);
      Path staged = Files.createTempDirectory(root, ".new-");
      Files.writeString(staged.resolve(OWNER), owner.text() + "\n", StandardCharsets.UTF_8);
      Path entry = root.resolve(name);
      Files.move(staged, entry, StandardCopyOption.ATOMIC_MOVE);
      return entry;
    } catch (IOException e) {
      throw new UncheckedIOException(
          root + ": cannot record the embedded target (" + e.getMessage() + ")", e);
    }
  }

  static void writeChild(Path entry, ProcessRecord child) {
    write(entry.resolve(CHILD), child.text() + "\n");
  }

  /** Written by the child once its PostgreSQL runs. */
  public static void writePostmaster(Path entry, ProcessHandle postmaster, Path dataDirectory) {
    write(
        entry.resolve(POSTMASTER),
        ProcessRecord.of(postmaster).text() + "\n" + dataDirectory.toAbsolutePath() + "\n");
  }

  static Optional<ProcessRecord> read(Path entry, String file) {
    return lines(entry.resolve(file)).stream().findFirst().flatMap(ProcessRecord::parse);
  }

  static Optional<Path> dataDirectory(Path entry) {
    List<String> lines = lines(entry.resolve(POSTMASTER));
    return lines.size() < 2 || lines.get(1).isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(lines.get(1).trim()));
  }

  /**
   * Cleans every stale entry below {@code root}.
   *
   * @return one line per entry cleaned, saying what was killed and deleted
   */
  public static List<String> cleanStale(Path root) {
    List<String> cleaned = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return cleaned;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        Optional<ProcessRecord> owner = read(entry, OWNER);
        if (owner.isPresent() && !owner.get().isAlive()) {
          cleaned.add(clean(entry, owner.get()));
        }
      }
    } catch (IOException e) {
      cleaned.add(root + ": could not be listed (" + e.getMessage() + ")");
    }
    return cleaned;
  }

  private static String clean(Path entry, ProcessRecord owner) {
    List<String> done = new ArrayList<>();
    read(entry, CHILD)
        .filter(ProcessRecord::kill)
        .ifPresent(child -> done.add("killed its reference app (pid " + child.pid() + ")"));
    read(entry, POSTMASTER)
        .filter(ProcessRecord::kill)
        .ifPresent(pm -> done.add("killed its PostgreSQL (postmaster pid " + pm.pid() + ")"));
    dataDirectory(entry)
        .filter(TargetRecords::isPostgresDataDirectory)
        .ifPresent(
            dir -> {
              deleteTree(dir);
              done.add("deleted its data directory " + dir);
            });
    deleteTree(entry);
    return String.format(
        Locale.ROOT,
        "removed the embedded target of a loadgate that is gone (pid %d)%s",
        owner.pid(),
        done.isEmpty() ? "; nothing was left running" : ": " + String.join(", ", done));
  }

  /** Only a PostgreSQL data directory is deleted, whatever a record file says. */
  static boolean isPostgresDataDirectory(Path dir) {
    return dir.isAbsolute() && Files.isRegularFile(dir.resolve("PG_VERSION"));
  }

  /** Deletes {@code dir} and everything in it; a file that vanished meanwhile is fine. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // Left for the next start's cleaning; a run must not fail over a leftover file.
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // as above
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void write(Path file, String text) {
    try {
      Path staged = file.resolveSibling("." + file.getFileName() + ".new");
      Files.writeString(staged, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          file + ": cannot record the embedded target (" + e.getMessage() + ")", e);
    }
  }
}
