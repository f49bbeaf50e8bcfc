package dev.loadgate.benchmarks.sql;

import dev.loadgate.benchmarks.TargetFile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The SQL behind the journeys, over one JDBC connection to the target's database ({@code jdbc.url}
 * in the {@link TargetFile}), mean time per call ({@code Mode.AverageTime}). Where the app runs a
 * database function, the benchmark calls that same function by name ({@code
 * get_admin_dashboard_stats}, {@code check_and_deduct_allowance}, {@code claim_pending_emails}):
 * its SQL lives only in the reference app's migrations, as the real app's lives in its schema. The
 * two reads the browser makes through PostgREST (review queue, letter list) are spelled as
 * PostgREST would run them. Calls that lock or change rows run in a transaction that is rolled
 * back, so the data stays as seeded. Users rotate over the seeded subscribers so that one user's
 * cached rows do not flatter the numbers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SqlBenchmark {
  /** The admin dashboard's counters: the app's RPC, by name. */
  static final String DASHBOARD_STATS = "select * from get_admin_dashboard_stats()";

  /** The attorney review queue: pending and under-review letters, oldest first, with owners. */
  static final String REVIEW_QUEUE =
      "select l.*, p.id as owner_id, p.full_name, p.email from letters l"
          + " join profiles p on p.id = l.user_id"
          + " where l.status in ('pending_review', 'under_review')"
          + " order by l.created_at asc limit 100";

  /** A subscriber's letter list, newest first. */
  static final String USER_LETTERS =
      "select id, title, status, letter_type, created_at, approved_at from letters"
          + " where user_id = ? order by created_at desc";

  /** PostgREST's way to run a call as a signed-in user: the JWT claims of the transaction. */
  static final String ACT_AS = "select set_config('request.jwt.claims', ?, true)";

  /** The app's atomic allowance check and deduction, for the user in the claims. */
  static final String DEDUCT_ALLOWANCE = "select * from check_and_deduct_allowance()";

  /** The e-mail processor's claim of a batch of ten due mails (FOR UPDATE SKIP LOCKED). */
  static final String CLAIM_EMAILS = "select * from claim_pending_emails(10)";

  /** One connection and the users to rotate over. */
  @State(Scope.Benchmark)
  public static class Database {
    Connection connection;
    final List<UUID> subscribers = new ArrayList<>();
    final List<UUID> payingSubscribers = new ArrayList<>();
    int next;

    @Setup(Level.Trial)
    public void connect() throws SQLException {
      TargetFile file = TargetFile.fromSystemProperty();
      connection = DriverManager.getConnection(file.get("jdbc.url"));
      connection.setAutoCommit(true);
      load(
          "select id from profiles where role = 'subscriber' order by email limit 1000",
          subscribers);
      load(
          "select distinct user_id from subscriptions where status = 'active' limit 1000",
          payingSubscribers);
      if (subscribers.isEmpty()) {
        throw new IllegalStateException(
            "sql benchmarks: the target database has no subscriber (expected seeded profiles with"
                + " role subscriber, got none). Seed the target first");
      }
    }

    private void load(String sql, List<UUID> into) throws SQLException {
      try (Statement s = connection.createStatement();
          ResultSet rows = s.executeQuery(sql)) {
        while (rows.next()) {
          into.add(rows.getObject(1, UUID.class));
        }
      }
    }

    UUID nextSubscriber() {
      return subscribers.get(next++ % subscribers.size());
    }

    UUID nextPayingSubscriber() {
      List<UUID> from = payingSubscribers.isEmpty() ? subscribers : payingSubscribers;
      return from.get(next++ % from.size());
    }

    @TearDown(Level.Trial)
    public void disconnect() throws SQLException {
      connection.close();
    }
  }

  /** admin_analytics: the dashboard counters, {@code get_admin_dashboard_stats()}. */
  @Benchmark
  public long adminAnalytics(Database db) throws SQLException {
    try (Statement s = db.connection.createStatement();
        ResultSet rows = s.executeQuery(DASHBOARD_STATS)) {
      rows.next();
      return rows.getLong(1) + rows.getLong(4);
    }
  }

  /** review_queue: up to 100 letters awaiting review, with their owners. */
  @Benchmark
  public int reviewQueue(Database db) throws SQLException {
    try (Statement s = db.connection.createStatement();
        ResultSet rows = s.executeQuery(REVIEW_QUEUE)) {
      int count = 0;
      while (rows.next()) {
        count++;
      }
      return count;
    }
  }

  /** user_letters: one subscriber's letters. */
  @Benchmark
  public int userLetters(Database db) throws SQLException {
    try (PreparedStatement s = db.connection.prepareStatement(USER_LETTERS)) {
      s.setObject(1, db.nextSubscriber());
      try (ResultSet rows = s.executeQuery()) {
        int count = 0;
        while (rows.next()) {
          count++;
        }
        return count;
      }
    }
  }

  /** allowance_deduction: {@code check_and_deduct_allowance()} as a paying user, rolled back. */
  @Benchmark
  public boolean allowanceDeduction(Database db) throws SQLException {
    UUID user = db.nextPayingSubscriber();
    Connection c = db.connection;
    c.setAutoCommit(false);
    try {
      try (PreparedStatement s = c.prepareStatement(ACT_AS)) {
        s.setString(1, "{\"sub\":\"" + user + "\",\"role\":\"authenticated\"}");
        s.executeQuery().close();
      }
      try (Statement s = c.createStatement();
          ResultSet rows = s.executeQuery(DEDUCT_ALLOWANCE)) {
        return rows.next() && rows.getBoolean("success");
      }
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  /** email_queue_claim: claim a batch of ten due e-mails (FOR UPDATE SKIP LOCKED), rolled back. */
  @Benchmark
  public int emailQueueClaim(Database db) throws SQLException {
    Connection c = db.connection;
    c.setAutoCommit(false);
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(CLAIM_EMAILS)) {
      int count = 0;
      while (rows.next()) {
        count++;
      }
      return count;
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }
}
