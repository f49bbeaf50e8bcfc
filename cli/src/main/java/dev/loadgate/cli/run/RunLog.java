package dev.loadgate.cli.run;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import dev.loadgate.cli.LoadgateHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Keeps the console quiet during a run: library logging (Gatling, HikariCP, Jetty, embedded
 * PostgreSQL) and uncaught stack traces go to {@code loadgate.log} in the run folder instead of the
 * console; the console gets one line per problem (per logger, with its count) and the pointer to
 * the file, from {@link #consoleLines()}.
 *
 * <p>Logging is global to the JVM, so this is too: one run per JVM, as for Gatling. Thread-safe.
 */
final class RunLog {
  /** The file in the run folder. */
  static final String FILE = "loadgate.log";

  /** At most this many problem lines reach the console; the rest are counted. */
  static final int MAX_CONSOLE_LINES = 5;

  private static final int MAX_MESSAGE_CHARS = 160;

  private static volatile RunLog active;

  private final Path file;
  private final Map<String, Problem> problems = new LinkedHashMap<>();

  private RunLog(Path file) {
    this.file = file;
  }

  /**
   * Sends all logging to {@code runFolder/loadgate.log} from now on (WARN and above from libraries,
   * as before) and routes uncaught exceptions of any thread there. Does nothing when logback is not
   * the logging backend.
   */
  static RunLog into(Path runFolder) {
    RunLog log = new RunLog(runFolder.resolve(FILE));
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return log;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("loadgate-run-file");
    appender.setFile(log.file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    AppenderBase<ILoggingEvent> counter =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
              log.count(
                  event.getLoggerName(), event.getLevel().toString(), event.getFormattedMessage());
            }
          }
        };
    counter.setContext(context);
    counter.setName("loadgate-run-console-lines");
    counter.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    // Below WARN, Gatling and Netty log whole requests, headers (Authorization, apikey) included:
    // whatever configured the context before (or logback's DEBUG default when nothing did), the
    // run's log takes warnings and errors only, so no secret reaches the file.
    root.setLevel(Level.WARN);
    for (Logger configured : context.getLoggerList()) {
      if (configured != root
          && configured.getLevel() != null
          && !configured.getLevel().isGreaterOrEqual(Level.WARN)) {
        configured.setLevel(Level.WARN);
      }
    }
    root.addAppender(appender);
    root.addAppender(counter);
    org.slf4j.Logger uncaught = LoggerFactory.getLogger("loadgate.uncaught");
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> uncaught.error("uncaught exception in thread " + thread.getName(), e));
    active = log;
    return log;
  }

  /** The run's log, when one was opened in this JVM. */
  static java.util.Optional<RunLog> active() {
    return java.util.Optional.ofNullable(active);
  }

  private synchronized void count(String logger, String level, String message) {
    String first = message == null ? "" : message.lines().findFirst().orElse("");
    if (first.length() > MAX_MESSAGE_CHARS) {
      first = first.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
    String shown = first;
    problems.computeIfAbsent(logger, k -> new Problem(level, shortName(logger), shown)).count++;
  }

  /**
   * For the console: one line per logger that warned or failed, with the count and its first
   * message, and where the details are; empty when nothing was logged.
   */
  synchronized List<String> consoleLines() {
    if (problems.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    int shown = 0;
    long hidden = 0;
    for (Problem p : problems.values()) {
      if (shown++ < MAX_CONSOLE_LINES) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%-5s %s: %s%s",
                p.level,
                p.logger,
                p.firstMessage,
                p.count > 1 ? " (" + p.count + " times)" : ""));
      } else {
        hidden += p.count;
      }
    }
    if (hidden > 0) {
      lines.add("... and " + hidden + " more");
    }
    lines.add("details and stack traces: " + LoadgateHome.display(file));
    return List.copyOf(lines);
  }

  private static String shortName(String logger) {
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }

  private static final class Problem {
    final String level;
    final String logger;
    final String firstMessage;
    long count;

    Problem(String level, String logger, String firstMessage) {
      this.level = level;
      this.logger = logger;
      this.firstMessage = firstMessage;
    }
  }
}
