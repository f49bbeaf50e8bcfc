package dev.loadgate.refapp.admin;

import dev.loadgate.refapp.auth.Caller;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.letters.Audit;
import dev.loadgate.refapp.letters.LetterStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The review state machine: each step locks the letter row, checks the move against {@link
 * LetterStatus}, updates the row, writes the audit entry and, for a decision, queues the owner's
 * e-mail, all in one transaction.
 */
final class ReviewWorkflow {
  private final Database db;

  ReviewWorkflow(Database db) {
    this.db = db;
  }

  /** What the reviewer writes with a decision; any part may be null. */
  record Decision(String finalContent, String reviewNotes, String rejectionReason) {
    static final Decision NONE = new Decision(null, null, null);
  }

  /** The review page's letter. */
  record LetterForReview(
      UUID id,
      String title,
      LetterStatus status,
      String letterType,
      String aiDraftContent,
      String finalContent,
      Instant createdAt,
      UUID userId,
      String ownerName,
      String ownerEmail) {
    LetterForReview withStatus(LetterStatus s) {
      return new LetterForReview(
          id,
          title,
          s,
          letterType,
          aiDraftContent,
          finalContent,
          createdAt,
          userId,
          ownerName,
          ownerEmail);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id.toString());
      m.put("title", title);
      m.put("status", status.dbName());
      m.put("letter_type", letterType);
      m.put("ai_draft_content", aiDraftContent);
      m.put("final_content", finalContent);
      m.put("created_at", createdAt.toString());
      m.put("user_id", userId.toString());
      m.put("full_name", ownerName);
      m.put("email", ownerEmail);
      return m;
    }
  }

  /** One row of the letter's audit trail. */
  record AuditEntry(
      String action,
      UUID performedBy,
      String oldStatus,
      String newStatus,
      String notes,
      Instant createdAt) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", action);
      m.put("performed_by", performedBy == null ? null : performedBy.toString());
      m.put("old_status", oldStatus);
      m.put("new_status", newStatus);
      m.put("notes", notes);
      m.put("created_at", createdAt.toString());
      return m;
    }
  }

  /** The opened letter and its trail, newest first. */
  record Opened(LetterForReview letter, List<AuditEntry> auditTrail) {}

  /**
   * Opens a letter for review, as the review page does: a {@code pending_review} letter moves to
   * {@code under_review}. 404 for an unknown letter.
   */
  Opened open(UUID id, Caller admin) throws SQLException {
    return db.inTransaction(
        c -> {
          LetterForReview letter = lock(c, id);
          if (letter.status() == LetterStatus.PENDING_REVIEW) {
            move(c, letter, admin, ReviewAction.START_REVIEW, Decision.NONE);
            letter = letter.withStatus(LetterStatus.UNDER_REVIEW);
          }
          return new Opened(letter, trail(c, id));
        });
  }

  /** Applies {@code action}; 404 for an unknown letter, 400 when its status does not allow it. */
  void apply(UUID id, Caller admin, ReviewAction action, Decision decision) throws SQLException {
    db.inTransaction(
        c -> {
          LetterForReview letter = lock(c, id);
          if (!letter.status().mayMoveTo(action.target())) {
            throw ApiError.validation(
                "Cannot move a letter from "
                    + letter.status().dbName()
                    + " to "
                    + action.target().dbName()
                    + " (expected status "
                    + action.sourceNames()
                    + ")");
          }
          move(c, letter, admin, action, decision);
          if (action.decides()) {
            ReviewMail.decisionMade(c, action, letter.ownerEmail(), letter.title());
          }
          return null;
        });
  }

  private static LetterForReview lock(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select l.id, l.title, l.status::text, l.letter_type, l.ai_draft_content,"
                + " l.final_content, l.created_at, l.user_id, p.full_name, p.email"
                + " from letters l join profiles p on p.id = l.user_id"
                + " where l.id = ? for update of l")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiError.notFound("Letter not found");
        }
        return new LetterForReview(
            rs.getObject(1, UUID.class),
            rs.getString(2),
            LetterStatus.parse(rs.getString(3)).orElseThrow(),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getTimestamp(7).toInstant(),
            rs.getObject(8, UUID.class),
            rs.getString(9),
            rs.getString(10));
      }
    }
  }

  private static void move(
      Connection c, LetterForReview letter, Caller admin, ReviewAction action, Decision d)
      throws SQLException {
    boolean approved = action == ReviewAction.APPROVE;
    try (PreparedStatement ps =
        c.prepareStatement(
            "update letters set status = ?::letter_status, updated_at = now(),"
                + " reviewed_by = ?, assigned_to = coalesce(assigned_to, ?),"
                + " assigned_at = coalesce(assigned_at, now()),"
                + " reviewed_at = case when ? then now() else reviewed_at end,"
                + " approved_at = case when ? then now() else approved_at end,"
                + " is_attorney_reviewed = is_attorney_reviewed or ?,"
                + " final_content = coalesce(?, case when ? then coalesce(final_content,"
                + " ai_draft_content) else final_content end),"
                + " review_notes = coalesce(?, review_notes),"
                + " rejection_reason = coalesce(?, rejection_reason) where id = ?")) {
      ps.setString(1, action.target().dbName());
      ps.setObject(2, admin.id());
      ps.setObject(3, admin.id());
      ps.setBoolean(4, action.decides());
      ps.setBoolean(5, approved);
      ps.setBoolean(6, approved);
      ps.setString(7, d.finalContent());
      ps.setBoolean(8, approved);
      ps.setString(9, d.reviewNotes());
      ps.setString(10, d.rejectionReason());
      ps.setObject(11, letter.id());
      ps.executeUpdate();
    }
    Audit.log(
        c,
        letter.id(),
        action.auditAction(),
        admin.id(),
        letter.status().dbName(),
        action.target().dbName(),
        d.reviewNotes());
  }

  private static List<AuditEntry> trail(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select action, performed_by, old_status, new_status, notes, created_at"
                + " from letter_audit_trail where letter_id = ? order by created_at desc, id desc")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        List<AuditEntry> out = new ArrayList<>();
        while (rs.next()) {
          Timestamp at = rs.getTimestamp(6);
          out.add(
              new AuditEntry(
                  rs.getString(1),
                  rs.getObject(2, UUID.class),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  at.toInstant()));
        }
        return out;
      }
    }
  }
}
