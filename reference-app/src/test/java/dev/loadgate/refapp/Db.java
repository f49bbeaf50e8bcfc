package dev.loadgate.refapp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct reads of the app's database for assertions. */
final class Db {
  private Db() {}

  static long count(RunningReferenceApp app, String sql, Object... args) {
    try (Connection c =
            DriverManager.getConnection(app.targetProfile().databaseUrl().orElseThrow().reveal());
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  static String text(RunningReferenceApp app, String sql, Object... args) {
    try (Connection c =
            DriverManager.getConnection(app.targetProfile().databaseUrl().orElseThrow().reveal());
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }
}
