package dev.loadgate.report;

import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.run.RunFolder;
import dev.loadgate.run.RunIds;
import java.nio.file.Path;

/**
 * Writes a whole run folder, {@code <reportsRoot>/<run-id>/}: {@code results.json}, {@code
 * summary.md}, {@code junit.xml}, {@code report.html}, {@code measurements.json} and {@code
 * histograms/}; then regenerates {@code <reportsRoot>/index.html}. The folder appears atomically
 * and never replaces an existing one: when the run id is taken, the next free {@code -2}, {@code
 * -3}... suffix is used and written into the results.
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
}
