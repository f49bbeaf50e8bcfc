package dev.loadgate.report;

import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.run.RunFolder;
import dev.loadgate.run.RunFolderException;
import dev.loadgate.run.RunIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

/**
 * Writes a whole run folder, {@code <reportsRoot>/<run-id>/}: {@code results.json}, {@code
 * summary.md}, {@code junit.xml}, {@code report.html}, {@code measurements.json} and {@code
 * histograms/}; then regenerates {@code <reportsRoot>/index.html}. The folder appears atomically
 * and never replaces an existing one: when the run id is taken, the next free {@code -2}, {@code
 * -3}... suffix is used and written into the results.
 *
 * <p>{@code loadgate run} writes its folder as it goes instead ({@link #begin}, then {@link
 * #finish}): the folder exists from the start, marked incomplete, so that a crash or a kill leaves
 * it with what was measured up to then.
 */
public final class RunReports {
  private RunReports() {}

  /**
   * Writes every report of {@code result}.
   *
   * @return the run folder written (its name is the run id in its results.json)
   * @throws dev.loadgate.run.RunFolderException when the folder cannot be created or published
   */
  public static Path write(Path reportsRoot, RunResult result) {
    String preferred = result.metadata().runId();
    String runId = RunIds.unique(reportsRoot, preferred);
    RunResult named =
        runId.equals(preferred) ? result : result.withMetadata(result.metadata().withRunId(runId));
    Path runDir;
    try (RunFolder folder = RunFolder.create(reportsRoot, runId)) {
      Path dir = folder.staging();
      MeasurementStore.write(dir, named.measurements());
      ResultsJson.write(dir.resolve(ResultsJson.FILE), named);
      SummaryMarkdown.write(dir.resolve(SummaryMarkdown.FILE), named);
      JunitXml.write(dir.resolve(JunitXml.FILE), named);
      HtmlReport.write(dir.resolve(HtmlReport.FILE), named);
      runDir = folder.commit();
    }
    RunIndex.write(reportsRoot);
    return runDir;
  }

  /**
   * Creates the folder of a run that is starting, {@code <reportsRoot>/<run-id>/}, with a {@code
   * results.json} that marks it incomplete ({@code started.complete()} must be false) until {@link
   * #finish} replaces it. The run id is made unique as in {@link #write}.
   *
   * @return the run folder; its name is the run id to use in the final results
   * @throws RunFolderException when the folder cannot be created or written
   */
  public static Path begin(Path reportsRoot, RunResult started) {
    if (started.complete()) {
      throw new IllegalArgumentException("a run that is starting is incomplete until it finishes");
    }
    String preferred = started.metadata().runId();
    for (int attempt = 0; ; attempt++) {
      String runId = RunIds.unique(reportsRoot, preferred);
      Path dir = reportsRoot.resolve(runId);
      try {
        Files.createDirectories(reportsRoot);
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        if (attempt < 10) {
          continue; // another run took the id between the check and the mkdir
        }
        throw new RunFolderException(dir + ": run folder already exists; start the run again.", e);
      } catch (IOException e) {
        throw new RunFolderException(
            reportsRoot
                + ": cannot create the run folder ("
                + e
                + "). Pass a writable folder with --out.",
            e);
      }
      RunResult named = started.withMetadata(started.metadata().withRunId(runId));
      // Measurements from the start too (none yet): a run killed before its load began still
      // leaves a folder that gate reads, and judges incomplete.
      MeasurementStore.write(dir, started.measurements());
      replace(dir.resolve(ResultsJson.FILE), named, ResultsJson::render);
      return dir;
    }
  }

  /**
   * Writes every report of {@code result} into {@code runDir} (made by {@link #begin}), each file
   * beside its final name and renamed over it; {@code results.json} comes last, so until it is
   * replaced the folder still reads as incomplete. Then regenerates the run index.
   *
   * @throws UncheckedIOException when a file cannot be written (e.g. the disk is full); the files
   *     already written stay, and the folder still reads as incomplete
   */
  public static Path finish(Path runDir, RunResult result) {
    RunResult named =
        result.withMetadata(result.metadata().withRunId(runDir.getFileName().toString()));
    MeasurementStore.write(runDir, named.measurements());
    replace(runDir.resolve(SummaryMarkdown.FILE), named, SummaryMarkdown::render);
    replace(runDir.resolve(JunitXml.FILE), named, JunitXml::render);
    replace(runDir.resolve(HtmlReport.FILE), named, HtmlReport::render);
    replace(runDir.resolve(ResultsJson.FILE), named, ResultsJson::render);
    RunIndex.write(runDir.getParent());
    return runDir;
  }

  /**
   * Replaces {@code results.json} of {@code runDir} only: for a run whose other reports could not
   * be written, so that the folder says why it is incomplete.
   */
  public static void rewriteResults(Path runDir, RunResult result) {
    RunResult named =
        result.withMetadata(result.metadata().withRunId(runDir.getFileName().toString()));
    replace(runDir.resolve(ResultsJson.FILE), named, ResultsJson::render);
  }

  private static void replace(Path file, RunResult result, Function<RunResult, String> render) {
    Path staging = file.resolveSibling("." + file.getFileName() + RunFolder.STAGING_SUFFIX);
    try {
      Files.writeString(staging, render.apply(result), StandardCharsets.UTF_8);
      Files.move(
          staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(staging);
      } catch (IOException ignored) {
        // the staging file is hidden and replaced by the next attempt
      }
      throw new UncheckedIOException("could not write " + file + " (" + e.getMessage() + ")", e);
    }
  }
}
