package dev.loadgate.cli.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tells the user what a long run is doing. On an interactive terminal one line is rewritten in
 * place every second; elsewhere (CI logs, pipes, tests) a plain line is printed every {@link
 * #PLAIN_INTERVAL} and at each phase change, so logs stay short and readable.
 *
 * <p>Mutable and thread-safe: the run calls {@link #phase}, a daemon thread renders.
 */
public final class Progress implements AutoCloseable {
  /** How often a plain (non-terminal) progress line is printed during a phase. */
  public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

  /** How often the in-place terminal line is refreshed. */
  public static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(1);

  private final PrintWriter out;
  private final boolean interactive;
  private final LongSupplier nanoClock;
  private final ScheduledExecutorService ticker;
  private ScheduledFuture<?> task;
  private String phase;
  private long phaseStartNanos;
  private Duration planned;
  private Duration warmup;
  private LongSupplier requests = () -> 0;
  private LongSupplier errors = () -> 0;
  private boolean lineOpen;

  Progress(PrintWriter out, boolean interactive, LongSupplier nanoClock, boolean startTicker) {
    this.out = out;
    this.interactive = interactive;
    this.nanoClock = nanoClock;
    this.ticker =
        startTicker
            ? Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "loadgate-progress");
                  t.setDaemon(true);
                  return t;
                })
            : null;
  }

  /** Progress on {@code out}; in place when {@code interactive}, plain lines otherwise. */
  public static Progress start(PrintWriter out, boolean interactive) {
    Progress progress = new Progress(out, interactive, System::nanoTime, true);
    Duration every = interactive ? TERMINAL_INTERVAL : PLAIN_INTERVAL;
    progress.task =
        progress.ticker.scheduleAtFixedRate(
            progress::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return progress;
  }

  /** Whether this process writes to a person's terminal rather than a log: a console, not CI. */
  public static boolean interactiveTerminal() {
    String ci = System.getenv("CI");
    return System.console() != null && (ci == null || ci.isBlank() || ci.equals("false"));
  }

  /** Enters a phase; {@code planned} may be {@code null} when its length is unknown. */
  public synchronized void phase(String name, Duration planned) {
    endLine();
    this.phase = name;
    this.planned = planned;
    this.warmup = null;
    this.phaseStartNanos = nanoClock.getAsLong();
    print(current());
  }

  /**
   * Enters the load phase: shown as {@code warm-up} for {@code warmup}, then as {@code load}, with
   * the time left counted to the end of both.
   */
  public synchronized void load(Duration warmup, Duration measure) {
    phase(warmup.isZero() ? "load" : "warm-up", warmup.plus(measure));
    this.warmup = warmup.isZero() ? null : warmup;
  }

  /** Where request and error counts come from from now on (e.g. the live recording). */
  public synchronized void counting(LongSupplier requests, LongSupplier errors) {
    this.requests = requests;
    this.errors = errors;
  }

  /** Prints a message on its own line, without disturbing the progress line. */
  public synchronized void message(String text) {
    endLine();
    out.println(text);
    out.flush();
  }

  /** Renders the current line now; the ticker calls this. */
  public synchronized void tick() {
    if (phase != null) {
      print(current());
    }
  }

  /** The line as it would be rendered now; {@code null} before the first phase. */
  public synchronized ProgressLine current() {
    if (phase == null) {
      return null;
    }
    Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - phaseStartNanos);
    String label = warmup != null && elapsed.compareTo(warmup) >= 0 ? "load" : phase;
    return new ProgressLine(label, elapsed, planned, requests.getAsLong(), errors.getAsLong());
  }

  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
    if (ticker != null) {
      ticker.shutdownNow();
    }
    endLine();
    phase = null;
  }

  private void print(ProgressLine line) {
    if (interactive) {
      // \r returns to the line start; the padding wipes a longer previous line.
      out.print("\r" + String.format(java.util.Locale.ROOT, "%-100s", line.render()));
      lineOpen = true;
    } else {
      out.println(line.render());
    }
    out.flush();
  }

  private void endLine() {
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
  }
}
