package dev.loadgate.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The live side of measurement: thread-safe, wait-free recording of every sample into an
 * HdrHistogram {@link Recorder} per series, cut into intervals by a daemon ticker.
 *
 * <p>Mutable and thread-safe. {@link #record} may be called from any number of threads; {@link
 * #snapshot()} may be called while recording goes on (for progress); {@link #finish()} takes the
 * last interval and returns the final {@link Measurements}.
 */
public final class Recording implements AutoCloseable {
  /** The interval length used unless another is given: one second. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private final Map<SeriesKey, Live> live = new ConcurrentHashMap<>();
  private final LongSupplier clockMillis;
  private final ScheduledExecutorService ticker;
  private final Object tickLock = new Object();
  private final AtomicLong totalSamples = new AtomicLong();
  private final AtomicLong totalErrors = new AtomicLong();
  private final LongAdder inFlight = new LongAdder();
  private volatile boolean closed;

  private Recording(Duration interval, LongSupplier clockMillis, boolean startTicker) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive (got " + interval + ")");
    }
    this.clockMillis = clockMillis;
    if (startTicker) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "loadgate-recording-ticker");
                t.setDaemon(true);
                return t;
              });
      long millis = interval.toMillis();
      ticker.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  /** Starts a recording that cuts an interval every {@link #DEFAULT_INTERVAL}. */
  public static Recording start() {
    return new Recording(DEFAULT_INTERVAL, System::currentTimeMillis, true);
  }

  /** Starts a recording that cuts an interval every {@code interval} (positive). */
  public static Recording start(Duration interval) {
    return new Recording(interval, System::currentTimeMillis, true);
  }

  /**
   * A recording without a ticker: intervals are cut only by explicit {@link #tick()} calls. For
   * tests and for replaying recorded samples, with a clock the caller controls.
   */
  public static Recording manual(LongSupplier clockMillis) {
    return new Recording(DEFAULT_INTERVAL, clockMillis, false);
  }

  /**
   * Records one sample.
   *
   * @param key the series
   * @param latencyNanos the sample's latency in nanoseconds; negative values are recorded as 0,
   *     values above one hour are clamped to one hour
   * @param outcome what happened
   */
  public void record(SeriesKey key, long latencyNanos, Outcome outcome) {
    // Announce the sample before reading closed: finish() waits for announced samples, so a
    // sample is either wholly in the final measurements (histogram and counts) or wholly out.
    inFlight.increment();
    try {
      if (!closed) {
        recordOpen(key, latencyNanos, outcome);
      }
    } finally {
      inFlight.decrement();
    }
  }

  private void recordOpen(SeriesKey key, long latencyNanos, Outcome outcome) {
    Live series = live.computeIfAbsent(key, k -> new Live(clockMillis.getAsLong()));
    long micros =
        Math.max(0, Math.min(latencyNanos / 1_000, Measurements.HIGHEST_TRACKABLE_MICROS));
    series.recorder.recordValue(micros);
    series.outcomes.get(outcome).increment();
    totalSamples.incrementAndGet();
    if (outcome.isError()) {
      series.errors.incrementAndGet();
      totalErrors.incrementAndGet();
    }
  }

  /** Samples recorded so far, every series and phase. */
  public long totalSamples() {
    return totalSamples.get();
  }

  /** Errors recorded so far, every series and phase. */
  public long totalErrors() {
    return totalErrors.get();
  }

  /** Cuts the current interval of every series. Called by the ticker; safe to call by hand. */
  public void tick() {
    synchronized (tickLock) {
      long now = clockMillis.getAsLong();
      for (Live series : live.values()) {
        series.cut(now);
      }
    }
  }

  /** What has been recorded up to the last completed interval; recording goes on. */
  public Measurements snapshot() {
    synchronized (tickLock) {
      Map<SeriesKey, Series> all = new LinkedHashMap<>();
      live.forEach((key, series) -> all.put(key, series.toSeries(key)));
      return new Measurements(all, Map.of());
    }
  }

  /** Stops recording, cuts the last interval and returns everything measured. Idempotent. */
  public Measurements finish() {
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    while (inFlight.sum() != 0) {
      Thread.onSpinWait(); // a record() that saw closed == false finishes in nanoseconds
    }
    tick();
    return snapshot();
  }

  /** Same as {@link #finish()}, discarding the result. */
  @Override
  public void close() {
    finish();
  }

  private static final class Live {
    final Recorder recorder = new Recorder(1, Measurements.HIGHEST_TRACKABLE_MICROS, 3);
    final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
    final AtomicLong errors = new AtomicLong();
    final List<Interval> intervals = new ArrayList<>();
    long intervalStartMillis;
    long errorsAtLastCut;
    Histogram recycle;

    Live(long startMillis) {
      intervalStartMillis = startMillis;
      for (Outcome outcome : Outcome.values()) {
        outcomes.put(outcome, new LongAdder());
      }
    }

    void cut(long nowMillis) {
      Histogram interval = recorder.getIntervalHistogram(recycle);
      long errorsNow = errors.get();
      long errorsInInterval = errorsNow - errorsAtLastCut;
      if (interval.getTotalCount() > 0) {
        // A sample recorded between reading the histogram and the error counter lands in the next
        // interval's histogram; clamp so the interval never claims more errors than samples.
        long errorsHere = Math.min(errorsInInterval, interval.getTotalCount());
        intervals.add(
            Interval.of(
                intervalStartMillis,
                Math.max(nowMillis, intervalStartMillis),
                interval,
                errorsHere));
        errorsAtLastCut += errorsHere;
      }
      recycle = interval;
      intervalStartMillis = nowMillis;
    }

    Series toSeries(SeriesKey key) {
      // While recording is live the counters may run ahead of the last cut interval by the
      // samples in flight; after close() both describe exactly the same samples.
      EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
      outcomes.forEach((outcome, adder) -> counts.put(outcome, adder.sum()));
      return new Series(key, intervals, counts);
    }
  }
}
