package dev.loadgate.simulations.lettergeneration;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic, valid letter requests: varied letter types, the fields each type allows, lengths
 * within the server's limits and none of the patterns the server rejects ({@code --}, {@code ;},
 * {@code &}, {@code |}, script tags, prompt-injection phrases and the like).
 */
public final class IntakeData {
  /** The letter types the server accepts. */
  public static final List<String> LETTER_TYPES =
      List.of(
          "demand_letter",
          "cease_desist",
          "contract_breach",
          "eviction_notice",
          "employment_dispute",
          "consumer_complaint");

  private static final List<String> FIRST =
      List.of("Maria", "James", "Aisha", "Chen", "Olivia", "Mateo", "Priya", "Samuel", "Grace");
  private static final List<String> LAST =
      List.of("Garcia", "Okafor", "Nguyen", "Schmidt", "Patel", "Johnson", "Rossi", "Kowalski");
  private static final List<String> COMPANIES =
      List.of(
          "Brightline Property Management LLC",
          "Summit Auto Repair Inc",
          "Northwind Staffing Group",
          "Cedar Valley Home Builders",
          "Metro Appliance Outlet");
  private static final List<String> STREETS =
      List.of("Oak Street", "Maple Avenue", "Sunset Boulevard", "Harbor Road", "Pine Court");
  private static final List<String> CITIES =
      List.of(
          "Sacramento, CA 95814",
          "Austin, TX 78701",
          "Brooklyn, NY 11201",
          "Denver, CO 80202",
          "Columbus, OH 43215");
  private static final List<String> STATES =
      List.of("CA", "TX", "NY", "CO", "OH", "FL", "WA", "IL", "GA", "DC");
  private static final Map<String, List<String>> ISSUES =
      Map.of(
          "demand_letter",
          List.of(
              "I paid a deposit of 2,400 dollars for kitchen cabinets that were never delivered"
                  + " despite repeated promises over three months.",
              "My former landlord kept my full security deposit without any itemized list of"
                  + " deductions after I moved out in good condition."),
          "cease_desist",
          List.of(
              "A former business partner keeps using my registered business name and logo on"
                  + " social media to sell competing services.",
              "A neighbor repeatedly posts false statements about my bakery online, which has"
                  + " cost me several regular customers."),
          "contract_breach",
          List.of(
              "The contractor stopped work on our roof halfway through the job and refuses to"
                  + " return calls although the contract set a completion date.",
              "A supplier failed to deliver the equipment listed in our signed purchase order"
                  + " and has not refunded the prepayment."),
          "eviction_notice",
          List.of(
              "The tenant at the property has not paid rent for the last two months and has"
                  + " ignored written reminders sent by mail.",
              "The tenant keeps an unauthorized dog in the unit in violation of the signed lease"
                  + " and did not respond to a written warning."),
          "employment_dispute",
          List.of(
              "My employer has not paid overtime for the extra hours I worked during the last"
                  + " quarter although my timesheets were approved.",
              "I was dismissed one week after reporting a safety hazard to my supervisor, with"
                  + " no reason given in writing."),
          "consumer_complaint",
          List.of(
              "The laptop I bought stopped working after two weeks and the store refuses to honor"
                  + " the written one year warranty.",
              "My internet provider keeps charging me for a premium plan I cancelled in writing"
                  + " three billing cycles ago."));
  private static final List<String> OUTCOMES =
      List.of(
          "A full refund within fourteen days of this letter.",
          "Written confirmation that the conduct will stop immediately.",
          "Payment of the amount owed and a written apology.",
          "Completion of the agreed work or reimbursement of the deposit.");

  private IntakeData() {}

  /** A request body for {@code POST /api/generate-letter} of a random letter type. */
  public static Map<String, Object> next(Random random) {
    return forType(LETTER_TYPES.get(random.nextInt(LETTER_TYPES.size())), random);
  }

  /** A request body of the given type, with only the optional fields that type allows. */
  public static Map<String, Object> forType(String letterType, Random random) {
    Map<String, Object> intake = new LinkedHashMap<>();
    intake.put("senderName", person(random));
    intake.put("senderAddress", address(random));
    intake.put("senderState", pick(STATES, random));
    intake.put("recipientName", random.nextBoolean() ? person(random) : pick(COMPANIES, random));
    intake.put("recipientAddress", address(random));
    intake.put("recipientState", pick(STATES, random));
    intake.put("issueDescription", pick(ISSUES.get(letterType), random));
    intake.put("desiredOutcome", pick(OUTCOMES, random));
    intake.put("senderEmail", "sender-" + (1000 + random.nextInt(9000)) + "@loadgate.test");
    intake.put(
        "senderPhone",
        "(555) 01" + (10 + random.nextInt(89)) + "-" + (1000 + random.nextInt(9000)));
    LocalDate today = LocalDate.of(2026, 3, 1);
    if (letterType.equals("demand_letter")) {
      intake.put("amountDemanded", 250 + random.nextInt(20_000));
    }
    if (List.of("demand_letter", "cease_desist", "eviction_notice").contains(letterType)) {
      intake.put("deadlineDate", today.plusDays(14 + random.nextInt(30)).toString());
    }
    if (List.of("demand_letter", "contract_breach", "employment_dispute", "consumer_complaint")
        .contains(letterType)) {
      intake.put("incidentDate", today.minusDays(20 + random.nextInt(300)).toString());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("letterType", letterType);
    body.put("intakeData", intake);
    return body;
  }

  private static String person(Random random) {
    return pick(FIRST, random) + " " + pick(LAST, random);
  }

  private static String address(Random random) {
    return (100 + random.nextInt(9000)) + " " + pick(STREETS, random) + ", " + pick(CITIES, random);
  }

  private static <T> T pick(List<T> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }
}
