package dev.loadgate.cli.capacity;

import dev.loadgate.capacity.CpuMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Finds the PostgreSQL server's process tree when it runs on this machine: the backend serving a
 * fresh connection reports its pid, and its parent in {@code /proc} is the postmaster, whose tree
 * holds every backend and background worker. A database on another host is not readable.
 */
final class DatabaseCpu {
  private static final List<String> LOCAL_HOSTS = List.of("127.0.0.1", "localhost", "[::1]");

  private DatabaseCpu() {}

  static CpuMeter meter(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:postgresql://".length());
    String host = rest.split("[:/?]", 2)[0];
    if (!LOCAL_HOSTS.contains(host)) {
      return CpuMeter.unavailable("the database runs on another host");
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
      rs.next();
      long backend = rs.getLong(1);
      long postmaster = parent(backend);
      if (postmaster <= 1) {
        return CpuMeter.unavailable("the database's server process is not visible in /proc");
      }
      return CpuMeter.processTree(
          postmaster, "process tree of the PostgreSQL postmaster " + postmaster);
    } catch (SQLException | RuntimeException e) {
      return CpuMeter.unavailable(
          "the database did not say its server process (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static long parent(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      return Long.parseLong(fields[1]);
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }
}
