package dev.loadgate.compare;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction for testing several hypotheses at once (Holm, "A simple sequentially
 * rejective multiple test procedure", Scand. J. Statistics 6, 1979): the chance that any true null
 * hypothesis is rejected stays at most α, whatever the dependence between the tests.
 */
public final class Holm {
  private Holm() {}

  /**
   * Adjusted p-values in the input order: reject hypothesis i at family-wise level α exactly when
   * {@code adjusted[i] <= α}. NaN entries (tests that could not be run) stay NaN and do not count.
   */
  public static double[] adjust(double[] pValues) {
    Integer[] order =
        IntStream.range(0, pValues.length)
            .filter(i -> !Double.isNaN(pValues[i]))
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double[] adjusted = new double[pValues.length];
    Arrays.fill(adjusted, Double.NaN);
    int m = order.length;
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }
}
