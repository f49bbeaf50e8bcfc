package dev.loadgate.dbprobe;

import dev.loadgate.measure.Figure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the target's PostgreSQL while load runs and reports four figures at {@link #stop()}:
 *
 * <ul>
 *   <li>{@value #QUERY_MEAN} (ms): mean execution time over every data statement that ran during
 *       the probe, from the {@code pg_stat_statements} delta between start and stop; the evidence
 *       lists the {@value #SLOWEST_STATEMENTS} slowest statements (calls, mean and total ms).
 *   <li>{@value #POOL_UTILIZATION} (%): the peak of open client connections (the probe's own left
 *       out) over {@code max_connections}, sampled every interval; the evidence holds peak, mean
 *       and the limit.
 *   <li>{@value #LOCK_WAIT_MAX} (ms): the longest lock wait seen in {@code pg_locks} (ungranted
 *       locks, {@code clock_timestamp() - waitstart}). A lower bound: a wait is seen at the samples
 *       it spans, so resolution is one sample interval and waits shorter than one may go unseen.
 *   <li>{@value #INDEX_HIT_RATIO} (%): index blocks found in shared buffers over all index blocks
 *       read, from the {@code pg_statio_user_indexes} delta between start and stop.
 * </ul>
 *
 * <p>Mutable; {@link #start} begins sampling in a daemon thread, {@link #stop()} ends it and may be
 * called from any thread (again returns the same figures). The probe only reads; a role with {@code
 * pg_read_all_stats} sees everything, a plain read-only role sees the numbers but not other roles'
 * statement texts. Whatever cannot be read becomes {@link Figure#missing} with the reason and the
 * fix. Cumulative statistics (index hit ratio) are flushed by each backend at most once a second
 * and within ten seconds of going idle, so the last second of a run may count towards the next one.
 */
public final class DbProbe implements AutoCloseable {
  public static final String QUERY_MEAN = "db.query.mean";
  public static final String POOL_UTILIZATION = "db.pool.utilization";
  public static final String LOCK_WAIT_MAX = "db.lock_wait.max";
  public static final String INDEX_HIT_RATIO = "db.index_hit.ratio";

  /** The {@link Figure#source()} of every figure this probe produces. */
  public static final String SOURCE = "db-probe";

  /** How many of the slowest statements the evidence of {@value #QUERY_MEAN} lists. */
  public static final int SLOWEST_STATEMENTS = 5;

  /** Shortest sample interval accepted: 10 ms. */
  public static final Duration MIN_SAMPLE_INTERVAL = Duration.ofMillis(10);

  /** Longest sample interval accepted: one minute. */
  public static final Duration MAX_SAMPLE_INTERVAL = Duration.ofMinutes(1);

  private static final String CONNECTIONS =
      "select "
          + JdbcTarget.MARKER
          + " count(*) filter (where backend_type = 'client backend'),"
          + " current_setting('max_connections')::int"
          + " from pg_stat_activity where pid <> pg_backend_pid()";
  private static final String LONGEST_LOCK_WAIT =
      "select "
          + JdbcTarget.MARKER
          + " extract(epoch from (clock_timestamp() - l.waitstart)) * 1000 as waited_ms,"
          + " l.locktype, l.mode, coalesce(l.relation::regclass::text, '') as relation,"
          + " coalesce(a.query, '') as query"
          + " from pg_locks l left join pg_stat_activity a on a.pid = l.pid"
          + " where not l.granted and l.waitstart is not null"
          + " order by waited_ms desc limit 1";
  private static final String INDEX_BLOCKS =
      "select "
          + JdbcTarget.MARKER
          + " coalesce(sum(idx_blks_hit), 0), coalesce(sum(idx_blks_read), 0)"
          + " from pg_statio_user_indexes";

  private final String jdbcUrl;
  private final Connection connection;
  private final String connectProblem;
  private final ScheduledExecutorService sampler;

  private final Reading<StatementStats> statementsAtStart;
  private final Reading<long[]> indexBlocksAtStart;

  // Written by the sampler thread only; read after it has terminated.
  private final ConnectionSamples connections = new ConnectionSamples();
  private final LockWaitSamples lockWaits = new LockWaitSamples();

  private final AtomicLong samplesTaken = new AtomicLong();

  private List<Figure> figures;

  private DbProbe(String jdbcUrl, Duration sampleInterval) {
    this.jdbcUrl = jdbcUrl;
    Connection opened = null;
    String problem = null;
    try {
      opened = JdbcTarget.open(jdbcUrl);
    } catch (SQLException e) {
      problem =
          "cannot connect to "
              + JdbcTarget.redacted(jdbcUrl)
              + " ("
              + JdbcTarget.describe(e, jdbcUrl)
              + "); check the database URL, that PostgreSQL is up and that the role may connect";
    }
    this.connection = opened;
    this.connectProblem = problem;
    if (opened == null) {
      statementsAtStart = Reading.failed(problem);
      indexBlocksAtStart = Reading.failed(problem);
      sampler = null;
      return;
    }
    flushStatistics();
    statementsAtStart = readStatements();
    indexBlocksAtStart = readIndexBlocks();
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "loadgate-dbprobe");
              thread.setDaemon(true);
              return thread;
            });
    long millis = sampleInterval.toMillis();
    sampler.scheduleWithFixedDelay(this::sample, 0, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Connects to the database and starts sampling. Never fails for database reasons: a database that
   * cannot be reached yields missing figures at {@link #stop()} that say why.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL, credentials as {@code user}/{@code password}
   *     parameters; never echoed anywhere with its credentials
   * @param sampleInterval time between samples of connections and lock waits, from {@link
   *     #MIN_SAMPLE_INTERVAL} to {@link #MAX_SAMPLE_INTERVAL}; it is the lock-wait resolution, so
   *     keep it well below the 50 ms lock-wait limit's order of magnitude (e.g. 25 ms) when lock
   *     waits matter
   * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL or the interval is out
   *     of range
   */
  public static DbProbe start(String jdbcUrl, Duration sampleInterval) {
    JdbcTarget.requireJdbcUrl(jdbcUrl, "db-probe");
    if (sampleInterval == null
        || sampleInterval.compareTo(MIN_SAMPLE_INTERVAL) < 0
        || sampleInterval.compareTo(MAX_SAMPLE_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "db-probe: sample interval out of range (expected 10ms to 1m, got "
              + sampleInterval
              + "). Use e.g. Duration.ofMillis(25)");
    }
    return new DbProbe(jdbcUrl, sampleInterval);
  }

  /**
   * Stops sampling, reads the final statistics and returns the four figures in the order {@value
   * #QUERY_MEAN}, {@value #POOL_UTILIZATION}, {@value #LOCK_WAIT_MAX}, {@value #INDEX_HIT_RATIO}.
   * Idempotent.
   */
  public synchronized List<Figure> stop() {
    if (figures != null) {
      return figures;
    }
    if (connection == null) {
      figures =
          List.of(
              missing(QUERY_MEAN, "ms", connectProblem),
              missing(POOL_UTILIZATION, "%", connectProblem),
              missing(LOCK_WAIT_MAX, "ms", connectProblem),
              missing(INDEX_HIT_RATIO, "%", connectProblem));
      return figures;
    }
    sampler.shutdown();
    try {
      if (!sampler.awaitTermination(30, TimeUnit.SECONDS)) {
        sampler.shutdownNow();
      }
    } catch (InterruptedException e) {
      sampler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    sample(); // at least one sample, and the state at the very end
    flushStatistics();
    figures =
        List.of(
            queryMean(readStatements()),
            connections.figure(),
            lockWaits.figure(),
            indexHitRatio(readIndexBlocks()));
    try {
      connection.close();
    } catch (SQLException e) {
      // Nothing to report: the figures are complete.
    }
    return figures;
  }

  /** Stops the probe, discarding the figures. */
  @Override
  public void close() {
    stop();
  }

  private void sample() {
    connections.sample(connection, jdbcUrl);
    lockWaits.sample(connection, jdbcUrl);
    samplesTaken.incrementAndGet();
  }

  /** Sample rounds completed so far; lets tests wait for the sampler instead of sleeping. */
  long samplesTaken() {
    return samplesTaken.get();
  }

  private Figure queryMean(Reading<StatementStats> atStop) {
    if (statementsAtStart.problem() != null || atStop.problem() != null) {
      String problem =
          statementsAtStart.problem() != null ? statementsAtStart.problem() : atStop.problem();
      return missing(QUERY_MEAN, "ms", problem);
    }
    List<StatementStats.Entry> all = atStop.value().since(statementsAtStart.value());
    List<StatementStats.Entry> delta =
        all.stream().filter(e -> !StatementStats.isHidden(e.query())).toList();
    long hiddenCalls =
        all.stream()
            .filter(e -> StatementStats.isHidden(e.query()))
            .mapToLong(StatementStats.Entry::calls)
            .sum();
    long calls = delta.stream().mapToLong(StatementStats.Entry::calls).sum();
    double totalMillis = delta.stream().mapToDouble(StatementStats.Entry::totalMillis).sum();
    if (calls == 0 && hiddenCalls > 0) {
      // Hidden rows mix transaction control with data statements: no honest mean without them.
      return missing(
          QUERY_MEAN,
          "ms",
          "pg_stat_statements hides "
              + hiddenCalls
              + " calls of other roles' statements from the probe's role: GRANT pg_read_all_stats"
              + " to it (still read-only)");
    }
    if (calls == 0) {
      return missing(
          QUERY_MEAN,
          "ms",
          "no data statement ran on database "
              + JdbcTarget.redacted(jdbcUrl)
              + " while the probe ran; check that the probe watches the target's database");
    }
    return new Figure(
        QUERY_MEAN,
        totalMillis / calls,
        "ms",
        calls,
        SOURCE,
        delta.size()
            + " distinct statements; evidence: the slowest by mean execution time"
            + (hiddenCalls > 0
                ? "; " + hiddenCalls + " calls of other roles' statements were hidden and left out"
                : ""),
        StatementStats.slowest(delta, SLOWEST_STATEMENTS));
  }

  private Figure indexHitRatio(Reading<long[]> atStop) {
    if (indexBlocksAtStart.problem() != null || atStop.problem() != null) {
      String problem =
          indexBlocksAtStart.problem() != null ? indexBlocksAtStart.problem() : atStop.problem();
      return missing(INDEX_HIT_RATIO, "%", problem);
    }
    long hits = Math.max(0, atStop.value()[0] - indexBlocksAtStart.value()[0]);
    long reads = Math.max(0, atStop.value()[1] - indexBlocksAtStart.value()[1]);
    if (hits + reads == 0) {
      return missing(
          INDEX_HIT_RATIO,
          "%",
          "no index block was accessed in user tables while the probe ran; run load that uses"
              + " indexes, or a longer run (backends flush statistics within 10 s of going idle)");
    }
    Map<String, String> row = new LinkedHashMap<>();
    row.put("idx_blks_hit", Long.toString(hits));
    row.put("idx_blks_read", Long.toString(reads));
    return new Figure(
        INDEX_HIT_RATIO,
        100.0 * hits / (hits + reads),
        "%",
        hits + reads,
        SOURCE,
        "index blocks found in shared buffers over all index blocks accessed",
        List.of(row));
  }

  private Reading<StatementStats> readStatements() {
    try {
      return Reading.of(StatementStats.read(connection));
    } catch (SQLException e) {
      return Reading.failed(StatementStats.problem(connection, e, jdbcUrl));
    }
  }

  private Reading<long[]> readIndexBlocks() {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(INDEX_BLOCKS)) {
      rows.next();
      return Reading.of(new long[] {rows.getLong(1), rows.getLong(2)});
    } catch (SQLException e) {
      return Reading.failed(
          "cannot read pg_statio_user_indexes (" + JdbcTarget.describe(e, jdbcUrl) + ")");
    }
  }

  /**
   * Since PostgreSQL 15 statistics are flushed lazily: flush this backend's and drop any cached
   * snapshot so that the next read sees what other backends have flushed.
   */
  private void flushStatistics() {
    execute("select " + JdbcTarget.MARKER + " pg_stat_force_next_flush()"); // PostgreSQL 15+
    execute("select " + JdbcTarget.MARKER + " 1");
    execute("select " + JdbcTarget.MARKER + " pg_stat_clear_snapshot()");
  }

  private void execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      // Best effort: an older server or a restricted role still gives usable, if staler, numbers.
    }
  }

  private static Figure missing(String id, String unit, String reason) {
    return Figure.missing(id, unit, SOURCE, reason);
  }

  /** A value read from the database, or why it could not be read. */
  private record Reading<T>(T value, String problem) {
    static <T> Reading<T> of(T value) {
      return new Reading<>(value, null);
    }

    static <T> Reading<T> failed(String problem) {
      return new Reading<>(null, problem);
    }
  }

  /** Open client connections against max_connections, sample by sample. */
  private static final class ConnectionSamples {
    private long samples;
    private long peakOpen;
    private long sumOpen;
    private int maxConnections;
    private String problem;

    void sample(Connection connection, String jdbcUrl) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(CONNECTIONS)) {
        rows.next();
        long open = rows.getLong(1);
        maxConnections = rows.getInt(2);
        samples++;
        sumOpen += open;
        peakOpen = Math.max(peakOpen, open);
      } catch (SQLException e) {
        if (problem == null) {
          problem = "cannot read pg_stat_activity (" + JdbcTarget.describe(e, jdbcUrl) + ")";
        }
      }
    }

    Figure figure() {
      if (samples == 0 || maxConnections <= 0) {
        return missing(
            POOL_UTILIZATION,
            "%",
            problem != null
                ? problem
                : "no connection sample was taken; run the probe for at least one interval");
      }
      double meanOpen = (double) sumOpen / samples;
      Map<String, String> row = new LinkedHashMap<>();
      row.put("peak_connections", Long.toString(peakOpen));
      row.put("mean_connections", JdbcTarget.format(meanOpen));
      row.put("max_connections", Integer.toString(maxConnections));
      row.put("mean_utilization_pct", JdbcTarget.format(100.0 * meanOpen / maxConnections));
      return new Figure(
          POOL_UTILIZATION,
          100.0 * peakOpen / maxConnections,
          "%",
          samples,
          SOURCE,
          "peak open client connections over max_connections (the probe's own excluded)",
          List.of(row));
    }
  }

  /** The longest ungranted lock wait seen in any sample. */
  private static final class LockWaitSamples {
    private long samples;
    private double longestMillis;
    private Map<String, String> longest;
    private String problem;

    void sample(Connection connection, String jdbcUrl) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(LONGEST_LOCK_WAIT)) {
        samples++;
        if (rows.next() && rows.getDouble("waited_ms") > longestMillis) {
          longestMillis = rows.getDouble("waited_ms");
          Map<String, String> row = new LinkedHashMap<>();
          row.put("waited_ms", JdbcTarget.format(longestMillis));
          row.put("locktype", rows.getString("locktype"));
          row.put("mode", rows.getString("mode"));
          row.put("relation", rows.getString("relation"));
          row.put("waiting_statement", JdbcTarget.truncate(rows.getString("query"), 160));
          longest = row;
        }
      } catch (SQLException e) {
        if (problem == null) {
          problem =
              "42703".equals(e.getSQLState())
                  ? "pg_locks has no waitstart column: lock waits need PostgreSQL 14 or newer"
                  : "cannot read pg_locks (" + JdbcTarget.describe(e, jdbcUrl) + ")";
        }
      }
    }

    Figure figure() {
      if (samples == 0) {
        return missing(
            LOCK_WAIT_MAX,
            "ms",
            problem != null
                ? problem
                : "no lock sample was taken; run the probe for at least one interval");
      }
      return new Figure(
          LOCK_WAIT_MAX,
          longestMillis,
          "ms",
          samples,
          SOURCE,
          longest == null
              ? "no lock wait seen in " + samples + " samples"
              : "longest lock wait seen; a lower bound with one sample interval of resolution",
          longest == null ? List.of() : List.of(longest));
    }
  }

  @Override
  public String toString() {
    return "DbProbe[" + JdbcTarget.redacted(jdbcUrl) + "]";
  }
}
