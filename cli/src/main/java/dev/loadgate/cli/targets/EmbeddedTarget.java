package dev.loadgate.cli.targets;

import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A running embedded target: the reference app in a child JVM with its own embedded PostgreSQL,
 * started by {@link EmbeddedTargets#start}. {@link #close()} stops both; so does the death of the
 * loadgate process that started it, however it dies (the child sees its stdin end).
 */
public final class EmbeddedTarget implements AutoCloseable {
  /** How long {@link #close()} waits for the child to stop the app and PostgreSQL itself. */
  static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final Path entry;
  private final URI baseUrl;
  private final TargetProfile profile;
  private final List<String> cleanedUp;
  private boolean closed;

  EmbeddedTarget(
      Process process, Path entry, URI baseUrl, TargetProfile profile, List<String> cleanedUp) {
    this.process = process;
    this.entry = entry;
    this.baseUrl = baseUrl;
    this.profile = profile;
    this.cleanedUp = List.copyOf(cleanedUp);
  }

  /** The app's base URL, {@code http://127.0.0.1:<port>}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The JDBC URL of the target's own PostgreSQL (superuser {@code postgres}, no password). */
  public Secret jdbcUrl() {
    return profile.databaseUrl().orElseThrow();
  }

  /**
   * What a client needs: URLs, the seeded accounts with their password, the admin account, portal
   * key, webhook and cron secrets, the JDBC URL.
   */
  public TargetProfile profile() {
    return profile;
  }

  /** The pid of the reference app's JVM, e.g. for its CPU time. */
  public long pid() {
    return process.pid();
  }

  /** The pid of the target's PostgreSQL postmaster, once the child has recorded it. */
  public OptionalLong postmasterPid() {
    return TargetRecords.read(entry, TargetRecords.POSTMASTER)
        .map(r -> OptionalLong.of(r.pid()))
        .orElse(OptionalLong.empty());
  }

  /**
   * CPU time used so far by the app's JVM plus PostgreSQL (postmaster and its current processes; a
   * backend that has exited no longer counts). Empty where the platform does not tell.
   */
  public Optional<Duration> cpuTime() {
    List<ProcessHandle> processes = new ArrayList<>();
    processes.add(process.toHandle());
    postmasterPid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(processes::add));
    if (processes.size() > 1) {
      processes.get(1).descendants().forEach(processes::add);
    }
    Duration total = Duration.ZERO;
    for (ProcessHandle p : processes) {
      Optional<Duration> cpu = p.info().totalCpuDuration();
      if (cpu.isEmpty()) {
        return Optional.empty();
      }
      total = total.plus(cpu.get());
    }
    return Optional.of(total);
  }

  /** What the start removed that killed runs had left behind, one line each. */
  public List<String> cleanedUp() {
    return cleanedUp;
  }

  /** The child's stderr (the app's log). */
  public Path logFile() {
    return entry.resolve(TargetRecords.CHILD_LOG);
  }

  /**
   * Stops the child: its stdin is closed, so it stops the app and PostgreSQL itself; if it has not
   * ended within {@link #STOP_WAIT} it and the postmaster are killed. Never throws; idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    EmbeddedTargets.forget(this);
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.flush();
    } catch (IOException e) {
      // Closing is what matters; a child that is gone already has nothing to read.
    }
    try {
      if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessRecord.of(process.toHandle()).kill();
      }
    } catch (InterruptedException e) {
      ProcessRecord.of(process.toHandle()).kill();
      Thread.currentThread().interrupt();
    }
    TargetRecords.read(entry, TargetRecords.POSTMASTER).ifPresent(ProcessRecord::kill);
    TargetRecords.dataDirectory(entry)
        .filter(TargetRecords::isPostgresDataDirectory)
        .ifPresent(TargetRecords::deleteTree);
    TargetRecords.deleteTree(entry);
  }

  @Override
  public String toString() {
    return "embedded target " + baseUrl + " (pid " + pid() + ")";
  }
}
