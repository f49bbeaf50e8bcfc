package dev.loadgate.simulations;

/**
 * Which side of a side-by-side run the k-th arrival of a stream goes to: randomised blocks of two,
 * so that after every second arrival both sides have had the same number, and within each block a
 * seeded coin decides who goes first. Stateless and deterministic: the same seed, stream and k
 * always give the same side, so two Gatling populations can each count their own arrivals and
 * agree.
 */
public final class BlockAssignment {
  private final long seed;

  /**
   * @param seed the run's seed
   * @param stream names the arrival stream (journey and phase), so streams get independent coins
   */
  public BlockAssignment(long seed, String stream) {
    this.seed = mix(seed ^ mix(stream.hashCode()));
  }

  /** Whether arrival {@code k} (0-based) goes to the candidate; otherwise to the baseline. */
  public boolean toCandidate(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("arrival index must not be negative (got " + k + ")");
    }
    boolean candidateFirst = (mix(seed + (k / 2) * 0x9E3779B97F4A7C15L) & 1) == 1;
    return (k % 2 == 0) == candidateFirst;
  }

  /** SplitMix64's finaliser: a fixed, well-mixed function of its input. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
