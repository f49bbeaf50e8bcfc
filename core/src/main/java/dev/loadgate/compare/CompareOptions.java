package dev.loadgate.compare;

import java.util.Locale;

/**
 * The decision rule's parameters of a side-by-side comparison.
 *
 * @param familyAlpha the chance, across all checks of one comparison, of calling a change that is
 *     not there (Holm), in (0, 0.5); default 0.01
 * @param minEffectRatio the smallest change that counts, as a ratio above 1 (1.05 = 5 %); a
 *     significant shift smaller than this is SAME
 * @param minEffectMillis the smallest change that counts in milliseconds, &gt; 0
 */
public record CompareOptions(double familyAlpha, double minEffectRatio, double minEffectMillis) {
  /** 1 % family-wise, 5 % and 2 ms. See docs/verdicts.md for the error rates they give. */
  public static final CompareOptions DEFAULT = new CompareOptions(0.01, 1.05, 2);

  public CompareOptions {
    if (!(familyAlpha > 0 && familyAlpha < 0.5)) {
      throw new IllegalArgumentException(
          "family alpha must lie in (0, 0.5) (expected e.g. 0.01, got " + familyAlpha + ")");
    }
    if (!(minEffectRatio >= 1) || Double.isInfinite(minEffectRatio)) {
      throw new IllegalArgumentException(
          "minimum effect must be a ratio of at least 1 (expected e.g. 1.05 for 5 %, got "
              + minEffectRatio
              + ")");
    }
    if (!(minEffectMillis >= 0) || Double.isInfinite(minEffectMillis)) {
      throw new IllegalArgumentException(
          "minimum effect in ms must not be negative (expected e.g. 2, got "
              + minEffectMillis
              + ")");
    }
  }

  /** e.g. {@code "5 % and 2 ms"}. */
  public String describeMinEffect() {
    return String.format(
        Locale.ROOT, "%s %% and %s ms", trim(100 * (minEffectRatio - 1)), trim(minEffectMillis));
  }

  private static String trim(double value) {
    double v = Math.round(value * 100) / 100.0;
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
