package dev.loadgate.dbprobe;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One reading of {@code pg_stat_statements} for the current database, and the difference of two
 * readings. Only statements that read or change data count (SELECT, INSERT, UPDATE, DELETE, WITH,
 * MERGE, CALL, VALUES, TABLE); transaction control and settings (BEGIN, COMMIT, SET, ...) would
 * only dilute the mean, and the probes' own statements are left out.
 */
final class StatementStats {
  private static final Pattern DATA_STATEMENT =
      Pattern.compile("^(select|insert|update|delete|with|merge|call|values|table)\\b");
  private static final Pattern LEADING_COMMENTS =
      Pattern.compile("^(\\s*(/\\*.*?\\*/|--[^\\n]*\\n))*\\s*", Pattern.DOTALL);

  private static final String READ =
      "select "
          + JdbcTarget.MARKER
          + " s.userid::text || ':' || coalesce(s.queryid::text, md5(s.query)) as key,"
          + " s.query, s.calls, s.total_exec_time"
          + " from pg_stat_statements s"
          + " where s.dbid = (select oid from pg_database where datname = current_database())";

  /** Calls and total execution time of one normalised statement. */
  record Entry(String query, long calls, double totalMillis) {
    double meanMillis() {
      return calls == 0 ? 0 : totalMillis / calls;
    }
  }

  private final Map<String, Entry> entries;

  private StatementStats(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /** For tests: a reading with the given entries by key. */
  static StatementStats of(Map<String, Entry> entries) {
    return new StatementStats(new HashMap<>(entries));
  }

  static StatementStats read(Connection connection) throws SQLException {
    Map<String, Entry> entries = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(READ)) {
      while (rows.next()) {
        String query = rows.getString("query");
        if (query == null
            || query.contains("loadgate-dbprobe")
            || !(isDataStatement(query) || isHidden(query))) {
          continue;
        }
        Entry entry = new Entry(query, rows.getLong("calls"), rows.getDouble("total_exec_time"));
        entries.merge(
            rows.getString("key"),
            entry,
            (a, b) ->
                new Entry(a.query(), a.calls() + b.calls(), a.totalMillis() + b.totalMillis()));
      }
    }
    return new StatementStats(entries);
  }

  /** The text PostgreSQL shows for another role's statement to a role without pg_read_all_stats. */
  static final String HIDDEN = "<insufficient privilege>";

  static boolean isHidden(String query) {
    return HIDDEN.equals(query);
  }

  static boolean isDataStatement(String query) {
    String body = LEADING_COMMENTS.matcher(query).replaceFirst("").toLowerCase(Locale.ROOT);
    return DATA_STATEMENT.matcher(body).find();
  }

  /**
   * What ran between {@code earlier} and this reading. A statement whose counters went down was
   * evicted or reset in between; its current counters are then the best lower bound.
   */
  List<Entry> since(StatementStats earlier) {
    List<Entry> delta = new ArrayList<>();
    entries.forEach(
        (key, now) -> {
          Entry before = earlier.entries.get(key);
          Entry difference =
              before == null || before.calls() > now.calls()
                  ? now
                  : new Entry(
                      now.query(),
                      now.calls() - before.calls(),
                      Math.max(0, now.totalMillis() - before.totalMillis()));
          if (difference.calls() > 0) {
            delta.add(difference);
          }
        });
    delta.sort(Comparator.comparingDouble(Entry::meanMillis).reversed());
    return delta;
  }

  /** Evidence rows for the slowest statements by mean execution time. */
  static List<Map<String, String>> slowest(List<Entry> delta, int count) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Entry entry : delta.subList(0, Math.min(count, delta.size()))) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("statement", JdbcTarget.truncate(entry.query(), 160));
      row.put("calls", Long.toString(entry.calls()));
      row.put("mean_ms", JdbcTarget.format(entry.meanMillis()));
      row.put("total_ms", JdbcTarget.format(entry.totalMillis()));
      rows.add(row);
    }
    return rows;
  }

  /**
   * Why the statistics cannot be read, with the fix; for the SQL state of a failed {@link #read}.
   */
  static String problem(Connection connection, SQLException e, String jdbcUrl) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String database = currentDatabase(connection);
    switch (state) {
      case "42P01":
        return preloaded(connection)
            ? "pg_stat_statements is loaded but not installed in database \""
                + database
                + "\": run CREATE EXTENSION pg_stat_statements in it as a superuser"
            : "pg_stat_statements is not installed in database \""
                + database
                + "\": add pg_stat_statements to shared_preload_libraries, restart PostgreSQL and"
                + " run CREATE EXTENSION pg_stat_statements";
      case "55000":
        return "pg_stat_statements is not loaded: add it to shared_preload_libraries, restart"
            + " PostgreSQL and run CREATE EXTENSION pg_stat_statements";
      case "42501":
        return "the probe's role may not read pg_stat_statements: GRANT pg_read_all_stats to it";
      default:
        return "cannot read pg_stat_statements (" + JdbcTarget.describe(e, jdbcUrl) + ")";
    }
  }

  private static boolean preloaded(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("show shared_preload_libraries")) {
      return rows.next() && rows.getString(1).contains("pg_stat_statements");
    } catch (SQLException e) {
      return false; // a role without pg_read_all_settings cannot see it; give the full fix
    }
  }

  private static String currentDatabase(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select current_database()")) {
      return rows.next() ? rows.getString(1) : "?";
    } catch (SQLException e) {
      return "?";
    }
  }
}
