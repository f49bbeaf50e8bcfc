package dev.loadgate.refapp.letters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.Json;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The real app's letter intake rules: letter types, field limits, date and contact formats, and the
 * forbidden patterns (SQL, script and prompt injection) that answer 400.
 */
public final class LetterValidation {
  /** The allowed letter types. */
  public static final List<String> LETTER_TYPES =
      List.of(
          "demand_letter",
          "cease_desist",
          "contract_breach",
          "eviction_notice",
          "employment_dispute",
          "consumer_complaint");

  private static final Set<String> STATES =
      Set.of(
          "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
          "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
          "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
          "VA", "WA", "WV", "WI", "WY", "DC");
  private static final Set<String> COURT_TYPES =
      Set.of("state_court", "federal_court", "small_claims", "superior_court", "municipal_court");
  private static final List<String> FORBIDDEN =
      List.of(
          "--",
          "/*",
          "*/",
          ";",
          "|",
          "&",
          "$(",
          "`",
          "../",
          "<script",
          "<iframe",
          "<object",
          "<embed",
          "javascript:",
          "system:",
          "assistant:",
          "ignore previous instructions");
  private static final Pattern SPACES = Pattern.compile(" {20,}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("[\\d\\s\\-+()]{10,20}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu");

  private LetterValidation() {}

  /** A validated request: the letter type and the cleaned intake (unknown keys dropped). */
  public record Intake(String letterType, Map<String, Object> fields) {}

  /** Validates a {@code POST /api/generate-letter} body; 400 with every problem otherwise. */
  public static Intake validate(ObjectNode body) {
    List<String> errors = new ArrayList<>();
    String type = body.path("letterType").isTextual() ? body.get("letterType").asText() : null;
    if (type == null || !LETTER_TYPES.contains(type)) {
      errors.add("letterType must be one of " + String.join(", ", LETTER_TYPES));
    }
    JsonNode intake = body.get("intakeData");
    if (intake == null || !intake.isObject()) {
      errors.add("intakeData must be an object");
      throw fail(errors);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    requiredText(intake, "senderName", 1, 100, errors, out);
    requiredText(intake, "senderAddress", 1, 500, errors, out);
    state(intake, "senderState", errors, out);
    requiredText(intake, "recipientName", 1, 100, errors, out);
    requiredText(intake, "recipientAddress", 1, 500, errors, out);
    state(intake, "recipientState", errors, out);
    requiredText(intake, "issueDescription", 20, 2000, errors, out);
    requiredText(intake, "desiredOutcome", 10, 1000, errors, out);
    optionalPattern(intake, "senderEmail", EMAIL, "a valid email", errors, out);
    optionalPattern(intake, "recipientEmail", EMAIL, "a valid email", errors, out);
    optionalPattern(intake, "senderPhone", PHONE, "10 to 20 digits, spaces or -+()", errors, out);
    optionalPattern(
        intake, "recipientPhone", PHONE, "10 to 20 digits, spaces or -+()", errors, out);
    optionalPattern(intake, "senderCountry", COUNTRY, "a 2-letter code", errors, out);
    optionalPattern(intake, "recipientCountry", COUNTRY, "a 2-letter code", errors, out);
    optionalText(intake, "additionalDetails", 3000, errors, out);
    JsonNode court = intake.get("courtType");
    if (court != null && !court.isNull()) {
      if (!court.isTextual() || !COURT_TYPES.contains(court.asText())) {
        errors.add(
            "courtType must be one of "
                + String.join(", ", COURT_TYPES.stream().sorted().toList()));
      } else {
        out.put("courtType", court.asText());
      }
    }
    JsonNode amount = intake.get("amountDemanded");
    if (amount != null && !amount.isNull()) {
      if (!"demand_letter".equals(type)) {
        errors.add("amountDemanded is only allowed for demand_letter");
      } else if (!amount.isNumber() || amount.asDouble() < 0 || amount.asDouble() > 10_000_000) {
        errors.add("amountDemanded must be a number from 0 to 10000000");
      } else {
        out.put("amountDemanded", amount.asDouble());
      }
    }
    date(
        intake,
        "deadlineDate",
        type,
        Set.of("demand_letter", "cease_desist", "eviction_notice"),
        errors,
        out);
    date(
        intake,
        "incidentDate",
        type,
        Set.of("demand_letter", "contract_breach", "employment_dispute", "consumer_complaint"),
        errors,
        out);
    if (!errors.isEmpty()) {
      throw fail(errors);
    }
    return new Intake(type, out);
  }

  private static ApiError fail(List<String> errors) {
    return ApiError.validation("Invalid input: " + errors.get(0), Map.of("errors", errors));
  }

  private static String textValue(JsonNode intake, String field, List<String> errors) {
    JsonNode v = intake.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      errors.add(field + " must be a string");
      return null;
    }
    return v.asText().trim();
  }

  private static void requiredText(
      JsonNode intake,
      String field,
      int min,
      int max,
      List<String> errors,
      Map<String, Object> out) {
    String v = textValue(intake, field, errors);
    if (v == null || v.isEmpty()) {
      errors.add(field + " is required");
      return;
    }
    if (v.length() < min || v.length() > max) {
      errors.add(field + " must be " + (min > 1 ? min + " to " : "at most ") + max + " characters");
      return;
    }
    if (isClean(v, field, errors)) {
      out.put(field, v);
    }
  }

  private static void optionalText(
      JsonNode intake, String field, int max, List<String> errors, Map<String, Object> out) {
    String v = textValue(intake, field, errors);
    if (v == null || v.isEmpty()) {
      return;
    }
    if (v.length() > max) {
      errors.add(field + " must be at most " + max + " characters");
    } else if (isClean(v, field, errors)) {
      out.put(field, v);
    }
  }

  private static void optionalPattern(
      JsonNode intake,
      String field,
      Pattern pattern,
      String rule,
      List<String> errors,
      Map<String, Object> out) {
    String v = textValue(intake, field, errors);
    if (v == null || v.isEmpty()) {
      return;
    }
    if (!pattern.matcher(v).matches()) {
      errors.add(field + " must be " + rule);
    } else if (isClean(v, field, errors)) {
      out.put(field, v);
    }
  }

  private static void state(
      JsonNode intake, String field, List<String> errors, Map<String, Object> out) {
    String v = textValue(intake, field, errors);
    if (v == null || v.isEmpty()) {
      errors.add(field + " is required");
      return;
    }
    String upper = v.toUpperCase(Locale.ROOT);
    if (!STATES.contains(upper)) {
      errors.add(field + " must be a 2-letter US state code");
    } else {
      out.put(field, upper);
    }
  }

  private static void date(
      JsonNode intake,
      String field,
      String type,
      Set<String> allowedFor,
      List<String> errors,
      Map<String, Object> out) {
    String v = textValue(intake, field, errors);
    if (v == null || v.isEmpty()) {
      return;
    }
    if (!allowedFor.contains(type)) {
      errors.add(field + " is not allowed for " + type);
      return;
    }
    try {
      LocalDate d = v.contains("/") ? LocalDate.parse(v, US_DATE) : LocalDate.parse(v);
      out.put(field, d.toString());
    } catch (DateTimeParseException e) {
      errors.add(field + " must be YYYY-MM-DD or M/D/YYYY");
    }
  }

  /** True if {@code value} is clean; else records the problem and returns false. */
  static boolean isClean(String value, String field, List<String> errors) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (String p : FORBIDDEN) {
      if (lower.contains(p)) {
        errors.add(field + " contains a forbidden pattern \"" + p + "\"");
        return false;
      }
    }
    if (SPACES.matcher(value).find()) {
      errors.add(field + " contains 20 or more spaces in a row");
      return false;
    }
    return true;
  }

  /** Reads the body for callers that need a JSON object first. */
  static ObjectNode body(io.javalin.http.Context ctx) {
    return Json.object(ctx);
  }
}
