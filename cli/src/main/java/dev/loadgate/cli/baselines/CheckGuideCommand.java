package dev.loadgate.cli.baselines;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.baseline.OperationsGuide;
import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.LoadgateHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadgate baselines check-guide GUIDE.md}: keeps the guide and the gate from drifting. */
@Command(
    mixinStandardHelpOptions = true,
    name = "check-guide",
    usageHelpAutoWidth = true,
    description = {
      "Read the documented limits out of a Markdown operations guide (Performance Baselines,"
          + " Alert Thresholds, Capacity Planning) and list every difference from the baselines"
          + " file.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate baselines check-guide ../shared/seed/operations-guide.md",
      "  # prints: ... and baselines/production.yaml agree: 25 documented limits",
      "  loadgate baselines check-guide docs/ops-guide.md --baselines my-limits.yaml",
      "",
      "Exit codes: 0 aligned, 1 drift (each difference listed), 2 bad input."
    })
final class CheckGuideCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "GUIDE.md", description = "The operations guide.")
  private Path guide;

  @Option(
      names = "--baselines",
      paramLabel = "FILE",
      description = "The baselines file (default: baselines/production.yaml).")
  private Path baselinesFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path path = LoadgateHome.orDefault(baselinesFile, LoadgateHome.DEFAULT_BASELINES);
    String name = baselinesFile != null ? baselinesFile.toString() : LoadgateHome.display(path);
    try {
      Baselines baselines = BaselinesLoader.load(path, name);
      OperationsGuide.Extract extract = OperationsGuide.read(guide, baselines);
      List<String> drift = OperationsGuide.drift(extract, baselines, name);
      if (drift.isEmpty()) {
        out.println(
            guide + " and " + name + " agree: " + extract.limits().size() + " documented limits");
        out.flush();
        return ExitCodes.PASS;
      }
      out.println(drift.size() + " differences between " + guide + " and " + name + ":");
      drift.forEach(line -> out.println("  " + line));
      out.flush();
      return ExitCodes.GATE_FAILED;
    } catch (BaselineException e) {
      err.println(e.getMessage());
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
  }
}
