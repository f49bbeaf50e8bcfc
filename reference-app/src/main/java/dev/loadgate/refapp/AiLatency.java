package dev.loadgate.refapp;

/**
 * How long the AI stand-in takes to write a letter draft.
 *
 * <p>{@link #REALISTIC} models a hosted LLM writing 300 to 500 words in one non-streamed call: a
 * lognormal distribution with a median of 6 s and a shape of 0.45, capped at 25 s, which puts its
 * p95 near 12.6 s, well under the 30 s limit of the letter-generation path. {@link #FAST} answers
 * in 2 to 8 ms, for tests.
 */
public enum AiLatency {
  FAST,
  REALISTIC;

  /** Parses {@code fast} or {@code realistic}, case-insensitively. */
  public static AiLatency parse(String text) {
    for (AiLatency value : values()) {
      if (value.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "--ai-latency: unknown profile (expected fast or realistic, got \"" + text + "\").");
  }
}
