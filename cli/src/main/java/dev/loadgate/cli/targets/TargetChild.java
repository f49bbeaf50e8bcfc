package dev.loadgate.cli.targets;

import dev.loadgate.targets.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The child's side of {@link EmbeddedTargets}: {@code loadgate serve --child-of ENTRY} watches its
 * stdin and exits when it ends (the parent is gone or closed the target), records its PostgreSQL
 * postmaster for the stale-process cleaning, and prints the ready line.
 */
public final class TargetChild {
  private TargetChild() {}

  /**
   * Exits this JVM (running its shutdown hooks, which stop the app and PostgreSQL) as soon as stdin
   * ends. Started before the app, so a parent that dies during start-up is noticed too.
   */
  public static void exitWhenStdinEnds(InputStream stdin) {
    Thread watcher =
        new Thread(
            () -> {
              byte[] buffer = new byte[256];
              try {
                while (stdin.read(buffer) >= 0) {
                  // the parent writes nothing; any bytes are ignored
                }
              } catch (IOException e) {
                // a broken pipe means the same as its end
              }
              System.exit(0);
            },
            "loadgate-target-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * Records the postmaster of the database at {@code jdbcUrl} (found as the parent of this
   * connection's backend) and its data directory in {@code entry}.
   *
   * @return the postmaster's pid, if it could be found
   */
  public static Optional<Long> recordPostmaster(Path entry, Secret jdbcUrl) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl.reveal());
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("select pg_backend_pid(), current_setting('data_directory')")) {
      row.next();
      long backend = row.getLong(1);
      Path dataDirectory = Path.of(row.getString(2));
      Optional<ProcessHandle> postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent);
      postmaster.ifPresent(pm -> TargetRecords.writePostmaster(entry, pm, dataDirectory));
      return postmaster.map(ProcessHandle::pid);
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /**
   * The line {@link EmbeddedTargets#start} waits for: base URL, JDBC URL and the Supabase anon key
   * the app wants as {@code apikey} ({@code -} when it wants none).
   */
  public static String readyLine(URI baseUrl, Secret jdbcUrl, Secret anonKey) {
    return EmbeddedTargets.READY_PREFIX
        + baseUrl
        + " "
        + jdbcUrl.reveal()
        + " "
        + (anonKey.isEmpty() ? "-" : anonKey.reveal());
  }
}
