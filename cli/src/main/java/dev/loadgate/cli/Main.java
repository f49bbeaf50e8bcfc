package dev.loadgate.cli;

import dev.loadgate.cli.baselines.BaselinesCommand;
import dev.loadgate.cli.gate.GateCommand;
import dev.loadgate.cli.run.ModuleRunSteps;
import dev.loadgate.cli.run.RunCommand;
import dev.loadgate.cli.run.RunSteps;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code loadgate} command: its subcommands, and how any failure becomes an exit code. */
@Command(
    name = "loadgate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    usageHelpAutoWidth = true,
    description = {
      "Synthetic load and baseline verification for Talk-To-My-Lawyer: loads the auth,"
          + " letter-generation, payment, download and admin-dashboard paths, judges every"
          + " documented limit and fails the build on a breach or a regression.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate run                        # the smoke gate against the embedded reference app",
      "  loadgate run --help                 # every option of a run",
      "  loadgate gate reports/<run-id>      # judge stored measurements again",
      "",
      "Exit codes: 0 pass, 1 gate failed, 2 bad input, 3 run incomplete."
    })
public final class Main implements Runnable {
  /** Columns of help text when the terminal's width is unknown (pipes, CI logs, tests). */
  static final int USAGE_WIDTH = 100;

  @Spec private CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an unexpected failure.")
  private boolean debug;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is needed (e.g. loadgate run)");
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs {@code args} with output on {@code out} and {@code err}; returns the exit code. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    return commandLine(outWriter, errWriter).execute(args);
  }

  /** The configured command line, for {@link #execute} and tests. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, ModuleRunSteps::new);
  }

  /** The command line with {@code runSteps} behind {@code loadgate run} (tests plant fakes). */
  public static CommandLine commandLine(
      PrintWriter out, PrintWriter err, Supplier<RunSteps> runSteps) {
    return commandLine(out, err, runSteps, System.getenv());
  }

  /** As above, with {@code environment} for the commands that read secrets from it (tests). */
  public static CommandLine commandLine(
      PrintWriter out,
      PrintWriter err,
      Supplier<RunSteps> runSteps,
      java.util.Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.addSubcommand("run", new RunCommand(runSteps));
    commandLine.addSubcommand("compare", new dev.loadgate.cli.compare.CompareCommand());
    commandLine.addSubcommand("calibrate", new dev.loadgate.cli.compare.CalibrateCommand());
    commandLine.addSubcommand("gate", new GateCommand());
    commandLine.addSubcommand("baselines", new BaselinesCommand());
    commandLine.addSubcommand("serve", new dev.loadgate.cli.serve.ServeCommand());
    commandLine.addSubcommand(
        "provision", new dev.loadgate.cli.provision.ProvisionCommand(environment));
    commandLine.addSubcommand("cleanup", new dev.loadgate.cli.cleanup.CleanupCommand());
    commandLine.addSubcommand("merge", new dev.loadgate.cli.merge.MergeCommand());
    commandLine.addSubcommand("version", new VersionCommand());
    // Examples and exit-code lines read best unwrapped; a terminal's own width wins (auto width).
    commandLine.setUsageHelpWidth(USAGE_WIDTH);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(Main::handleBadOptions);
    commandLine.setExecutionExceptionHandler(Main::handleFailure);
    return commandLine;
  }

  private static int handleBadOptions(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String command = commandLine.getCommandSpec().qualifiedName();
    err.println(command + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + command + " --help' for the options and examples.");
    err.flush();
    return ExitCodes.BAD_INPUT;
  }

  private static int handleFailure(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    String command = commandLine.getCommandSpec().qualifiedName();
    int code;
    if (e instanceof BadInputException) {
      err.println(command + ": " + e.getMessage());
      code = ExitCodes.BAD_INPUT;
    } else if (e instanceof IncompleteRunException) {
      err.println(command + ": " + e.getMessage());
      code = ExitCodes.INCOMPLETE;
    } else {
      err.println(
          command
              + ": failed unexpectedly ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "). Nothing more was done; rerun with --debug for the stack trace, and report it"
              + " if it happens again.");
      code = ExitCodes.INCOMPLETE;
    }
    if (debugRequested(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static boolean debugRequested(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
