package dev.loadgate.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Everything one run (or a merge of runs and shards) measured: latency series and scalar figures.
 * Immutable; {@link #merge(Measurements)} is exact (histograms add, counts sum).
 *
 * @param series one entry per series key
 * @param figures scalar figures by id; when two merged inputs carry the same id the later one wins
 */
public record Measurements(Map<SeriesKey, Series> series, Map<String, Figure> figures) {
  /** Largest latency a histogram tracks: one hour, in microseconds. Larger samples are clamped. */
  public static final long HIGHEST_TRACKABLE_MICROS = 3_600_000_000L;

  /** Significant decimal digits every latency histogram keeps (0.1 % value resolution). */
  public static final int SIGNIFICANT_DIGITS = 3;

  public static final Measurements EMPTY = new Measurements(Map.of(), Map.of());

  public Measurements {
    series = Map.copyOf(series);
    figures = Map.copyOf(figures);
    series.forEach(
        (key, value) -> {
          if (!key.equals(value.key())) {
            throw new IllegalArgumentException(
                "series stored under " + key + " carries the key " + value.key());
          }
        });
  }

  /** A histogram with loadgate's range and precision: 1 µs to one hour, 3 significant digits. */
  public static Histogram newLatencyHistogram() {
    return new Histogram(1, HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
  }

  public Optional<Series> get(SeriesKey key) {
    return Optional.ofNullable(series.get(key));
  }

  public Optional<Figure> figure(String id) {
    return Optional.ofNullable(figures.get(id));
  }

  /** The series of one phase, in a stable order (kind, then name). */
  public List<Series> series(Phase phase) {
    List<Series> result = new ArrayList<>();
    for (Series s : series.values()) {
      if (s.key().phase() == phase) {
        result.add(s);
      }
    }
    result.sort(
        Comparator.comparing((Series s) -> s.key().kind()).thenComparing(s -> s.key().name()));
    return result;
  }

  public Measurements withFigure(Figure figure) {
    Map<String, Figure> all = new LinkedHashMap<>(figures);
    all.put(figure.id(), figure);
    return new Measurements(series, all);
  }

  public Measurements withFigures(Iterable<Figure> more) {
    Map<String, Figure> all = new LinkedHashMap<>(figures);
    for (Figure figure : more) {
      all.put(figure.id(), figure);
    }
    return new Measurements(series, all);
  }

  /** Exact merge of two measurements, e.g. two injector shards of one run. */
  public Measurements merge(Measurements other) {
    Map<SeriesKey, Series> all = new LinkedHashMap<>(series);
    other.series.forEach((key, value) -> all.merge(key, value, Series::merge));
    Map<String, Figure> allFigures = new LinkedHashMap<>(figures);
    allFigures.putAll(other.figures);
    return new Measurements(all, allFigures);
  }
}
