package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder written as the run goes: begun incomplete, finished in place, kept on failure. */
class RunReportsLiveTest {
  private static final Path DEV_FULL = Path.of("/dev/full");

  @TempDir Path reports;

  private static RunResult starting() {
    return new RunResult(
        ReportFixtures.metadata("20261129T071502Z-smoke"),
        false,
        "loadgate stopped before the end of the run",
        List.of(),
        Measurements.EMPTY,
        List.of("plan: suite smoke"));
  }

  @Test
  void aBegunFolderReadsAsIncompleteWithItsReason() {
    Path dir = RunReports.begin(reports, starting());

    RunResult read = ResultsReader.read(dir);
    assertThat(dir.getFileName()).hasToString("20261129T071502Z-smoke");
    assertThat(read.complete()).isFalse();
    assertThat(read.incompleteReason()).isEqualTo("loadgate stopped before the end of the run");
    assertThat(read.notes()).containsExactly("plan: suite smoke");
    assertThat(MeasurementStore.read(dir).series()).as("readable before any sample").isEmpty();
  }

  @Test
  void aSecondRunOfTheSameSecondGetsItsOwnFolder() {
    Path first = RunReports.begin(reports, starting());
    Path second = RunReports.begin(reports, starting());

    assertThat(second).isNotEqualTo(first);
    assertThat(second.getFileName()).hasToString("20261129T071502Z-smoke-2");
  }

  @Test
  void finishingReplacesTheResultsAndWritesEveryReport() {
    Path dir = RunReports.begin(reports, starting());

    RunReports.finish(dir, ReportFixtures.result());

    assertThat(ResultsReader.read(dir).complete()).isTrue();
    assertThat(dir.resolve(HtmlReport.FILE)).exists();
    assertThat(dir.resolve(JunitXml.FILE)).exists();
    assertThat(dir.resolve(SummaryMarkdown.FILE)).exists();
    assertThat(MeasurementStore.read(dir).series())
        .isEqualTo(ReportFixtures.result().measurements().series());
    assertThat(reports.resolve(RunIndex.FILE)).exists();
    assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".partial"));
  }

  @Test
  void aFullDiskWhileWritingTheHtmlKeepsTheFolderMeasurementsAndIncompleteMark() throws Exception {
    assumeThat(Files.isWritable(DEV_FULL)).as("/dev/full simulates a full disk").isTrue();
    Path dir = RunReports.begin(reports, starting());
    // The report is written beside its name first; that write hits ENOSPC like a full disk.
    Files.createSymbolicLink(dir.resolve(".report.html.partial"), DEV_FULL);

    assertThatThrownBy(() -> RunReports.finish(dir, ReportFixtures.result()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("could not write " + dir.resolve("report.html") + " (No space left on device)");

    assertThat(dir).isDirectory();
    assertThat(ResultsReader.read(dir).complete()).as("still marked incomplete").isFalse();
    assertThat(MeasurementStore.read(dir).series())
        .isEqualTo(ReportFixtures.result().measurements().series());
    assertThat(dir.resolve(".report.html.partial")).doesNotExist();
  }
}
