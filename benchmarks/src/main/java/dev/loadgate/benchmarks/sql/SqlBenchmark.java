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
 * in the {@link TargetFile}), mean time per statement ({@code Mode.AverageTime}). The statements
 * are written from TTML's schema, as the app runs them; those that lock or change rows run in a
 * transaction that is rolled back, so the data stays as seeded. Users rotate over the seeded
 * subscribers so that one user's cached rows do not flatter the numbers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SqlBenchmark {
  /** The seven counters of the admin dashboard ({@code get_admin_dashboard_stats}). */
  static final String DASHBOARD_STATS =
      "select"
          + " (select count(*) from profiles) as total_users,"
          + " (select count(*) from profiles where role = 'subscriber') as total_subscribers,"
          + " (select count(*) from profiles where role = 'employee') as total_employees,"
          + " (select count(*) from letters where status = 'pending_review') as pending_letters,"
          + " (select count(*) from letters where status = 'approved'"
          + "   and approved_at >= date_trunc('day', now())) as approved_letters_today,"
          + " (select coalesce(sum(price), 0) from subscriptions where status = 'active')"
          + "   as total_revenue,"
          + " (select coalesce(sum(commission_amount), 0) from commissions"
          + "   where status = 'pending') as pending_commissions";

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

  /** Free-trial check of {@code check_and_deduct_allowance}: does the user have letters yet. */
  static final String LETTER_COUNT = "select count(*) from letters where user_id = ?";

  /** The newest active subscription, locked for the deduction. */
  static final String LOCK_SUBSCRIPTION =
      "select id, remaining_letters, credits_remaining from subscriptions"
          + " where user_id = ? and status = 'active'"
          + " order by created_at desc limit 1 for update";

  static final String DEDUCT =
      "update subscriptions set remaining_letters = greatest(0, remaining_letters - 1),"
          + " updated_at = now() where id = ?";

  /** {@code get_pending_emails} + {@code claim_pending_emails}: claim a batch of ten. */
  static final String CLAIM_EMAILS =
      "with due as (select id from email_queue where status = 'pending'"
          + " and (next_retry_at is null or next_retry_at <= now())"
          + " order by created_at limit 10 for update skip locked)"
          + " update email_queue q set status = 'processing', updated_at = now()"
          + " from due where q.id = due.id returning q.id, q.\"to\", q.subject";

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

  /** admin_analytics: the dashboard counters in one statement. */
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

  /** allowance_deduction: the free-trial check, lock and deduction, rolled back. */
  @Benchmark
  public int allowanceDeduction(Database db) throws SQLException {
    UUID user = db.nextPayingSubscriber();
    Connection c = db.connection;
    c.setAutoCommit(false);
    try {
      int letters;
      try (PreparedStatement s = c.prepareStatement(LETTER_COUNT)) {
        s.setObject(1, user);
        try (ResultSet rows = s.executeQuery()) {
          rows.next();
          letters = rows.getInt(1);
        }
      }
      try (PreparedStatement s = c.prepareStatement(LOCK_SUBSCRIPTION)) {
        s.setObject(1, user);
        try (ResultSet rows = s.executeQuery()) {
          if (rows.next() && rows.getInt(2) + rows.getInt(3) > 0) {
            try (PreparedStatement d = c.prepareStatement(DEDUCT)) {
              d.setObject(1, rows.getObject(1, UUID.class));
              return letters + d.executeUpdate();
            }
          }
        }
      }
      return letters;
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
