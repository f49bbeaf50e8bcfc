package dev.loadgate.refapp.letters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.refapp.auth.Caller;
import dev.loadgate.refapp.auth.Sessions;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.db.Rpc;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** {@code POST /api/generate-letter} and {@code GET /api/letters/{id}/pdf}. */
public final class LetterRoutes {
  private static final DateTimeFormatter TITLE_DATE =
      DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT);

  private final Database db;
  private final Sessions sessions;
  private final AiStandIn ai;

  public LetterRoutes(Database db, Sessions sessions, AiStandIn ai) {
    this.db = db;
    this.sessions = sessions;
    this.ai = ai;
  }

  public void register(Router r) {
    r.post("/api/generate-letter", "letter_generation", "letter-gen", this::generate);
    r.get("/api/generate-letter", "letter_generation", null, this::describe);
    r.get("/api/letters/{id}/pdf", "download", null, this::pdf);
    r.get("/api/subscriptions/check-allowance", "auth", "api", this::checkAllowance);
  }

  /**
   * {@code GET /api/subscriptions/check-allowance}: what the real route means to report (the real
   * one reads mismatched column names and probably always answers false/0): the credits of the
   * caller's active subscriptions, or unlimited for a super admin.
   */
  private void checkAllowance(Context ctx) throws SQLException {
    Caller caller = sessions.require(ctx);
    Map<String, Object> allowance =
        db.withConnection(c -> Rpc.row(c, "check_letter_allowance", caller.id()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("hasAllowance", allowance.get("has_allowance"));
    out.put("remaining", allowance.get("remaining"));
    Json.send(ctx, 200, out);
  }

  private void describe(Context ctx) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("endpoint", "/api/generate-letter");
    d.put("method", "POST");
    d.put("letterTypes", LetterValidation.LETTER_TYPES);
    d.put(
        "requiredFields",
        java.util.List.of(
            "senderName",
            "senderAddress",
            "senderState",
            "recipientName",
            "recipientAddress",
            "recipientState",
            "issueDescription",
            "desiredOutcome"));
    d.put("generationMethod", "stand-in");
    d.put("n8nConfigured", false);
    Json.send(ctx, 200, d);
  }

  /** What the allowance transaction decided. */
  private record Allowance(UUID letterId, boolean freeTrial) {}

  private void generate(Context ctx) throws SQLException, InterruptedException {
    Caller caller = sessions.require(ctx);
    if (!caller.role().equals("subscriber") && !caller.isSuperAdmin()) {
      throw ApiError.forbidden("This action requires subscriber role or higher");
    }
    ObjectNode body = Json.object(ctx);
    LetterValidation.Intake intake = LetterValidation.validate(body);
    Allowance allowance = db.inTransaction(c -> deductAndInsert(c, caller, intake));
    String draft;
    try {
      draft = ai.generate(intake.letterType(), intake.fields());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update letters set ai_draft_content = ?, status = 'pending_review',"
                      + " generated_at = now(), updated_at = now(),"
                      + " generation_metadata = jsonb_build_object('method', 'stand_in',"
                      + " 'model', 'loadgate-stand-in') where id = ?")) {
            ps.setString(1, draft);
            ps.setObject(2, allowance.letterId());
            ps.executeUpdate();
          }
          Audit.log(
              c,
              allowance.letterId(),
              "created",
              caller.id(),
              "generating",
              "pending_review",
              "Letter generated");
          return null;
        });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("letterId", allowance.letterId().toString());
    out.put("status", "pending_review");
    out.put("isFreeTrial", allowance.freeTrial());
    Json.send(ctx, 200, out);
  }

  /**
   * {@code check_and_deduct_allowance()} (as the caller, through {@code auth.uid()}) and the letter
   * insert, in one transaction, so that the credit and the letter commit together.
   */
  private Allowance deductAndInsert(Connection c, Caller caller, LetterValidation.Intake intake)
      throws SQLException {
    Rpc.actAs(c, caller.id());
    Map<String, Object> allowance = Rpc.row(c, "check_and_deduct_allowance");
    if (!Boolean.TRUE.equals(allowance.get("success"))) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("needsSubscription", true);
      details.put("code", "INSUFFICIENT_CREDITS");
      throw ApiError.validation(
          "No letter credits remaining. Please purchase a subscription.", details);
    }
    boolean freeTrial = Boolean.TRUE.equals(allowance.get("is_free_trial"));
    UUID letterId = UUID.randomUUID();
    String title =
        displayName(intake.letterType()) + " - " + TITLE_DATE.format(LocalDate.now(ZoneOffset.UTC));
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into letters (id, user_id, title, status, letter_type, intake_data,"
                + " sender_state, recipient_state, court_type)"
                + " values (?, ?, ?, 'generating', ?, ?::jsonb, ?, ?, ?)")) {
      ps.setObject(1, letterId);
      ps.setObject(2, caller.id());
      ps.setString(3, title);
      ps.setString(4, intake.letterType());
      ps.setString(5, toJson(intake.fields()));
      ps.setString(6, (String) intake.fields().get("senderState"));
      ps.setString(7, (String) intake.fields().get("recipientState"));
      ps.setString(8, (String) intake.fields().get("courtType"));
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "update profiles set total_letters_generated = total_letters_generated + 1"
                + " where id = ?")) {
      ps.setObject(1, caller.id());
      ps.executeUpdate();
    }
    return new Allowance(letterId, freeTrial);
  }

  /** "demand_letter" becomes "Demand Letter". */
  public static String displayName(String letterType) {
    StringBuilder b = new StringBuilder();
    for (String w : letterType.split("_")) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return b.toString();
  }

  private static String toJson(Map<String, Object> fields) {
    try {
      return Json.MAPPER.writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void pdf(Context ctx) throws SQLException {
    Caller caller = sessions.require(ctx);
    UUID id = parseId(ctx.pathParam("id"));
    Map<String, Object> letter =
        db.withConnection(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "select l.user_id, l.status::text, l.title,"
                          + " coalesce(l.final_content, l.ai_draft_content, ''),"
                          + " coalesce(l.approved_at, l.updated_at),"
                          + " coalesce(r.is_licensed_attorney, false)"
                          + " from letters l left join profiles r on r.id = l.reviewed_by"
                          + " where l.id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return null;
                  }
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("owner", rs.getObject(1, UUID.class));
                  m.put("status", rs.getString(2));
                  m.put("title", rs.getString(3));
                  m.put("body", rs.getString(4));
                  m.put(
                      "date", rs.getTimestamp(5).toInstant().atZone(ZoneOffset.UTC).toLocalDate());
                  m.put("attorney", rs.getBoolean(6));
                  return m;
                }
              }
            });
    if (letter == null) {
      throw ApiError.notFound("Letter not found");
    }
    if (!caller.isAdmin() && !caller.id().equals(letter.get("owner"))) {
      throw ApiError.forbidden("Access denied");
    }
    String status = (String) letter.get("status");
    if (!status.equals("approved") && !status.equals("completed")) {
      throw ApiError.forbidden("Only approved or completed letters can be downloaded as PDF");
    }
    String title = (String) letter.get("title");
    byte[] pdf =
        PdfRenderer.render(
            title,
            (LocalDate) letter.get("date"),
            (String) letter.get("body"),
            (Boolean) letter.get("attorney"));
    ctx.status(200)
        .contentType("application/pdf")
        .header(
            "Content-Disposition",
            "inline; filename=\"" + title.replaceAll("[^A-Za-z0-9]", "_") + ".pdf\"")
        .result(pdf);
  }

  /** A letter id from the path; anything but a UUID is an unknown letter (404). */
  public static UUID parseId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("Letter not found");
    }
  }
}
