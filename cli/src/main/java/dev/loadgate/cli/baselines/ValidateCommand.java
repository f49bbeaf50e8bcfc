package dev.loadgate.cli.baselines;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.LoadgateHome;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadgate baselines validate FILE}: runs the loader alone. */
@Command(
    mixinStandardHelpOptions = true,
    name = "validate",
    usageHelpAutoWidth = true,
    description = {
      "Validate a baselines file and list every problem in it, each as file:line:col.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate baselines validate baselines/production.yaml",
      "  # prints: baselines/production.yaml: OK, 17 checks (5 paths), 4 scaling triggers,"
          + " 3 growth projections",
      "",
      "Exit codes: 0 valid, 2 invalid (every problem is listed)."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "The baselines file (default: baselines/production.yaml).")
  private Path file;

  @Override
  public Integer call() {
    Path path = LoadgateHome.orDefault(file, LoadgateHome.DEFAULT_BASELINES);
    String name = file != null ? file.toString() : LoadgateHome.display(path);
    try {
      Baselines baselines = BaselinesLoader.load(path, name);
      spec.commandLine()
          .getOut()
          .println(
              name
                  + ": OK, "
                  + baselines.checks().size()
                  + " checks ("
                  + baselines.paths().size()
                  + " paths), "
                  + baselines.capacity().scalingTriggers().size()
                  + " scaling triggers, "
                  + baselines.capacity().growth().size()
                  + " growth projections");
      spec.commandLine().getOut().flush();
      return ExitCodes.PASS;
    } catch (BaselineException e) {
      spec.commandLine().getErr().println(e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCodes.BAD_INPUT;
    }
  }
}
