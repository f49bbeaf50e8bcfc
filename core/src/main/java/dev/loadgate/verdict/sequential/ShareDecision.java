package dev.loadgate.verdict.sequential;

import java.util.Objects;

/**
 * What an anytime-valid share test concludes from one look at the data.
 *
 * @param outcome above, below, or undecided
 * @param count the hits and trials looked at
 * @param threshold the share tested against, in (0, 1)
 */
public record ShareDecision(Outcome outcome, ShareCount count, double threshold) {
  /** Where the data put the true share. */
  public enum Outcome {
    /** Shown below the threshold: the limit is kept. */
    BELOW,
    /** Shown above the threshold: the limit is breached. */
    ABOVE,
    /** Neither yet. */
    UNDECIDED
  }

  public ShareDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(count, "count");
  }

  /**
   * Decides on {@code count}: "above" on its fewest hits, "below" on its most, so that a bracket
   * never decides by a guess. When both hold (possible only for a wide bracket) the count is
   * undecided.
   */
  public static ShareDecision decide(ShareCount count, double threshold) {
    ShareBoundary boundary = ShareBoundary.of(threshold);
    boolean above = boundary.showsAbove(count.fewestHits(), count.trials());
    boolean below = boundary.showsBelow(count.mostHits(), count.trials());
    Outcome outcome = above == below ? Outcome.UNDECIDED : above ? Outcome.ABOVE : Outcome.BELOW;
    return new ShareDecision(outcome, count, threshold);
  }

  public boolean decided() {
    return outcome != Outcome.UNDECIDED;
  }
}
