package dev.loadgate.dbprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadgate.measure.Figure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Breaks each database limit on purpose against a real PostgreSQL 17 with pg_stat_statements
 * preloaded, a small max_connections and tiny shared buffers, and checks that the probe sees it.
 */
class DbProbeIT {
  private static final int MAX_CONNECTIONS = 20;
  private static final Duration INTERVAL = Duration.ofMillis(10);
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static EmbeddedPostgres postgres;
  private static String jdbcUrl;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("max_connections", Integer.toString(MAX_CONNECTIONS))
            .setServerConfig("shared_buffers", "1MB")
            .start();
    jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create extension pg_stat_statements");
      s.execute("create table accounts (id int primary key, balance int not null)");
      s.execute("insert into accounts values (1, 100)");
      // A table far larger than shared buffers, with an index on id only.
      s.execute(
          "create table documents (id int primary key, owner text not null, body text not null)");
      s.execute(
          "insert into documents select g, 'owner-' || (g % 5000),"
              + " md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text)"
              + " from generate_series(1, 400000) g");
      s.execute("vacuum analyze documents");
      s.execute("create database noext");
    }
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aLockHeldFor200MillisIsSeenAsAWaitOfAtLeast200Millis() throws Exception {
    try (DbProbe probe = DbProbe.start(jdbcUrl, INTERVAL);
        Connection holder = connect();
        Connection waiter = connect()) {
      holder.setAutoCommit(false);
      execute(holder, "update accounts set balance = balance + 1 where id = 1");
      waiter.setAutoCommit(false);
      CompletableFuture<Long> waitedNanos =
          CompletableFuture.supplyAsync(
              () -> {
                long start = System.nanoTime();
                execute(waiter, "update accounts set balance = balance - 1 where id = 1");
                return System.nanoTime() - start;
              });
      awaitTrue(DbProbeIT::someoneWaitsForALock);
      long seenWaiting = System.nanoTime();
      long samplesBefore = probe.samplesTaken();
      // Keep holding until 200 ms have passed and the probe has sampled after that point.
      awaitTrue(() -> System.nanoTime() - seenWaiting >= TimeUnit.MILLISECONDS.toNanos(200));
      long samplesAt200 = probe.samplesTaken();
      awaitTrue(() -> probe.samplesTaken() >= samplesAt200 + 2);
      holder.commit();
      double waiterMillis = waitedNanos.get(10, TimeUnit.SECONDS) / 1e6;
      waiter.commit();

      Figure lockWait = byId(probe.stop()).get(DbProbe.LOCK_WAIT_MAX);

      assertThat(samplesAt200).isGreaterThan(samplesBefore);
      assertThat(lockWait.isMeasured()).isTrue();
      assertThat(lockWait.value()).isGreaterThanOrEqualTo(200.0).isLessThanOrEqualTo(waiterMillis);
      assertThat(lockWait.unit()).isEqualTo("ms");
      assertThat(lockWait.evidence())
          .singleElement()
          .satisfies(
              row -> {
                assertThat(row).containsEntry("locktype", "transactionid");
                assertThat(row.get("waiting_statement")).contains("update accounts");
              });
    }
  }

  @Test
  void connectionsHeldOpenDriveUtilizationAboveEightyPercent() throws Exception {
    int held = 17; // of 20: 85 %
    List<Connection> open = new ArrayList<>();
    try (DbProbe probe = DbProbe.start(jdbcUrl, INTERVAL)) {
      try {
        for (int i = 0; i < held; i++) {
          open.add(connect());
        }
        long samplesWithAllOpen = probe.samplesTaken() + 3;
        awaitTrue(() -> probe.samplesTaken() >= samplesWithAllOpen);
      } finally {
        for (Connection c : open) {
          c.close();
        }
      }

      Figure utilization = byId(probe.stop()).get(DbProbe.POOL_UTILIZATION);

      assertThat(utilization.value()).isGreaterThanOrEqualTo(100.0 * held / MAX_CONNECTIONS);
      assertThat(utilization.value()).isGreaterThan(80.0);
      assertThat(utilization.unit()).isEqualTo("%");
      assertThat(utilization.samples()).isGreaterThanOrEqualTo(3);
      assertThat(utilization.evidence())
          .singleElement()
          .satisfies(
              row -> {
                assertThat(row).containsEntry("max_connections", "20");
                assertThat(Integer.parseInt(row.get("peak_connections")))
                    .isGreaterThanOrEqualTo(held);
              });
    }
  }

  @Test
  void aScanWithoutAnIndexOnABigTableDominatesTheMeanAndIsListedFirst() throws Exception {
    try (DbProbe probe = DbProbe.start(jdbcUrl, Duration.ofMillis(100));
        Connection workload = connect()) {
      for (int i = 0; i < 3; i++) {
        try (PreparedStatement s =
            workload.prepareStatement("select count(*) from documents where md5(body) like ?")) {
          s.setString(1, "%needle" + i + "%");
          s.executeQuery().close();
        }
      }
      try (PreparedStatement s =
          workload.prepareStatement("select balance from accounts where id = ?")) {
        for (int i = 0; i < 5; i++) {
          s.setInt(1, 1);
          s.executeQuery().close();
        }
      }

      Figure mean = byId(probe.stop()).get(DbProbe.QUERY_MEAN);

      assertThat(mean.isMeasured()).as(mean.note()).isTrue();
      // Other clients (the driver's own probes) may add a statement or two beside the workload.
      assertThat(mean.samples()).isGreaterThanOrEqualTo(8);
      assertThat(mean.evidence()).hasSizeLessThan(DbProbe.SLOWEST_STATEMENTS);
      Map<String, String> scan = mean.evidence().get(0);
      assertThat(scan.get("statement")).contains("from documents where md5(body) like $1");
      assertThat(scan).containsEntry("calls", "3");
      assertThat(mean.evidence())
          .filteredOn(row -> row.get("statement").contains("from accounts where id = $1"))
          .singleElement()
          .satisfies(
              lookup -> {
                assertThat(lookup).containsEntry("calls", "5");
                assertThat(Double.parseDouble(scan.get("mean_ms")))
                    .isGreaterThan(10 * Double.parseDouble(lookup.get("mean_ms")));
              });
      double totalMillis =
          mean.evidence().stream()
              .mapToDouble(row -> Double.parseDouble(row.get("total_ms")))
              .sum();
      long calls =
          mean.evidence().stream().mapToLong(row -> Long.parseLong(row.get("calls"))).sum();
      assertThat(mean.samples()).isEqualTo(calls);
      assertThat(mean.value()).isCloseTo(totalMillis / calls, within(0.01));
    }
  }

  @Test
  void randomIndexLookupsOnATableLargerThanSharedBuffersBreakTheHitRatio() throws Exception {
    try (DbProbe probe = DbProbe.start(jdbcUrl, Duration.ofMillis(100));
        Connection workload = connect()) {
      SplittableRandom random = new SplittableRandom(42);
      try (PreparedStatement s =
          workload.prepareStatement("select owner from documents where id = ?")) {
        for (int i = 0; i < 2000; i++) {
          s.setInt(1, 1 + random.nextInt(400_000));
          s.executeQuery().close();
        }
      }
      flushStatistics(workload);

      Figure hitRatio = byId(probe.stop()).get(DbProbe.INDEX_HIT_RATIO);

      assertThat(hitRatio.isMeasured()).as(hitRatio.note()).isTrue();
      assertThat(hitRatio.value()).isLessThan(99.0).isGreaterThan(0.0);
      assertThat(hitRatio.samples()).isGreaterThanOrEqualTo(2000);
      assertThat(hitRatio.evidence().get(0)).containsKeys("idx_blks_hit", "idx_blks_read");
    }
  }

  @Test
  void repeatedLookupsOfOneRowKeepTheHitRatioNearOneHundred() throws Exception {
    try (DbProbe probe = DbProbe.start(jdbcUrl, Duration.ofMillis(100));
        Connection workload = connect()) {
      try (PreparedStatement s =
          workload.prepareStatement("select balance from accounts where id = ?")) {
        for (int i = 0; i < 500; i++) {
          s.setInt(1, 1);
          s.executeQuery().close();
        }
      }
      flushStatistics(workload);

      Figure hitRatio = byId(probe.stop()).get(DbProbe.INDEX_HIT_RATIO);

      assertThat(hitRatio.value()).isGreaterThan(99.0);
    }
  }

  @Test
  void aDatabaseWithoutTheExtensionGivesNoDataWithTheFix() {
    String noExtension = postgres.getJdbcUrl("postgres", "noext");
    try (DbProbe probe = DbProbe.start(noExtension, INTERVAL)) {
      Map<String, Figure> figures = byId(probe.stop());

      Figure mean = figures.get(DbProbe.QUERY_MEAN);
      assertThat(mean.isMeasured()).isFalse();
      assertThat(mean.note())
          .isEqualTo(
              "pg_stat_statements is loaded but not installed in database \"noext\": run CREATE"
                  + " EXTENSION pg_stat_statements in it as a superuser");
      assertThat(figures.get(DbProbe.POOL_UTILIZATION).isMeasured()).isTrue();
      assertThat(figures.get(DbProbe.LOCK_WAIT_MAX).isMeasured()).isTrue();
    }
  }

  @Test
  void aReadOnlyRoleWithoutStatsPrivilegeSeesTheServerButNotTheStatementsAndSaysWhy()
      throws Exception {
    try (Connection c = connect()) {
      execute(c, "create role probe_plain login password 'plain-secret-1'");
      execute(
          c, "create role probe_stats login password 'stats-secret-2' in role pg_read_all_stats");
    }
    String plain = jdbcUrl.replace("user=postgres", "user=probe_plain&password=plain-secret-1");
    String stats = jdbcUrl.replace("user=postgres", "user=probe_stats&password=stats-secret-2");
    try (DbProbe plainProbe = DbProbe.start(plain, INTERVAL);
        DbProbe statsProbe = DbProbe.start(stats, INTERVAL);
        Connection workload = connect()) {
      for (int i = 0; i < 3; i++) {
        execute(workload, "select balance from accounts where id = 1");
      }
      flushStatistics(workload);

      Map<String, Figure> seenByPlain = byId(plainProbe.stop());
      Map<String, Figure> seenByStats = byId(statsProbe.stop());

      assertThat(seenByPlain.get(DbProbe.QUERY_MEAN).isMeasured()).isFalse();
      assertThat(seenByPlain.get(DbProbe.QUERY_MEAN).note())
          .startsWith("pg_stat_statements hides ")
          .endsWith(
              " calls of other roles' statements from the probe's role: GRANT pg_read_all_stats"
                  + " to it (still read-only)");
      assertThat(seenByPlain.get(DbProbe.POOL_UTILIZATION).isMeasured()).isTrue();
      assertThat(seenByPlain.get(DbProbe.LOCK_WAIT_MAX).isMeasured()).isTrue();
      assertThat(seenByStats.get(DbProbe.QUERY_MEAN).isMeasured()).isTrue();
      assertThat(seenByStats.get(DbProbe.QUERY_MEAN).evidence())
          .anySatisfy(row -> assertThat(row.get("statement")).contains("from accounts"));
      assertThat(seenByPlain.values())
          .allSatisfy(f -> assertThat(f.note()).doesNotContain("plain-secret-1"));
    }
  }

  @Test
  void anUnreachableDatabaseGivesNoDataWithoutLeakingThePassword() {
    String url = "jdbc:postgresql://127.0.0.1:1/ttml?user=app&password=hunter2&connectTimeout=2";

    List<Figure> figures = DbProbe.start(url, INTERVAL).stop();

    assertThat(figures)
        .extracting(Figure::id)
        .containsExactly(
            DbProbe.QUERY_MEAN,
            DbProbe.POOL_UTILIZATION,
            DbProbe.LOCK_WAIT_MAX,
            DbProbe.INDEX_HIT_RATIO);
    assertThat(figures)
        .allSatisfy(
            f -> {
              assertThat(f.isMeasured()).isFalse();
              assertThat(f.note())
                  .startsWith("cannot connect to jdbc:postgresql://127.0.0.1:1/ttml (")
                  .doesNotContain("hunter2")
                  .doesNotContain("user=app");
            });
  }

  private static boolean someoneWaitsForALock() {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select count(*) from pg_locks where not granted")) {
      rows.next();
      return rows.getInt(1) > 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes this backend publish its pending statistics before the probe reads them. */
  static void flushStatistics(Connection c) throws SQLException {
    execute(c, "select pg_stat_force_next_flush()");
    execute(c, "select 1");
  }

  static void execute(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Figure> byId(List<Figure> figures) {
    return figures.stream().collect(Collectors.toMap(Figure::id, Function.identity()));
  }

  static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + PATIENCE);
      }
      Thread.onSpinWait();
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }
}
