package dev.loadgate.measure;

import java.util.Objects;

/**
 * Identifies one latency series: a phase, a kind and a stable name.
 *
 * @param phase warm-up or measured load
 * @param kind a single request or a whole journey
 * @param name stable, non-blank and free of ids, e.g. {@code "GET /api/letters/{id}/pdf"}
 */
public record SeriesKey(Phase phase, SeriesKind kind, String name) {
  public SeriesKey {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("series name must not be blank (got \"" + name + "\")");
    }
  }

  public static SeriesKey request(Phase phase, String name) {
    return new SeriesKey(phase, SeriesKind.REQUEST, name);
  }

  public static SeriesKey group(Phase phase, String name) {
    return new SeriesKey(phase, SeriesKind.GROUP, name);
  }

  /** A file-name-safe form of the name, stable across runs. */
  public String slug() {
    String slug = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
    return kind.name().toLowerCase(java.util.Locale.ROOT)
        + "-"
        + (slug.isEmpty() ? "unnamed" : slug);
  }
}
