package dev.loadgate.baseline;

import java.util.Objects;

/**
 * What a check computes from its source.
 *
 * @param kind the kind of statistic
 * @param percentile which percentile, for {@link Kind#PERCENTILE} only; {@code null} otherwise
 */
public record Statistic(Kind kind, Percentile percentile) {
  /** The statistics a check can name. */
  public enum Kind {
    /** A latency percentile; comes with a distribution-free confidence interval. */
    PERCENTILE,
    /** An arithmetic mean. */
    MEAN,
    /** The largest sample. */
    MAX,
    /** The share of samples that were errors, in percent; comes with a Wilson interval. */
    RATE,
    /** A single value produced elsewhere (a probe figure), compared as is. */
    VALUE;

    /** The key used in the baselines file: {@code percentile}, {@code mean}, ... */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Statistic {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.PERCENTILE) != (percentile != null)) {
      throw new IllegalArgumentException(
          "a percentile statistic needs its percentile, and only it (got "
              + kind
              + ", "
              + percentile
              + ")");
    }
  }

  public static Statistic percentile(Percentile percentile) {
    return new Statistic(Kind.PERCENTILE, percentile);
  }

  public static Statistic of(Kind kind) {
    return new Statistic(kind, null);
  }

  /** {@code "p95"}, {@code "mean"}, {@code "max"}, {@code "rate"}, {@code "value"}. */
  public String label() {
    return kind == Kind.PERCENTILE ? percentile.label() : kind.key();
  }

  @Override
  public String toString() {
    return label();
  }
}
