package dev.loadgate.verdict;

/** The outcome of one check. A verdict is data: never {@code null}, never an exception. */
public enum Status {
  /** The measured value is within the limit with the stated confidence. */
  PASS,
  /** Within the gate, but worth a look: near the limit, an alert's warning level, or not gated. */
  WARN,
  /** The limit is breached, or a regression against the accepted run is significant. */
  FAIL,
  /** Too few samples, or nothing measured: never a pass; fails the gate when the check is gated. */
  NO_DATA
}
