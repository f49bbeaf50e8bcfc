package dev.loadgate.dbprobe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/** Opens read-only probe connections and describes a JDBC URL without its credentials. */
final class JdbcTarget {
  /** Marks the probes' own statements so that statement statistics can leave them out. */
  static final String MARKER = "/* loadgate-dbprobe */";

  private static final Pattern USER_INFO = Pattern.compile("//[^/@?]*@");
  private static final int STATEMENT_TIMEOUT_MILLIS = 10_000;

  private JdbcTarget() {}

  /**
   * The URL without user info or query parameters (which may carry {@code user}, {@code password},
   * {@code sslpassword}), e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}.
   */
  static String redacted(String jdbcUrl) {
    if (jdbcUrl == null) {
      return "<no url>";
    }
    String withoutQuery = jdbcUrl.split("[?;]", 2)[0];
    return USER_INFO.matcher(withoutQuery).replaceFirst("//");
  }

  static void requireJdbcUrl(String jdbcUrl, String where) {
    Objects.requireNonNull(jdbcUrl, where + ": jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          where
              + ": the database URL must be a PostgreSQL JDBC URL (expected"
              + " jdbc:postgresql://host:port/database, got "
              + redacted(jdbcUrl)
              + "). Convert postgres://user:pass@host/db to"
              + " jdbc:postgresql://host/db?user=...&password=...");
    }
  }

  /** A read-only autocommit connection with a statement timeout, named for pg_stat_activity. */
  static Connection open(String jdbcUrl) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", "loadgate-dbprobe");
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", "30");
    Connection connection = DriverManager.getConnection(jdbcUrl, properties);
    try {
      connection.setAutoCommit(true);
      connection.setReadOnly(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("set statement_timeout = " + STATEMENT_TIMEOUT_MILLIS);
      }
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * A one-line description of a JDBC failure that cannot leak credentials: the SQL state and the
   * driver's message with the URL replaced by its redacted form.
   */
  static String describe(SQLException e, String jdbcUrl) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (jdbcUrl != null && !jdbcUrl.isEmpty()) {
      message = message.replace(jdbcUrl, redacted(jdbcUrl));
    }
    message = message.replaceAll("(?i)password=[^&\\s;]*", "password=****");
    String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
    return message.strip().replaceAll("\\s+", " ") + state;
  }

  static String truncate(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= maxChars ? oneLine : oneLine.substring(0, maxChars - 1) + "…";
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
