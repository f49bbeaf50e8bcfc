package dev.loadgate.simulations.lettergeneration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntakeDataTest {
  /** The patterns the server rejects with 400. */
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
          "ignore previous instructions",
          " ".repeat(20));

  @Test
  @SuppressWarnings("unchecked")
  void everyRequestIsValidForItsLetterType() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      Map<String, Object> body = IntakeData.next(random);
      String type = (String) body.get("letterType");
      Map<String, Object> intake = (Map<String, Object>) body.get("intakeData");

      assertThat(IntakeData.LETTER_TYPES).contains(type);
      String text = intake.values().toString().toLowerCase(java.util.Locale.ROOT);
      assertThat(FORBIDDEN).noneMatch(text::contains);
      assertThat((String) intake.get("issueDescription")).hasSizeBetween(20, 2000);
      assertThat((String) intake.get("desiredOutcome")).hasSizeBetween(10, 1000);
      assertThat((String) intake.get("senderName")).hasSizeLessThanOrEqualTo(100);
      assertThat((String) intake.get("recipientName")).hasSizeLessThanOrEqualTo(100);
      assertThat((String) intake.get("senderState")).matches("[A-Z]{2}");
      assertThat((String) intake.get("senderPhone")).matches("[\\d\\s\\-+()]{10,20}");
      assertThat(intake.containsKey("amountDemanded")).isEqualTo(type.equals("demand_letter"));
      assertThat(intake.containsKey("deadlineDate"))
          .isEqualTo(Set.of("demand_letter", "cease_desist", "eviction_notice").contains(type));
      assertThat(intake.containsKey("incidentDate"))
          .isEqualTo(
              Set.of("demand_letter", "contract_breach", "employment_dispute", "consumer_complaint")
                  .contains(type));
    }
  }
}
