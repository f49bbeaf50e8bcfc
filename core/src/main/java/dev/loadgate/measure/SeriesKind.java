package dev.loadgate.measure;

/** What one latency series describes. */
public enum SeriesKind {
  /** One HTTP request, keyed by its stable name such as {@code "POST /api/generate-letter"}. */
  REQUEST,
  /** One journey (a Gatling group), keyed by its path name such as {@code "letter_generation"}. */
  GROUP
}
