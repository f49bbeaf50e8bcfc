package dev.loadgate.dbprobe;

import dev.loadgate.measure.Figure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads TTML's {@code email_queue} table once, after a run, and reports three figures over the rows
 * created since a given instant:
 *
 * <ul>
 *   <li>{@value #SUCCESS_RATE} (%): delivered (sent and not bounced) over all e-mails that reached
 *       a final outcome (sent, failed after the last retry, or bounced); e-mails still pending or
 *       processing are left out and counted in the evidence.
 *   <li>{@value #DELIVERY_P95} (ms): the 95th percentile (nearest rank) of {@code sent_at -
 *       created_at} over delivered e-mails: queueing, retries and sending.
 *   <li>{@value #BOUNCE_RATE} (%): bounced over e-mails with a final outcome. A row counts as
 *       bounced when its status is {@code bounced}, its {@code bounced_at} column (if the table has
 *       one) is set, or its {@code error} mentions a bounce; a provider accepts a bounced e-mail
 *       ({@code sent}) and reports the bounce later.
 * </ul>
 *
 * <p>Stateless and read-only.
 */
public final class EmailQueueProbe {
  public static final String SUCCESS_RATE = "email.success.rate";
  public static final String DELIVERY_P95 = "email.delivery.p95";
  public static final String BOUNCE_RATE = "email.bounce.rate";

  /** The {@link Figure#source()} of every figure this probe produces. */
  public static final String SOURCE = "email-queue-probe";

  private EmailQueueProbe() {}

  /**
   * Measures the e-mail queue.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL of the target's database; never echoed with its
   *     credentials
   * @param since only rows with {@code created_at >= since} count (the run's start)
   * @return the three figures, in the order success rate, delivery p95, bounce rate; missing
   *     figures say why they could not be measured
   */
  public static List<Figure> measure(String jdbcUrl, Instant since) {
    JdbcTarget.requireJdbcUrl(jdbcUrl, "email-queue-probe");
    Objects.requireNonNull(since, "since");
    try (Connection connection = JdbcTarget.open(jdbcUrl)) {
      return measure(connection, jdbcUrl, since);
    } catch (SQLException e) {
      return allMissing(
          "cannot connect to "
              + JdbcTarget.redacted(jdbcUrl)
              + " ("
              + JdbcTarget.describe(e, jdbcUrl)
              + "); check the database URL and that the role may connect");
    }
  }

  private static List<Figure> measure(Connection connection, String jdbcUrl, Instant since) {
    Set<String> columns;
    try {
      columns = columns(connection);
    } catch (SQLException e) {
      return allMissing("cannot read the catalog (" + JdbcTarget.describe(e, jdbcUrl) + ")");
    }
    if (columns.isEmpty()) {
      return allMissing(
          "table email_queue not found in "
              + JdbcTarget.redacted(jdbcUrl)
              + "; the e-mail figures need TTML's email_queue table in the target's database");
    }
    for (String required : List.of("status", "created_at", "sent_at")) {
      if (!columns.contains(required)) {
        return allMissing(
            "email_queue has no "
                + required
                + " column (expected TTML's schema: status, created_at, sent_at, error)");
      }
    }
    try {
      return figures(connection, columns, since);
    } catch (SQLException e) {
      return allMissing(
          "42501".equals(e.getSQLState())
              ? "the probe's role may not read email_queue: GRANT SELECT ON email_queue to it"
              : "cannot read email_queue (" + JdbcTarget.describe(e, jdbcUrl) + ")");
    }
  }

  private static List<Figure> figures(Connection connection, Set<String> columns, Instant since)
      throws SQLException {
    String bounced =
        "(status::text = 'bounced'"
            + (columns.contains("bounced_at") ? " or bounced_at is not null" : "")
            + (columns.contains("error") ? " or coalesce(error, '') ilike '%bounce%'" : "")
            + ")";
    String finishedRow = "status::text in ('sent', 'failed', 'bounced')";
    String deliveredRow = "status::text = 'sent' and sent_at is not null and not " + bounced;
    String sql =
        "select "
            + JdbcTarget.MARKER
            + " count(*) as total,"
            + " count(*) filter (where "
            + finishedRow
            + ") as final,"
            + " count(*) filter (where "
            + finishedRow
            + " and "
            + bounced
            + ") as bounced,"
            + " count(*) filter (where "
            + deliveredRow
            + ") as delivered,"
            + " percentile_disc(0.95) within group (order by extract(epoch from (sent_at -"
            + " created_at)) * 1000) filter (where "
            + deliveredRow
            + ") as delivery_p95_ms"
            + " from email_queue where created_at >= ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setTimestamp(1, Timestamp.from(since));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        long total = rows.getLong("total");
        long finished = rows.getLong("final");
        long bouncedCount = rows.getLong("bounced");
        long delivered = rows.getLong("delivered");
        double p95 = rows.getDouble("delivery_p95_ms");
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("queued", Long.toString(total));
        evidence.put("delivered", Long.toString(delivered));
        evidence.put("bounced", Long.toString(bouncedCount));
        evidence.put("failed", Long.toString(finished - delivered - bouncedCount));
        evidence.put("still_queued", Long.toString(total - finished));
        return List.of(
            rate(SUCCESS_RATE, delivered, finished, total, since, connection, evidence),
            delivered == 0
                ? Figure.missing(
                    DELIVERY_P95,
                    "ms",
                    SOURCE,
                    noneReason("was delivered", total, since, connection))
                : new Figure(
                    DELIVERY_P95,
                    p95,
                    "ms",
                    delivered,
                    SOURCE,
                    "created_at to sent_at, nearest-rank p95 over delivered e-mails",
                    List.of(evidence)),
            rate(BOUNCE_RATE, bouncedCount, finished, total, since, connection, evidence));
      }
    }
  }

  private static Figure rate(
      String id,
      long count,
      long finished,
      long total,
      Instant since,
      Connection connection,
      Map<String, String> evidence) {
    if (finished == 0) {
      return Figure.missing(
          id, "%", SOURCE, noneReason("reached sent or failed", total, since, connection));
    }
    return new Figure(
        id,
        100.0 * count / finished,
        "%",
        finished,
        SOURCE,
        "over e-mails with a final outcome (sent, failed, bounced); "
            + (total - finished)
            + " still queued",
        List.of(evidence));
  }

  private static String noneReason(String what, long total, Instant since, Connection connection) {
    if (total == 0) {
      return "no e-mail was queued in email_queue since "
          + since
          + (rowSecurityHidesRows(connection)
              ? "; row-level security on email_queue hides rows from this role: use the table"
                  + " owner or a role with BYPASSRLS"
              : "; run journeys that send mail (approvals, payments)");
    }
    return "none of the "
        + total
        + " e-mails queued since "
        + since
        + " "
        + what
        + "; process the queue (POST /api/cron/process-email-queue) before measuring";
  }

  private static boolean rowSecurityHidesRows(Connection connection) {
    String sql =
        "select "
            + JdbcTarget.MARKER
            + " c.relrowsecurity and not r.rolbypassrls and not r.rolsuper"
            + " and c.relowner <> r.oid"
            + " from pg_class c, pg_roles r"
            + " where c.oid = to_regclass('email_queue') and r.rolname = current_user";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() && rows.getBoolean(1);
    } catch (SQLException e) {
      return false;
    }
  }

  private static Set<String> columns(Connection connection) throws SQLException {
    String sql =
        "select "
            + JdbcTarget.MARKER
            + " attname from pg_attribute"
            + " where attrelid = to_regclass('email_queue') and attnum > 0 and not attisdropped";
    Set<String> columns = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        columns.add(rows.getString(1));
      }
    }
    return columns;
  }

  private static List<Figure> allMissing(String reason) {
    return List.of(
        Figure.missing(SUCCESS_RATE, "%", SOURCE, reason),
        Figure.missing(DELIVERY_P95, "ms", SOURCE, reason),
        Figure.missing(BOUNCE_RATE, "%", SOURCE, reason));
  }
}
