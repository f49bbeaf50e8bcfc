package dev.loadgate.refapp.letters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Writes {@code letter_audit_trail} rows, as {@code log_letter_audit} does. */
public final class Audit {
  private Audit() {}

  public static void log(
      Connection c,
      UUID letterId,
      String action,
      UUID performedBy,
      String oldStatus,
      String newStatus,
      String notes)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into letter_audit_trail"
                + " (letter_id, action, performed_by, old_status, new_status, notes)"
                + " values (?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, letterId);
      ps.setString(2, action);
      ps.setObject(3, performedBy);
      ps.setString(4, oldStatus);
      ps.setString(5, newStatus);
      ps.setString(6, notes);
      ps.executeUpdate();
    }
  }
}
