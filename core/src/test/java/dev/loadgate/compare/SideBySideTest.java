package dev.loadgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SideBySideTest {
  private final Random random = new Random(42);

  private Histogram side(int n, double medianMillis, DoubleUnaryOperator change) {
    Histogram h = Measurements.newLatencyHistogram();
    for (int i = 0; i < n; i++) {
      double millis = medianMillis * Math.exp(0.3 * random.nextGaussian());
      h.recordValue(Math.round(change.applyAsDouble(millis) * 1000));
    }
    return h;
  }

  private ComparedSeries path(String id, int n, double medianMillis, DoubleUnaryOperator change) {
    return new ComparedSeries(
        id, id, true, side(n, medianMillis, x -> x), side(n, medianMillis, change));
  }

  private static Change change(List<PathComparison> result, String id) {
    return result.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().change();
  }

  @Test
  void fortyMillisecondsOnAuthRegressAuthAlone() {
    List<PathComparison> result =
        SideBySide.compare(
            List.of(
                path("latency.auth.p95", 150, 80, x -> x + 40),
                path("latency.download.p95", 150, 12, x -> x),
                path("latency.payment.p95", 113, 28, x -> x)),
            CompareOptions.DEFAULT);
    assertThat(change(result, "latency.auth.p95")).isEqualTo(Change.REGRESSED);
    assertThat(change(result, "latency.download.p95")).isEqualTo(Change.SAME);
    assertThat(change(result, "latency.payment.p95")).isEqualTo(Change.SAME);
    PathComparison auth = result.get(0);
    assertThat(auth.failsGate()).isTrue();
    assertThat(auth.reason())
        .contains("slower: the whole distribution shifted")
        .contains("n=150/150");
    assertThat(auth.shiftRatio()).isBetween(1.3, 1.7);
  }

  @Test
  void aFasterCandidateIsImprovedAndPasses() {
    PathComparison c =
        SideBySide.compare(
                List.of(path("latency.auth.p95", 150, 80, x -> x * 0.7)), CompareOptions.DEFAULT)
            .get(0);
    assertThat(c.change()).isEqualTo(Change.IMPROVED);
    assertThat(c.failsGate()).isFalse();
  }

  @Test
  void aSignificantShiftBelowTheMinimumEffectIsSame() {
    // ×1.02 on 20 000 samples a side is clearly significant, but smaller than the 5 % that counts.
    PathComparison c =
        SideBySide.compare(
                List.of(path("latency.auth.p95", 20_000, 80, x -> x * 1.02)),
                CompareOptions.DEFAULT)
            .get(0);
    assertThat(c.change()).isEqualTo(Change.SAME);
    assertThat(c.reason()).contains("no change of at least 5 % and 2 ms");
  }

  @Test
  void aShiftOfFewerMillisecondsThanTheMinimumIsSame() {
    // ×1.5 of a 2 ms path is 1 ms: below the 2 ms that counts.
    PathComparison c =
        SideBySide.compare(
                List.of(path("latency.download.p95", 5_000, 2, x -> x * 1.5)),
                CompareOptions.DEFAULT)
            .get(0);
    assertThat(c.change()).isEqualTo(Change.SAME);
  }

  @Test
  void aTailThatMovesAloneIsCaughtByTheP95Test() {
    // 8 % of the candidate's samples go to 2 s: the median hardly moves, the p95 does.
    Histogram a = side(400, 100, x -> x);
    Histogram b = side(400, 100, x -> x);
    Histogram slowTail = Measurements.newLatencyHistogram();
    long[] count = {0};
    b.recordedValues()
        .forEach(
            v -> {
              for (long i = 0; i < v.getCountAtValueIteratedTo(); i++) {
                slowTail.recordValue(count[0]++ % 12 == 0 ? 2_000_000 : v.getValueIteratedTo());
              }
            });
    PathComparison c =
        SideBySide.compare(
                List.of(new ComparedSeries("latency.auth.p95", "auth", true, a, slowTail)),
                CompareOptions.DEFAULT)
            .get(0);
    assertThat(c.change()).isEqualTo(Change.REGRESSED);
    assertThat(c.candidateP95Millis()).isGreaterThan(1_000);
  }

  @Test
  void tooFewSamplesOnOneSideIsNoDataAndFailsClosed() {
    ComparedSeries thin =
        new ComparedSeries(
            "latency.auth.p95", "auth", true, side(150, 80, x -> x), side(71, 80, x -> x));
    PathComparison c = SideBySide.compare(List.of(thin), CompareOptions.DEFAULT).get(0);
    assertThat(c.change()).isEqualTo(Change.NO_DATA);
    assertThat(c.failsGate()).isTrue();
    assertThat(c.reason())
        .isEqualTo(
            "no data: 150 baseline and 71 candidate samples (expected at least 72 on each side"
                + " for a p95 interval). Run longer or at a higher rate.");
  }

  @Test
  void anUngatedRegressionDoesNotFail() {
    ComparedSeries c =
        new ComparedSeries(
            "latency.auth.p95", "auth", false, side(150, 80, x -> x), side(150, 80, x -> x * 2));
    PathComparison result = SideBySide.compare(List.of(c), CompareOptions.DEFAULT).get(0);
    assertThat(result.change()).isEqualTo(Change.REGRESSED);
    assertThat(result.failsGate()).isFalse();
  }

  @Test
  void holmMakesManyPathsHarderToFlagThanOne() {
    // The same weak evidence on one path passes alone but not among many quiet paths.
    Random fixed = new Random(5);
    Histogram a = Measurements.newLatencyHistogram();
    Histogram b = Measurements.newLatencyHistogram();
    for (int i = 0; i < 150; i++) {
      a.recordValue(Math.round(80_000 * Math.exp(0.3 * fixed.nextGaussian())));
      b.recordValue(Math.round(1.12 * 80_000 * Math.exp(0.3 * fixed.nextGaussian())));
    }
    ComparedSeries weak = new ComparedSeries("latency.auth.p95", "auth", true, a, b);
    PathComparison alone = SideBySide.compare(List.of(weak), CompareOptions.DEFAULT).get(0);
    List<ComparedSeries> many = new java.util.ArrayList<>(List.of(weak));
    for (int i = 0; i < 40; i++) {
      many.add(path("latency.p" + i + ".p95", 150, 50, x -> x));
    }
    PathComparison among = SideBySide.compare(many, CompareOptions.DEFAULT).get(0);
    assertThat(among.pSlower()).isGreaterThan(alone.pSlower());
  }
}
