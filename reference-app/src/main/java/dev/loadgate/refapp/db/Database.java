package dev.loadgate.refapp.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loadgate.refapp.ReferenceAppException;
import dev.loadgate.targets.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The app's PostgreSQL: an embedded one (zonky, PostgreSQL 17 with {@code pg_stat_statements}
 * preloaded) or an external one given by a JDBC URL; pooled with HikariCP and migrated by Flyway.
 */
public final class Database implements AutoCloseable {
  private final EmbeddedPostgres embedded;
  private final HikariDataSource pool;
  private final Secret jdbcUrl;

  private Database(EmbeddedPostgres embedded, HikariDataSource pool, Secret jdbcUrl) {
    this.embedded = embedded;
    this.pool = pool;
    this.jdbcUrl = jdbcUrl;
  }

  /** Starts (or connects to) the database, migrates it and opens the pool. */
  public static Database open(Optional<Secret> externalUrl, int poolSize) {
    EmbeddedPostgres embedded = null;
    String url;
    if (externalUrl.isPresent()) {
      url = externalUrl.get().reveal();
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new ReferenceAppException(
            "--database-url: not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/db"
                + "?user=..&password=.., got a value starting with \""
                + url.substring(0, Math.min(url.length(), 16))
                + "\").");
      }
    } else {
      embedded = startEmbedded();
      url = embedded.getJdbcUrl("postgres", "postgres");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setPoolName("refapp");
    config.setConnectionTimeout(5_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      if (embedded != null) {
        closeQuietly(embedded);
      }
      throw new ReferenceAppException(
          "database: cannot connect ("
              + redact(e.getMessage(), url)
              + "). Check --database-url, or leave it out to use the embedded PostgreSQL.");
    }
    Database db = new Database(embedded, pool, Secret.of(url));
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      db.close();
      throw new ReferenceAppException(
          "database: migration failed (" + redact(e.getMessage(), url) + ").");
    }
    return db;
  }

  private static EmbeddedPostgres startEmbedded() {
    try {
      return EmbeddedPostgres.builder()
          .setServerConfig("shared_preload_libraries", "pg_stat_statements")
          .setServerConfig("max_connections", "300")
          .start();
    } catch (IOException | RuntimeException e) {
      throw new ReferenceAppException(
          "embedded PostgreSQL: cannot start ("
              + e.getMessage()
              + "). As root it needs unprivileged user namespaces (unshare -U); where they are"
              + " blocked, run as a non-root user or pass --database-url.");
    }
  }

  /** Removes the URL and any password parameter from a driver message. */
  static String redact(String message, String url) {
    if (message == null) {
      return "no detail";
    }
    return message
        .replace(url, "<database-url>")
        .replaceAll("(?i)password=[^&\\s;)]*", "password=****");
  }

  public DataSource dataSource() {
    return pool;
  }

  /** The JDBC URL, credentials included. */
  public Secret jdbcUrl() {
    return jdbcUrl;
  }

  public HikariDataSource pool() {
    return pool;
  }

  /** Runs {@code work} in one transaction, committing on success and rolling back otherwise. */
  public <T> T inTransaction(SqlWork<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Runs {@code work} on a pooled connection in auto-commit mode. */
  public <T> T withConnection(SqlWork<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    }
  }

  /** Work on one connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      closeQuietly(embedded);
    }
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      // the process is gone either way; nothing useful to report at shutdown
    }
  }
}
