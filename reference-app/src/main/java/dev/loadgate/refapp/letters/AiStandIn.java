package dev.loadgate.refapp.letters;

import dev.loadgate.refapp.AiLatency;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The AI call's stand-in: waits as long as the latency profile says, then writes a 300 to 500 word
 * draft from the intake.
 */
public final class AiStandIn {
  /** Median of the realistic profile. */
  public static final Duration REALISTIC_MEDIAN = Duration.ofSeconds(6);

  /** Shape (sigma of the log) of the realistic profile. */
  public static final double REALISTIC_SIGMA = 0.45;

  /** Upper cap of the realistic profile, below Vercel's 60 s and the 30 s p95 limit. */
  public static final Duration REALISTIC_CAP = Duration.ofSeconds(25);

  private final AiLatency profile;
  private final SplittableRandom random;

  public AiStandIn(AiLatency profile, long seed) {
    this.profile = profile;
    this.random = new SplittableRandom(seed);
  }

  /** The next generation time drawn from the profile. */
  public Duration nextLatency() {
    double gaussian;
    double uniform;
    synchronized (random) {
      uniform = random.nextDouble();
      gaussian = gaussian(random);
    }
    if (profile == AiLatency.FAST) {
      return Duration.ofNanos((2_000 + (long) (uniform * 6_000)) * 1_000);
    }
    double nanos = REALISTIC_MEDIAN.toNanos() * Math.exp(REALISTIC_SIGMA * gaussian);
    return Duration.ofNanos((long) Math.min(nanos, REALISTIC_CAP.toNanos()));
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17
    double u1 = Math.max(r.nextDouble(), 1e-12);
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Waits for the drawn latency, then returns the draft. */
  public String generate(String letterType, Map<String, Object> intake)
      throws InterruptedException {
    Duration wait = nextLatency();
    Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
    return draft(letterType, intake);
  }

  /** A deterministic draft of 300 to 500 words built from the intake. */
  static String draft(String letterType, Map<String, Object> intake) {
    String sender = String.valueOf(intake.getOrDefault("senderName", "Sender"));
    String recipient = String.valueOf(intake.getOrDefault("recipientName", "Recipient"));
    String issue = String.valueOf(intake.getOrDefault("issueDescription", ""));
    String outcome = String.valueOf(intake.getOrDefault("desiredOutcome", ""));
    String state = String.valueOf(intake.getOrDefault("recipientState", ""));
    String kind = letterType.replace('_', ' ');
    StringBuilder b = new StringBuilder();
    b.append("Dear ").append(recipient).append(",\n\n");
    b.append("This ")
        .append(kind)
        .append(" is sent on behalf of ")
        .append(sender)
        .append(" regarding the following matter. ")
        .append(issue)
        .append("\n\n");
    String[] paragraphs = {
      "We have reviewed the circumstances described above with care and believe that they give rise"
          + " to obligations that remain unmet. The facts as presented show a clear pattern, and the"
          + " documentation available to us supports each element of the claim set out in this"
          + " letter.",
      "Under the laws of the state of "
          + state
          + ", parties are expected to perform their obligations in good faith and to respond to"
          + " reasonable requests for resolution within a reasonable time. Failure to do so may"
          + " expose the responsible party to further remedies, including costs and fees where the"
          + " law allows them.",
      "To resolve this matter without further action, we request the following: "
          + outcome
          + " We ask that you confirm in writing how and when you intend to do so.",
      "Please treat this letter as a formal notice. Keep all documents, messages and records that"
          + " relate to this matter, since they may be needed if the dispute is not settled. Nothing"
          + " in this letter waives any right or remedy, all of which are expressly reserved.",
      "We would prefer to settle this promptly and on fair terms. If you believe any fact stated"
          + " here is wrong, tell us within fourteen days and include whatever supports your"
          + " position, so that both sides can assess the matter on a complete record.",
      "If we do not hear from you by the deadline, our client may pursue every option available,"
          + " which can include filing a claim in the appropriate court without further notice to"
          + " you. We trust that this will not be necessary."
    };
    for (String p : paragraphs) {
      b.append(p).append("\n\n");
    }
    b.append("Sincerely,\n").append(sender).append('\n');
    return b.toString();
  }
}
