package dev.loadgate.cli.targets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process as a pid plus its start time, so that a pid the kernel has since given to another
 * process is never mistaken for the one recorded (nor killed in its place).
 *
 * @param pid the process id, above zero
 * @param startEpochMillis when the process started (milliseconds since the epoch), or -1 when the
 *     platform does not say; then the pid alone identifies it
 */
record ProcessRecord(long pid, long startEpochMillis) {
  /** How long {@link #kill} waits for each process to be gone. */
  static final Duration KILL_WAIT = Duration.ofSeconds(10);

  ProcessRecord {
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be above zero (got " + pid + ")");
    }
  }

  static ProcessRecord of(ProcessHandle process) {
    return new ProcessRecord(
        process.pid(), process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L));
  }

  static ProcessRecord current() {
    return of(ProcessHandle.current());
  }

  /** Reads the text form, {@code "<pid> <startEpochMillis>"}. */
  static Optional<ProcessRecord> parse(String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ProcessRecord(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  String text() {
    return pid + " " + startEpochMillis;
  }

  /** The live process this record names, if it still runs (same pid and same start time). */
  Optional<ProcessHandle> live() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                startEpochMillis < 0
                    || p.info()
                        .startInstant()
                        .map(start -> start.toEpochMilli() == startEpochMillis)
                        .orElse(true));
  }

  boolean isAlive() {
    return live().isPresent();
  }

  /**
   * Kills the process and every descendant it has (SIGKILL: what is killed here is a leftover whose
   * owner is gone, with nothing left to save), waiting up to {@link #KILL_WAIT} for each.
   *
   * @return whether the process was alive and is now gone
   */
  boolean kill() {
    Optional<ProcessHandle> process = live();
    if (process.isEmpty()) {
      return false;
    }
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process.get());
    process.get().descendants().forEach(all::add);
    all.forEach(ProcessHandle::destroyForcibly);
    boolean gone = true;
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException | TimeoutException e) {
        gone = false;
      }
    }
    return gone;
  }
}
