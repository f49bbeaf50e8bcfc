package dev.loadgate.cli.baselines;

import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.verdict.AcceptedRunException;
import dev.loadgate.verdict.AcceptedRuns;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadgate baselines accept RUN_DIR}: stores a run as the reference for relative gates. */
@Command(
    mixinStandardHelpOptions = true,
    name = "accept",
    usageHelpAutoWidth = true,
    description = {
      "Accept a complete run as the reference for relative gates: copies its measurements and"
          + " environment into baselines/accepted/<run-id>/. Never overwrites an accepted run.",
      "Refuses, with the reasons, a run that is incomplete, failed its gate, ran with injected"
          + " faults (--inject) or has no results.json, unless --force.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate baselines accept reports/20261129T071502Z-smoke",
      "  # prints: accepted run 20261129T071502Z-smoke into baselines/accepted/20261129T071502Z-smoke",
      "  loadgate gate reports/<later-run> --against baselines/accepted/20261129T071502Z-smoke",
      "",
      "  loadgate baselines accept reports/20261129T073721Z-smoke --force   # a FAIL run, knowingly",
      "",
      "Exit codes: 0 accepted, 2 bad input (no run folder; an incomplete, failed or fault-injected"
          + " run without --force; already accepted)."
    })
final class AcceptCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder under reports/.")
  private Path runDir;

  @Option(
      names = "--into",
      paramLabel = "DIR",
      description = "Where accepted runs live (default: baselines/accepted).")
  private Path into;

  @Option(
      names = "--force",
      description =
          "Accept a run that is incomplete, failed its gate or ran with injected faults; the"
              + " accepted run records what was forced.")
  private boolean force;

  @Override
  public Integer call() {
    Path acceptedDir = LoadgateHome.orDefault(into, LoadgateHome.DEFAULT_ACCEPTED);
    try {
      Path stored = AcceptedRuns.accept(runDir, acceptedDir, force);
      spec.commandLine()
          .getOut()
          .println(
              "accepted run " + stored.getFileName() + " into " + LoadgateHome.display(stored));
      spec.commandLine().getOut().flush();
      return ExitCodes.PASS;
    } catch (AcceptedRunException e) {
      spec.commandLine().getErr().println("loadgate baselines accept: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCodes.BAD_INPUT;
    }
  }
}
