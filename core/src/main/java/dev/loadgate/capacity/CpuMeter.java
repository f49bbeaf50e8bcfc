package dev.loadgate.capacity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The one seam through which capacity runs read CPU: cumulative CPU time of a process and all its
 * descendants, from Linux's {@code /proc/<pid>/stat} (user + system time, its own and that of
 * reaped children), so a process tree such as PostgreSQL's postmaster and its backends counts as
 * one. Utilisation between two readings is {@code Δcpu / (Δwall × cores)}.
 */
public final class CpuMeter {
  /** Linux's USER_HZ: the unit of the times in {@code /proc/<pid>/stat}, 100 on every arch. */
  static final double TICKS_PER_SECOND = 100;

  private final long pid;
  private final boolean descendants;
  private final String describes;
  private final Path proc;
  private final int cores;
  private final LongSupplier nanoClock;
  private final String unavailable;

  private CpuMeter(
      long pid,
      boolean descendants,
      String describes,
      Path proc,
      int cores,
      LongSupplier nanoClock,
      String unavailable) {
    this.pid = pid;
    this.descendants = descendants;
    this.describes = describes;
    this.proc = proc;
    this.cores = cores;
    this.nanoClock = nanoClock;
    this.unavailable = unavailable;
  }

  /** A meter of process {@code pid} and its descendants on this machine. */
  public static CpuMeter processTree(long pid, String describes) {
    return of(pid, true, describes, Path.of("/proc"), cores(), System::nanoTime);
  }

  /** A meter of process {@code pid} alone (its own threads, no child processes). */
  public static CpuMeter process(long pid, String describes) {
    return of(pid, false, describes, Path.of("/proc"), cores(), System::nanoTime);
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** A meter over another {@code /proc} (tests plant files there). */
  static CpuMeter of(
      long pid,
      boolean descendants,
      String describes,
      Path proc,
      int cores,
      LongSupplier nanoClock) {
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be positive (got " + pid + ")");
    }
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1 (got " + cores + ")");
    }
    return new CpuMeter(pid, descendants, describes, proc, cores, nanoClock, null);
  }

  /** A meter that reads nothing and says why. */
  public static CpuMeter unavailable(String reason) {
    return new CpuMeter(
        0, false, "", Path.of("/proc"), 1, System::nanoTime, Objects.requireNonNull(reason));
  }

  /** What the figures cover, or why there are none. */
  public String describes() {
    return unavailable != null ? "not measured: " + unavailable : describes;
  }

  /** A reading now; call {@link Reading#percentSince} on a later one. */
  public Reading read() {
    if (unavailable != null) {
      return new Reading(Double.NaN, nanoClock.getAsLong(), cores);
    }
    return new Reading(treeCpuSeconds(), nanoClock.getAsLong(), cores);
  }

  /**
   * One reading.
   *
   * @param cpuSeconds cumulative CPU seconds of the tree; {@code NaN} when unreadable
   * @param wallNanos the wall clock at the reading, nanoseconds of an arbitrary origin
   * @param cores the machine's cores
   */
  public record Reading(double cpuSeconds, long wallNanos, int cores) {
    /** CPU utilisation since {@code earlier}, percent of all cores; {@code NaN} when unreadable. */
    public double percentSince(Reading earlier) {
      double wall = (wallNanos - earlier.wallNanos) / 1e9;
      if (!(wall > 0) || Double.isNaN(cpuSeconds) || Double.isNaN(earlier.cpuSeconds)) {
        return Double.NaN;
      }
      return Math.max(0, 100 * (cpuSeconds - earlier.cpuSeconds) / (wall * cores));
    }
  }

  private double treeCpuSeconds() {
    Map<Long, Stat> all = new HashMap<>();
    try (Stream<Path> entries = Files.list(proc)) {
      entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(p -> stat(p.resolve("stat")).ifPresent(s -> all.put(s.pid, s)));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    if (!all.containsKey(pid)) {
      return Double.NaN;
    }
    Map<Long, List<Stat>> children = new HashMap<>();
    all.values().forEach(s -> children.computeIfAbsent(s.ppid, k -> new ArrayList<>()).add(s));
    double ticks = 0;
    List<Stat> todo = new ArrayList<>(List.of(all.get(pid)));
    while (!todo.isEmpty()) {
      Stat s = todo.remove(todo.size() - 1);
      ticks += descendants ? s.ticks : s.ownTicks;
      if (descendants) {
        todo.addAll(children.getOrDefault(s.pid, List.of()));
      }
    }
    return ticks / TICKS_PER_SECOND;
  }

  private record Stat(long pid, long ppid, long ownTicks, long ticks) {}

  /** Fields 4 (ppid) and 14 to 17 (utime, stime, cutime, cstime), after the parenthesised name. */
  private static java.util.Optional<Stat> stat(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      int close = text.lastIndexOf(')');
      String[] f = text.substring(close + 2).trim().split("\\s+");
      long pid = Long.parseLong(text.substring(0, text.indexOf(' ')).trim());
      long ppid = Long.parseLong(f[1]);
      long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      long reaped = Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return java.util.Optional.of(new Stat(pid, ppid, own, own + reaped));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
