package dev.loadgate.cli.run;

import dev.loadgate.cli.IncompleteRunException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets a run be stopped from outside (Ctrl-C, SIGTERM) while keeping what it measured. Blocking
 * steps run on a worker thread through {@link #call}; {@link #abort} wakes the run, which then
 * finishes its recording, writes the run folder marked incomplete and calls {@link #finished}.
 *
 * <p>Thread-safe.
 */
public final class RunControl {
  /** Thrown by {@link #call} in the run's thread once the run was aborted. */
  public static final class AbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AbortedException(String reason) {
      super(reason);
    }
  }

  private final CompletableFuture<String> abortReason = new CompletableFuture<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger exitCode = new AtomicInteger(-1);
  private volatile boolean started;

  /** Marks the run as started: from now on an abort waits for its run folder. */
  public void started() {
    started = true;
  }

  public boolean isStarted() {
    return started;
  }

  /** Asks the run to stop; the first reason wins. Returns at once. */
  public void abort(String reason) {
    abortReason.complete(reason);
  }

  public boolean isAborted() {
    return abortReason.isDone();
  }

  /** Why the run was aborted, or empty. */
  public String abortReason() {
    return abortReason.getNow("");
  }

  /**
   * Runs {@code step} on a daemon worker thread and returns its result, unless the run is aborted
   * first: then the worker is interrupted and left behind, and {@link AbortedException} is thrown.
   * A runtime exception of the step is rethrown as it is.
   */
  public <T> T call(String name, Callable<T> step) {
    if (isAborted()) {
      throw new AbortedException(abortReason());
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                result.complete(step.call());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            },
            "loadgate-" + name);
    worker.setDaemon(true);
    worker.start();
    try {
      CompletableFuture.anyOf(result, abortReason).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort("the run's thread was interrupted");
    } catch (ExecutionException e) {
      // anyOf completes exceptionally when the step fails: handled below.
    }
    if (!result.isDone()) {
      worker.interrupt();
      throw new AbortedException(abortReason());
    }
    try {
      return result.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IncompleteRunException(name + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AbortedException("the run's thread was interrupted");
    }
  }

  /** The run wrote its folder and ends with {@code code}. */
  public void finished(int code) {
    exitCode.set(code);
    finished.countDown();
  }

  /** Waits up to {@code timeout} for {@link #finished}; returns the exit code, or -1 on timeout. */
  public int awaitFinished(Duration timeout) {
    try {
      return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? exitCode.get() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
