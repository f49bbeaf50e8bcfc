package dev.loadgate.refapp.admin;

import dev.loadgate.refapp.email.EmailQueue;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The owner's e-mail after a review decision ({@code letter-approved} or {@code letter-rejected}).
 */
final class ReviewMail {
  private ReviewMail() {}

  /** Queues the mail inside the decision's transaction, so that it exists iff the decision does. */
  static void decisionMade(Connection c, ReviewAction action, String ownerEmail, String title)
      throws SQLException {
    String outcome = action.target().dbName();
    EmailQueue.enqueue(
        c,
        "letter-" + outcome,
        ownerEmail,
        "Your letter was " + outcome,
        "Your letter \"" + title + "\" was " + outcome + " by our review team.");
  }
}
