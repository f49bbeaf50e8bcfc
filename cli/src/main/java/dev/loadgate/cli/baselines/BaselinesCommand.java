package dev.loadgate.cli.baselines;

import dev.loadgate.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code loadgate baselines}: the documented limits as data. Subcommands validate a baselines file,
 * compare it with the operations guide, and accept a run as the reference for relative gates.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "baselines",
    usageHelpAutoWidth = true,
    subcommands = {
      ValidateCommand.class,
      CheckGuideCommand.class,
      AcceptCommand.class,
    },
    description = {
      "Work with the documented limits (baselines/production.yaml) and accepted runs.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate baselines validate baselines/production.yaml",
      "  loadgate baselines check-guide ../shared/seed/operations-guide.md",
      "  loadgate baselines accept reports/20261129T071502Z-smoke",
      "",
      "Exit codes: 0 ok, 1 drift between guide and baselines, 2 bad input."
    })
public final class BaselinesCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println("loadgate baselines: a subcommand is needed (validate, check-guide or accept).");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }
}
