package dev.loadgate.measure;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scalar measurement that is not a load latency: a JMH service-time percentile, a database
 * probe figure, an email-queue figure. Verdicts look figures up by {@link #id()}.
 *
 * @param id stable check-style id, e.g. {@code "db.query.mean"} or {@code "service.auth.p95"}
 * @param value the measured value in {@link #unit()}; {@code NaN} when nothing could be measured
 * @param unit {@code "ms"}, {@code "%"} or {@code "count"}
 * @param samples how many observations the value summarises; 0 when nothing was measured
 * @param source what produced it, e.g. {@code "jmh"} or {@code "db-probe"}
 * @param note why the value is missing and how to fix that, or a short remark; may be empty
 * @param evidence supporting rows for the report (e.g. the slowest statements), column to value
 */
public record Figure(
    String id,
    double value,
    String unit,
    long samples,
    String source,
    String note,
    List<Map<String, String>> evidence) {
  public Figure {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("figure id must not be blank (got \"" + id + "\")");
    }
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(source, "source");
    note = note == null ? "" : note;
    if (samples < 0) {
      throw new IllegalArgumentException(
          id + ": samples must not be negative (got " + samples + ")");
    }
    // Rows keep their column order (reports show columns as the producer listed them).
    evidence =
        evidence == null
            ? List.of()
            : evidence.stream()
                .<Map<String, String>>map(
                    row ->
                        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(row)))
                .toList();
  }

  /** A figure that could not be measured: the verdict for it is NO_DATA with this reason. */
  public static Figure missing(String id, String unit, String source, String reason) {
    return new Figure(id, Double.NaN, unit, 0, source, reason, List.of());
  }

  public boolean isMeasured() {
    return !Double.isNaN(value) && samples > 0;
  }
}
