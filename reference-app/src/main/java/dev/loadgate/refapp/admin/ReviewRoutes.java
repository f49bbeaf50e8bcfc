package dev.loadgate.refapp.admin;

import static dev.loadgate.refapp.admin.QueryParams.intParam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.refapp.auth.Caller;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import dev.loadgate.refapp.letters.LetterRoutes;
import dev.loadgate.refapp.letters.LetterStatus;
import io.javalin.http.Context;
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
 * The review queue over HTTP: the letter list, the review page (which opens the letter for review),
 * and start-review, approve and reject with the CSRF header; the moves themselves are {@link
 * ReviewWorkflow}'s.
 */
final class ReviewRoutes {
  private final Database db;
  private final AdminAuth auth;
  private final ReviewWorkflow workflow;

  ReviewRoutes(Database db, AdminAuth auth) {
    this.db = db;
    this.auth = auth;
    this.workflow = new ReviewWorkflow(db);
  }

  void register(Router r) {
    r.get("/api/admin/letters", "admin_dashboard", "admin", this::letters);
    r.get("/api/admin/letters/{id}", "admin_dashboard", "admin", this::review);
    r.post("/api/letters/{id}/start-review", "admin_dashboard", "admin", this::startReview);
    r.post("/api/letters/{id}/approve", "admin_dashboard", "admin", this::approve);
    r.post("/api/letters/{id}/reject", "admin_dashboard", "admin", this::reject);
  }

  /** One row of the admin letter list. */
  private record Listed(
      UUID id,
      String title,
      String letterType,
      String status,
      Instant createdAt,
      Instant approvedAt,
      UUID assignedTo,
      Instant assignedAt,
      String ownerName,
      String ownerEmail) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id.toString());
      m.put("title", title);
      m.put("letter_type", letterType);
      m.put("status", status);
      m.put("created_at", createdAt.toString());
      m.put("approved_at", text(approvedAt));
      m.put("assigned_to", assignedTo == null ? null : assignedTo.toString());
      m.put("assigned_at", text(assignedAt));
      Map<String, Object> profile = new LinkedHashMap<>();
      profile.put("full_name", ownerName);
      profile.put("email", ownerEmail);
      m.put("profiles", profile);
      return m;
    }

    private static String text(Instant t) {
      return t == null ? null : t.toString();
    }
  }

  private void letters(Context ctx) throws SQLException {
    auth.requireAdmin(ctx, false);
    int limit = intParam(ctx, "limit", 100, 1, 200);
    int offset = intParam(ctx, "offset", 0, 0, 1_000_000);
    String status = ctx.queryParam("status");
    String filter = null;
    if (status != null && !status.isBlank()) {
      filter =
          LetterStatus.parse(status)
              .orElseThrow(
                  () ->
                      ApiError.validation(
                          "status must be one of "
                              + LetterStatus.allNames()
                              + " (got \""
                              + status
                              + "\")"))
              .dbName();
    }
    String chosen = filter;
    Map<String, Object> out =
        db.withConnection(
            c -> {
              long total;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "select count(*) from letters where (?::letter_status is null"
                          + " or status = ?::letter_status)")) {
                ps.setString(1, chosen);
                ps.setString(2, chosen);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  total = rs.getLong(1);
                }
              }
              List<Map<String, Object>> list = new ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "select l.id, l.title, l.letter_type, l.status::text, l.created_at,"
                          + " l.approved_at, l.assigned_to, l.assigned_at, p.full_name, p.email"
                          + " from letters l join profiles p on p.id = l.user_id"
                          + " where (?::letter_status is null or l.status = ?::letter_status)"
                          + " order by l.created_at desc limit ? offset ?")) {
                ps.setString(1, chosen);
                ps.setString(2, chosen);
                ps.setInt(3, limit);
                ps.setInt(4, offset);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    list.add(
                        new Listed(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getTimestamp(5).toInstant(),
                                instant(rs.getTimestamp(6)),
                                rs.getObject(7, UUID.class),
                                instant(rs.getTimestamp(8)),
                                rs.getString(9),
                                rs.getString(10))
                            .toJson());
                  }
                }
              }
              Map<String, Object> page = new LinkedHashMap<>();
              page.put("total", total);
              page.put("limit", limit);
              page.put("offset", offset);
              page.put("hasMore", offset + list.size() < total);
              Map<String, Object> o = new LinkedHashMap<>();
              o.put("success", true);
              o.put("letters", list);
              o.put("pagination", page);
              return o;
            });
    Json.send(ctx, 200, out);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private void review(Context ctx) throws SQLException {
    Caller admin = auth.requireAdmin(ctx, false);
    UUID id = LetterRoutes.parseId(ctx.pathParam("id"));
    ReviewWorkflow.Opened opened = workflow.open(id, admin);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("letter", opened.letter().toJson());
    out.put(
        "auditTrail", opened.auditTrail().stream().map(ReviewWorkflow.AuditEntry::toJson).toList());
    out.put("csrfToken", auth.issueCsrf());
    Json.send(ctx, 200, out);
  }

  private void startReview(Context ctx) throws SQLException {
    Caller admin = auth.requireAdmin(ctx, false);
    auth.requireCsrf(ctx);
    UUID id = LetterRoutes.parseId(ctx.pathParam("id"));
    workflow.apply(id, admin, ReviewAction.START_REVIEW, ReviewWorkflow.Decision.NONE);
    Json.send(ctx, 200, Json.obj("success", true, "message", "Review started"));
  }

  private void approve(Context ctx) throws SQLException {
    Caller admin = auth.requireAdmin(ctx, false);
    auth.requireCsrf(ctx);
    UUID id = LetterRoutes.parseId(ctx.pathParam("id"));
    ObjectNode body = Json.object(ctx);
    workflow.apply(
        id,
        admin,
        ReviewAction.APPROVE,
        new ReviewWorkflow.Decision(
            Json.text(body, "finalContent"), Json.text(body, "reviewNotes"), null));
    Json.send(ctx, 200, Json.obj("success", true, "message", "Letter approved successfully"));
  }

  private void reject(Context ctx) throws SQLException {
    Caller admin = auth.requireAdmin(ctx, false);
    auth.requireCsrf(ctx);
    UUID id = LetterRoutes.parseId(ctx.pathParam("id"));
    ObjectNode body = Json.object(ctx);
    String reason = Json.text(body, "rejectionReason");
    if (reason == null || reason.isBlank()) {
      throw ApiError.validation("rejectionReason is required");
    }
    workflow.apply(
        id,
        admin,
        ReviewAction.REJECT,
        new ReviewWorkflow.Decision(null, Json.text(body, "reviewNotes"), reason));
    Json.send(ctx, 200, Json.obj("success", true, "message", "Letter rejected successfully"));
  }
}
