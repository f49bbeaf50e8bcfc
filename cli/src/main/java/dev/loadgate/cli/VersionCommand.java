package dev.loadgate.cli;

import dev.loadgate.run.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loadgate version}: loadgate's version and the Java it runs on. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description =
        "Prints loadgate's version, the commit of the loadgate checkout and the Java runtime.",
    footerHeading = "%nExample:%n",
    footer = "  loadgate version")
public final class VersionCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : new Provider().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
    return ExitCodes.PASS;
  }

  /** The version lines, shared by {@code version} and {@code --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String commit = Environment.gitCommit(LoadgateHome.home());
      return new String[] {
        "loadgate "
            + version()
            + (commit.equals(Environment.UNKNOWN)
                ? ""
                : " (commit " + commit.substring(0, Math.min(12, commit.length())) + ")"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + "), "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
      };
    }
  }

  /** The project version the jar was built from, or {@code unknown}. */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}
