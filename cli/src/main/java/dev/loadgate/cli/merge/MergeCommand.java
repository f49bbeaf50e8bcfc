package dev.loadgate.cli.merge;

import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Series;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loadgate merge}: combines the measurements of several run folders (the shards of one
 * distributed run) exactly: histograms add, counts sum. The result is a measurements folder that
 * {@code loadgate gate} judges like any run.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Combines the measurements (histograms/ + measurements.json) of several run folders exactly,"
          + " e.g. the shards of one run spread over several injectors, into a new folder.",
      "Figures (database, e-mail, JMH) present in more than one input are taken from the last.",
      ""
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  loadgate merge reports/shard-0 reports/shard-1 --into reports/merged",
      "  loadgate gate reports/merged"
    })
public final class MergeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", arity = "2..*", description = "Run folders to merge.")
  private List<Path> runDirs = new ArrayList<>();

  @Option(
      names = "--into",
      paramLabel = "DIR",
      required = true,
      description = "The new folder for the merged measurements; must not exist yet.")
  private Path into;

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    for (Path dir : runDirs) {
      if (!Files.isRegularFile(dir.resolve(MeasurementStore.INDEX_FILE))) {
        problems.add(
            LoadgateHome.display(dir)
                + ": not a run folder (expected a folder holding "
                + MeasurementStore.INDEX_FILE
                + ", got "
                + (Files.isDirectory(dir) ? "a folder without one" : "no such folder")
                + ").");
      }
    }
    if (Files.exists(into) && !isEmptyDirectory(into)) {
      problems.add(
          "--into: "
              + LoadgateHome.display(into)
              + " already exists (expected a new folder, got an existing one). Merged results"
              + " never overwrite anything: choose another name.");
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    Measurements merged = Measurements.EMPTY;
    for (Path dir : runDirs) {
      merged = merged.merge(read(dir));
    }
    MeasurementStore.write(into, merged);
    PrintWriter out = spec.commandLine().getOut();
    long samples = merged.series(Phase.MEASURE).stream().mapToLong(Series::sampleCount).sum();
    out.println(
        String.format(
            Locale.ROOT,
            "merged %d run folders: %d series, %,d measured samples, %d figures",
            runDirs.size(),
            merged.series().size(),
            samples,
            merged.figures().size()));
    out.println("measurements: " + LoadgateHome.display(into));
    out.println("judge them with: loadgate gate " + LoadgateHome.display(into));
    return ExitCodes.PASS;
  }

  private static Measurements read(Path dir) {
    try {
      return MeasurementStore.read(dir);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new BadInputException(
          LoadgateHome.display(dir)
              + ": the measurements cannot be read ("
              + e.getMessage()
              + ").");
    }
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
