package dev.loadgate.refapp.email;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Inserts mail into {@code email_queue}, inside the caller's transaction. */
public final class EmailQueue {
  private EmailQueue() {}

  /** Queues one templated e-mail. */
  public static void enqueue(Connection c, String template, String to, String subject, String text)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into email_queue (id, \"to\", subject, text, html, template)"
                + " values (?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, to);
      ps.setString(3, subject);
      ps.setString(4, text);
      ps.setString(5, "<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>");
      ps.setString(6, template);
      ps.executeUpdate();
    }
  }
}
