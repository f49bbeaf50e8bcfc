package dev.loadgate.cli.run;

import dev.loadgate.cli.ExitCodes;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Turns Ctrl-C and SIGTERM into an orderly end of a run: the JVM's shutdown hook aborts the run,
 * waits for it to write its folder (marked incomplete) and to stop the embedded target, then ends
 * the process with the run's exit code (3). A JVM shutdown hook is the one portable way to see both
 * signals; {@code Runtime.halt} is what sets the exit code from inside it.
 */
public final class ShutdownGuard implements AutoCloseable {
  /** How long the hook waits for the run to write its folder before giving up. */
  static final Duration GRACE = Duration.ofSeconds(90);

  private final Thread hook;

  private ShutdownGuard(Thread hook) {
    this.hook = hook;
  }

  public static ShutdownGuard install(RunControl control, PrintWriter err) {
    Thread hook =
        new Thread(
            () -> {
              if (!control.isStarted() || control.awaitFinished(Duration.ZERO) >= 0) {
                return;
              }
              err.println();
              err.println(
                  "loadgate: interrupted; stopping the load and writing what was measured so far...");
              err.flush();
              control.abort("interrupted by a signal (Ctrl-C or SIGTERM)");
              int code = control.awaitFinished(GRACE);
              Runtime.getRuntime().halt(code < 0 ? ExitCodes.INCOMPLETE : code);
            },
            "loadgate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return new ShutdownGuard(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      // The hook is running or about to: it ends the process itself.
    }
  }
}
