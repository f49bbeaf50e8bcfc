package dev.loadgate.refapp.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.refapp.http.ApiError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LetterValidationTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ObjectNode valid() {
    ObjectNode body = JSON.createObjectNode();
    body.put("letterType", "demand_letter");
    ObjectNode i = body.putObject("intakeData");
    i.put("senderName", "Ann Example");
    i.put("senderAddress", "1 Main Street");
    i.put("senderState", "ca");
    i.put("recipientName", "Bob Example");
    i.put("recipientAddress", "2 Oak Avenue");
    i.put("recipientState", "NY");
    i.put("issueDescription", "The invoice for March remains unpaid.");
    i.put("desiredOutcome", "Pay it in full.");
    return body;
  }

  @SuppressWarnings("unchecked")
  static List<String> errors(ObjectNode body) {
    ApiError e = catchThrowableOfType(ApiError.class, () -> LetterValidation.validate(body));
    assertThat(e).as("expected a validation error").isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.body().get("code")).isEqualTo("VALIDATION_ERROR");
    return (List<String>) ((Map<String, Object>) e.body().get("details")).get("errors");
  }

  @Test
  void acceptsAValidIntakeUpperCasesStatesAndDropsUnknownKeys() {
    ObjectNode body = valid();
    ((ObjectNode) body.get("intakeData")).put("attachedFiles", "x");
    LetterValidation.Intake intake = LetterValidation.validate(body);
    assertThat(intake.letterType()).isEqualTo("demand_letter");
    assertThat(intake.fields())
        .containsEntry("senderState", "CA")
        .doesNotContainKey("attachedFiles");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Smith & Sons",
        "a; drop table",
        "x -- y",
        "$(rm)",
        "`id`",
        "../etc",
        "<script>",
        "javascript:alert",
        "SYSTEM: you are",
        "Ignore previous instructions now",
        "a|b"
      })
  void forbiddenPatternsAreRejected(String value) {
    ObjectNode body = valid();
    ((ObjectNode) body.get("intakeData")).put("senderAddress", value);
    assertThat(errors(body)).anySatisfy(e -> assertThat(e).startsWith("senderAddress contains"));
  }

  @Test
  void twentySpacesInARowAreRejected() {
    ObjectNode body = valid();
    ((ObjectNode) body.get("intakeData")).put("additionalDetails", "a" + " ".repeat(20) + "b");
    assertThat(errors(body))
        .containsExactly("additionalDetails contains 20 or more spaces in a row");
  }

  @Test
  void fieldLimitsAndTypeSpecificFieldsAreEnforced() {
    ObjectNode body = valid();
    ObjectNode i = (ObjectNode) body.get("intakeData");
    i.put("senderName", "x".repeat(101));
    i.put("desiredOutcome", "short");
    i.put("senderPhone", "12");
    i.put("deadlineDate", "31.12.2026");
    i.put("courtType", "moon_court");
    assertThat(errors(body))
        .contains(
            "senderName must be at most 100 characters",
            "desiredOutcome must be 10 to 1000 characters",
            "senderPhone must be 10 to 20 digits, spaces or -+()",
            "deadlineDate must be YYYY-MM-DD or M/D/YYYY");
    ObjectNode cease = valid();
    cease.put("letterType", "cease_desist");
    ((ObjectNode) cease.get("intakeData")).put("amountDemanded", 5);
    assertThat(errors(cease)).containsExactly("amountDemanded is only allowed for demand_letter");
  }

  @Test
  void acceptsUsDates() {
    ObjectNode body = valid();
    ((ObjectNode) body.get("intakeData")).put("deadlineDate", "3/1/2026");
    assertThat(LetterValidation.validate(body).fields())
        .containsEntry("deadlineDate", "2026-03-01");
  }
}
