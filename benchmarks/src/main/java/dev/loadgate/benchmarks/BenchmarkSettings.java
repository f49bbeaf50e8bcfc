package dev.loadgate.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How long and how often to run each benchmark. Immutable; two presets: {@link #smoke()} for CI and
 * {@link #preRelease()} for a release candidate.
 *
 * @param kinds which benchmark families to run; not empty
 * @param forks JVM forks per benchmark, 1 to 10; each fork starts cold, so forks expose run-to-run
 *     variance that iterations inside one JVM hide
 * @param warmupIterations warm-up iterations per fork, 0 to 100; their results are discarded
 * @param warmupTime length of one warm-up iteration, 100 ms to 10 min
 * @param measurementIterations measured iterations per fork, 1 to 100
 * @param measurementTime length of one measured iteration, 100 ms to 10 min
 * @param iterationTimeout an iteration still running after this is interrupted and the benchmark
 *     fails, 1 s to 1 h
 * @param forkJvmArgs extra JVM arguments of each fork (e.g. {@code -Xmx512m}); never secrets, they
 *     are visible in the process list
 * @param logDirectory where JMH's human-readable output goes, one {@code jmh-<benchmark>.log} per
 *     benchmark; empty discards it
 */
public record BenchmarkSettings(
    Set<BenchmarkKind> kinds,
    int forks,
    int warmupIterations,
    Duration warmupTime,
    int measurementIterations,
    Duration measurementTime,
    Duration iterationTimeout,
    List<String> forkJvmArgs,
    Optional<Path> logDirectory) {
  private static final Duration MIN_ITERATION = Duration.ofMillis(100);
  private static final Duration MAX_ITERATION = Duration.ofMinutes(10);

  public BenchmarkSettings {
    Objects.requireNonNull(kinds, "kinds");
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException(
          "benchmark settings: kinds must not be empty (expected some of SERVICE, SQL, HARNESS,"
              + " got none)");
    }
    kinds = Set.copyOf(kinds);
    range("forks", forks, 1, 10);
    range("warmupIterations", warmupIterations, 0, 100);
    range("measurementIterations", measurementIterations, 1, 100);
    range("warmupTime", warmupTime, MIN_ITERATION, MAX_ITERATION);
    range("measurementTime", measurementTime, MIN_ITERATION, MAX_ITERATION);
    range("iterationTimeout", iterationTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
    forkJvmArgs = List.copyOf(forkJvmArgs);
    logDirectory = Objects.requireNonNullElse(logDirectory, Optional.empty());
  }

  /**
   * For the smoke suite and CI: every kind, 1 fork, 2 × 1 s warm-up, 3 × 1 s measurement. About 6 s
   * plus a JVM start per benchmark; p95s of a short run on a shared machine are noisy (see
   * docs/benchmarks.md).
   */
  public static BenchmarkSettings smoke() {
    return new BenchmarkSettings(
        EnumSet.allOf(BenchmarkKind.class),
        1,
        2,
        Duration.ofSeconds(1),
        3,
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        List.of("-Xms256m", "-Xmx512m"),
        Optional.empty());
  }

  /**
   * For a release candidate: every kind, 3 forks, 5 × 5 s warm-up, 10 × 5 s measurement. About 3
   * min per benchmark.
   */
  public static BenchmarkSettings preRelease() {
    return new BenchmarkSettings(
        EnumSet.allOf(BenchmarkKind.class),
        3,
        5,
        Duration.ofSeconds(5),
        10,
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        List.of("-Xms512m", "-Xmx1g"),
        Optional.empty());
  }

  public BenchmarkSettings withKinds(Set<BenchmarkKind> value) {
    return new BenchmarkSettings(
        value,
        forks,
        warmupIterations,
        warmupTime,
        measurementIterations,
        measurementTime,
        iterationTimeout,
        forkJvmArgs,
        logDirectory);
  }

  /** Same settings with shorter iterations, e.g. for integration tests. */
  public BenchmarkSettings withIterations(
      int warmupCount, Duration warmupLength, int measurementCount, Duration measurementLength) {
    return new BenchmarkSettings(
        kinds,
        forks,
        warmupCount,
        warmupLength,
        measurementCount,
        measurementLength,
        iterationTimeout,
        forkJvmArgs,
        logDirectory);
  }

  /** Same settings, keeping JMH's output in {@code directory}. */
  public BenchmarkSettings withLogDirectory(Path directory) {
    return new BenchmarkSettings(
        kinds,
        forks,
        warmupIterations,
        warmupTime,
        measurementIterations,
        measurementTime,
        iterationTimeout,
        forkJvmArgs,
        Optional.of(directory));
  }

  /** Rejects {@code value} outside {@code [min, max]} with the house message. */
  private static <T extends Comparable<T>> void range(String name, T value, T min, T max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "benchmark settings: "
              + name
              + " out of range (expected "
              + min
              + " to "
              + max
              + ", got "
              + value
              + ")");
    }
  }
}
