package dev.loadgate.measure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes a {@link Recording} into a run folder while the run goes, so that a crash or a {@code kill
 * -9} leaves every interval up to the last flush: each series' {@code .hlog} (the format {@link
 * MeasurementStore} writes) is appended with the intervals cut since the previous flush, in one
 * write per file, and then {@code measurements.json} is replaced by an index marked live that
 * describes exactly the intervals appended. {@link MeasurementStore#read} reads such a folder.
 *
 * <p>Flushes run on a daemon thread every {@code every}; {@link #close()} stops them after a last
 * flush. A failed flush (a full disk) is reported to the error handler once and retried at the next
 * flush; it never stops the run. Thread-safe.
 */
public final class LiveMeasurementLog implements AutoCloseable {
  /**
   * How often the live log is flushed unless told otherwise: every second, as intervals are cut.
   */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Recording.DEFAULT_INTERVAL;

  private final Path folder;
  private final Supplier<Measurements> source;
  private final Consumer<String> onError;
  private final ScheduledExecutorService flusher;
  private final Map<SeriesKey, String> files = new HashMap<>();
  private final Map<SeriesKey, Integer> written = new HashMap<>();
  private final Set<String> usedFiles = new HashSet<>();
  private boolean failing;
  private boolean closed;

  private LiveMeasurementLog(
      Path folder, Supplier<Measurements> source, Duration every, Consumer<String> onError) {
    this.folder = folder;
    this.source = source;
    this.onError = onError;
    if (every == null) {
      flusher = null;
    } else {
      flusher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "loadgate-live-log");
                t.setDaemon(true);
                return t;
              });
      long millis = every.toMillis();
      flusher.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Starts flushing {@code recording} into {@code folder} every {@code every}.
   *
   * @param onError told (once per failure streak) why a flush failed, e.g. a full disk
   */
  public static LiveMeasurementLog start(
      Path folder, Recording recording, Duration every, Consumer<String> onError) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("flush interval must be positive (got " + every + ")");
    }
    return new LiveMeasurementLog(folder, recording::snapshot, every, onError);
  }

  /** A live log flushed only by explicit {@link #flush()} calls (tests). */
  static LiveMeasurementLog manual(Path folder, Supplier<Measurements> source) {
    return new LiveMeasurementLog(folder, source, null, message -> {});
  }

  /** Appends what was cut since the last flush, then rewrites the live index. */
  public synchronized void flush() {
    if (closed) {
      return;
    }
    try {
      append(source.get());
      failing = false;
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        onError.accept(
            folder
                + ": the live measurement log could not be written ("
                + e.getMessage()
                + "); retrying every flush. The final reports are written at the end as usual.");
      }
      failing = true;
    }
  }

  private void append(Measurements snapshot) throws IOException {
    ArrayNode nodes = MeasurementStore.newArray();
    for (Phase phase : Phase.values()) {
      for (Series series : snapshot.series(phase)) {
        List<Interval> intervals = series.intervals();
        if (intervals.isEmpty()) {
          continue;
        }
        String file =
            files.computeIfAbsent(series.key(), key -> MeasurementStore.uniqueFile(key, usedFiles));
        int done = written.getOrDefault(series.key(), 0);
        if (intervals.size() > done) {
          Path log = folder.resolve(file);
          Files.createDirectories(log.getParent());
          appendBytes(
              log,
              MeasurementStore.logText(
                  series, intervals.subList(done, intervals.size()), done == 0));
          written.put(series.key(), intervals.size());
        }
        Series flushed = flushed(series);
        nodes.add(MeasurementStore.seriesNode(flushed, file, flushed.sampleCount()));
      }
    }
    MeasurementStore.replace(
        folder.resolve(MeasurementStore.INDEX_FILE), MeasurementStore.index(nodes, Map.of(), true));
  }

  /**
   * The series as its log holds it: the intervals cut so far, with outcome counts that sum to their
   * samples (the live counters may run ahead of the last cut by the samples in flight).
   */
  private static Series flushed(Series series) {
    long samples = series.intervals().stream().mapToLong(Interval::count).sum();
    EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    long assigned = 0;
    for (Outcome outcome : Outcome.values()) {
      if (outcome != Outcome.OK) {
        long count = Math.min(series.outcomeCounts().get(outcome), samples - assigned);
        counts.put(outcome, count);
        assigned += count;
      }
    }
    counts.put(Outcome.OK, samples - assigned);
    return new Series(series.key(), series.intervals(), counts);
  }

  private static void appendBytes(Path file, byte[] bytes) throws IOException {
    // One write call per flush: a kill between two flushes leaves whole lines only.
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  /** Flushes once more and stops; the final {@link MeasurementStore#write} comes after. */
  @Override
  public void close() {
    if (flusher != null) {
      flusher.shutdownNow();
      try {
        flusher.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
    synchronized (this) {
      closed = true;
    }
  }
}
