package dev.loadgate.refapp.letters;

import dev.loadgate.refapp.db.Rpc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Writes {@code letter_audit_trail} rows through {@code log_letter_audit}, as the real routes. */
public final class Audit {
  private Audit() {}

  /**
   * Calls {@code log_letter_audit} as {@code performedBy} (its {@code auth.uid()}); must run inside
   * the caller's transaction.
   */
  public static void log(
      Connection c,
      UUID letterId,
      String action,
      UUID performedBy,
      String oldStatus,
      String newStatus,
      String notes)
      throws SQLException {
    Rpc.actAs(c, performedBy);
    try (PreparedStatement ps =
        c.prepareStatement("select log_letter_audit(?, ?, ?, ?, ?, null)")) {
      ps.setObject(1, letterId);
      ps.setString(2, action);
      ps.setString(3, oldStatus);
      ps.setString(4, newStatus);
      ps.setString(5, notes);
      ps.executeQuery().close();
    }
  }
}
