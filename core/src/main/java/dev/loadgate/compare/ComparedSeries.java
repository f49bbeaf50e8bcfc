package dev.loadgate.compare;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One check's latency samples from both sides of a comparison, in microseconds.
 *
 * @param id the check id, e.g. {@code latency.auth.p95}
 * @param title a short human name
 * @param gated whether this check can fail the comparison
 * @param baselineMicros the baseline's samples
 * @param candidateMicros the candidate's samples
 */
public record ComparedSeries(
    String id, String title, boolean gated, Histogram baselineMicros, Histogram candidateMicros) {
  public ComparedSeries {
    Objects.requireNonNull(id, "id");
    title = title == null ? id : title;
    Objects.requireNonNull(baselineMicros, id + ": baselineMicros");
    Objects.requireNonNull(candidateMicros, id + ": candidateMicros");
  }
}
