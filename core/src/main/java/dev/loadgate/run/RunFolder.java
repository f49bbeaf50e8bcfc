package dev.loadgate.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The folder of one run, {@code <reportsRoot>/<runId>/}, written atomically: every file goes into a
 * hidden staging folder beside it ({@code .<runId>.partial}), and {@link #commit()} renames that to
 * the final name in one step, so a reader sees either no folder or a whole one. An existing run
 * folder is never overwritten.
 *
 * <p>Not thread-safe: one writer per run. {@link #close()} without {@link #commit()} deletes the
 * staging folder (an aborted run reports itself through {@code complete: false} in a folder that is
 * committed, not through half-written files).
 */
public final class RunFolder implements AutoCloseable {
  /** Suffix of staging folders; they start with a dot so that run listings skip them. */
  public static final String STAGING_SUFFIX = ".partial";

  private static final int MAX_STAGING_ATTEMPTS = 10;

  private final Path reportsRoot;
  private final String runId;
  private final Path staging;
  private boolean committed;

  private RunFolder(Path reportsRoot, String runId, Path staging) {
    this.reportsRoot = reportsRoot;
    this.runId = runId;
    this.staging = staging;
  }

  /**
   * Starts a run folder.
   *
   * @param reportsRoot where run folders live, e.g. {@code reports}; created if missing
   * @param runId the folder name; must be a {@link RunIds#isRunId run id} not yet used there
   * @throws RunFolderException when the id is malformed, already used, or the folder cannot be
   *     created
   */
  public static RunFolder create(Path reportsRoot, String runId) {
    if (!RunIds.isRunId(runId)) {
      throw new RunFolderException(
          reportsRoot
              + ": run id is malformed (expected a timestamp and label such as"
              + " \"20261129T071502Z-smoke\", got \""
              + runId
              + "\"). Build ids with RunIds.of(startedAt, suite).");
    }
    Path target = reportsRoot.resolve(runId);
    if (Files.exists(target)) {
      throw alreadyExists(target);
    }
    Path staging;
    try {
      Files.createDirectories(reportsRoot);
      // Not Files.createTempDirectory: its owner-only permissions would stick to the published
      // folder, and CI servers or colleagues must be able to read reports.
      staging = createUnique(reportsRoot, runId);
    } catch (IOException e) {
      throw new RunFolderException(
          reportsRoot
              + ": cannot create the run's staging folder ("
              + e
              + "). Check that the reports folder is writable.",
          e);
    }
    return new RunFolder(reportsRoot, runId, staging);
  }

  public String runId() {
    return runId;
  }

  /** Where files are written until {@link #commit()}. */
  public Path staging() {
    return staging;
  }

  /** The folder the run lands in after {@link #commit()}. */
  public Path target() {
    return reportsRoot.resolve(runId);
  }

  /**
   * Publishes the run: renames the staging folder to {@link #target()}.
   *
   * @return the run folder
   * @throws RunFolderException when a folder of that name appeared meanwhile (it is left untouched)
   */
  public Path commit() {
    if (committed) {
      return target();
    }
    Path target = target();
    if (Files.exists(target)) {
      throw alreadyExists(target);
    }
    try {
      // Without ATOMIC_MOVE the JDK refuses an existing target instead of letting rename(2)
      // replace an empty directory; staging and target share a parent, so this is one rename.
      Files.move(staging, target);
    } catch (FileAlreadyExistsException e) {
      throw alreadyExists(target);
    } catch (IOException e) {
      throw new RunFolderException(
          target + ": cannot publish the run folder (" + e + "). The files are in " + staging, e);
    }
    committed = true;
    return target;
  }

  /** Deletes the staging folder unless the run was committed. */
  @Override
  public void close() {
    if (committed || !Files.exists(staging)) {
      return;
    }
    try {
      deleteTree(staging);
    } catch (IOException e) {
      throw new RunFolderException(
          staging + ": cannot remove the unfinished staging folder (" + e + "). Delete it by hand.",
          e);
    }
  }

  private static Path createUnique(Path reportsRoot, String runId) throws IOException {
    for (int attempt = 0; ; attempt++) {
      String token = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
      Path candidate = reportsRoot.resolve("." + runId + "." + token + STAGING_SUFFIX);
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= MAX_STAGING_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static RunFolderException alreadyExists(Path target) {
    return new RunFolderException(
        target
            + ": run folder already exists (expected a new run id, got \""
            + target.getFileName()
            + "\"). Runs are never overwritten; use RunIds.unique or start a new run.");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
