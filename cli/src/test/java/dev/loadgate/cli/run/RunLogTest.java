package dev.loadgate.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Library logging of a run goes to loadgate.log; the console gets one line per logger. */
class RunLogTest {
  @TempDir Path runFolder;

  @AfterEach
  void restoreTheDefaultLoggingConfiguration() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void warningsAndStackTracesGoToTheFileAndTheConsoleGetsOneLinePerLogger() throws Exception {
    PrintStream originalOut = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    RunLog log;
    try {
      System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
      log = RunLog.into(runFolder);
      Logger hikari = LoggerFactory.getLogger("com.zaxxer.hikari.pool.PoolBase");
      Logger gatling = LoggerFactory.getLogger("io.gatling.http.engine.HttpEngine");
      for (int i = 0; i < 3; i++) {
        hikari.warn(
            "refapp - Failed to validate connection (closed)", new IllegalStateException("x"));
      }
      gatling.error("request failed\nsecond line");
      LoggerFactory.getLogger("quiet.Library").info("not a problem");
    } finally {
      System.setOut(originalOut);
    }

    String file = Files.readString(runFolder.resolve(RunLog.FILE));
    assertThat(file)
        .contains("WARN  [main] com.zaxxer.hikari.pool.PoolBase - refapp - Failed to validate")
        .contains("java.lang.IllegalStateException: x")
        .contains("\tat ");
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(log.consoleLines())
        .containsExactly(
            "WARN  PoolBase: refapp - Failed to validate connection (closed) (3 times)",
            "ERROR HttpEngine: request failed",
            "details and stack traces: " + runFolder.resolve(RunLog.FILE));
  }

  @Test
  void requestDumpsBelowWarnNeverReachTheFileWhateverTheLevelsWereBefore() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .setLevel(ch.qos.logback.classic.Level.DEBUG);
    context.getLogger("io.gatling.http").setLevel(ch.qos.logback.classic.Level.TRACE);

    RunLog.into(runFolder);
    Logger tx = LoggerFactory.getLogger("io.gatling.http.engine.tx.HttpTxExecutor");
    tx.debug("Write request: Authorization: Bearer planted-secret-in-a-debug-line");
    tx.info("Sending request: apikey planted-secret-in-an-info-line");
    tx.warn("request failed");

    String file = Files.readString(runFolder.resolve(RunLog.FILE));
    assertThat(file).contains("request failed").doesNotContain("planted-secret");
  }

  @Test
  void nothingLoggedMeansNothingOnTheConsole() {
    assertThat(RunLog.into(runFolder).consoleLines()).isEmpty();
  }
}
