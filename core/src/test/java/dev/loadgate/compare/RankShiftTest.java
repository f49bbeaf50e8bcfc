package dev.loadgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadgate.measure.Measurements;
import java.util.Arrays;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

class RankShiftTest {
  /** Values below 2048 µs sit in buckets of width 1, so the histogram holds them exactly. */
  private static Histogram histogram(long[] micros) {
    Histogram h = Measurements.newLatencyHistogram();
    for (long v : micros) {
      h.recordValue(v);
    }
    return h;
  }

  private static long[] distinct(Random random, int n, int offset) {
    // Distinct values (no ties) so the test statistic matches commons-math3's untied formula.
    long[] pool = random.ints(0, 2000).distinct().limit(2L * n).asLongStream().toArray();
    return Arrays.copyOfRange(pool, offset, offset + n);
  }

  @Test
  void zMatchesCommonsMathsMannWhitneyWithoutTies() {
    Random random = new Random(7);
    long[] a = Arrays.stream(distinct(random, 60, 0)).map(v -> v + 1).toArray();
    long[] b = Arrays.stream(distinct(new Random(8), 50, 0)).map(v -> v + 1).toArray();
    RankShift shift = RankShift.of(histogram(a), histogram(b)).orElseThrow();
    double twoSided =
        new MannWhitneyUTest()
            .mannWhitneyUTest(
                Arrays.stream(a).asDoubleStream().toArray(),
                Arrays.stream(b).asDoubleStream().toArray());
    // commons-math3 uses no continuity correction: compare through z.
    double expected =
        2
            * (1
                - new org.apache.commons.math3.distribution.NormalDistribution()
                    .cumulativeProbability(Math.abs(shift.z())));
    assertThat(twoSided).isCloseTo(expected, within(1e-9));
    assertThat(shift.baselineSamples()).isEqualTo(60);
    assertThat(shift.candidateSamples()).isEqualTo(50);
  }

  @Test
  void hodgesLehmannIsTheMedianOfAllPairwiseRatios() {
    long[] a = {
      100, 120, 130, 150, 170, 200, 210, 260, 300, 320, 400, 410, 500, 520, 600, 650, 700, 800, 900,
      1000, 1100
    };
    long[] b = {
      130, 150, 180, 190, 240, 260, 300, 330, 350, 390, 450, 520, 530, 640, 700, 760, 800, 950,
      1050, 1200, 1300, 1400
    };
    double[] logs = new double[a.length * b.length];
    int k = 0;
    for (long y : b) {
      for (long x : a) {
        logs[k++] = Math.log(y) - Math.log(x);
      }
    }
    Arrays.sort(logs);
    // 462 pairs: the weighted median used is the ceil((N+1)/2) = 232nd smallest.
    double expected = Math.exp(logs[231]);
    RankShift shift = RankShift.of(histogram(a), histogram(b)).orElseThrow();
    assertThat(shift.ratio()).isCloseTo(expected, within(1e-6));
    assertThat(shift.ratioLower()).isLessThan(shift.ratio());
    assertThat(shift.ratioUpper()).isGreaterThan(shift.ratio());
  }

  @Test
  void aShiftedCandidateIsSlowerWithTheShiftInsideItsInterval() {
    Random random = new Random(11);
    Histogram a = Measurements.newLatencyHistogram();
    Histogram b = Measurements.newLatencyHistogram();
    for (int i = 0; i < 400; i++) {
      double base = 80_000 * Math.exp(0.3 * random.nextGaussian());
      a.recordValue(Math.round(base));
      b.recordValue(Math.round(1.3 * 80_000 * Math.exp(0.3 * random.nextGaussian())));
    }
    RankShift shift = RankShift.of(a, b).orElseThrow();
    assertThat(shift.pSlower()).isLessThan(1e-6);
    assertThat(shift.pFaster()).isGreaterThan(0.99);
    assertThat(shift.superiority()).isGreaterThan(0.6);
    assertThat(shift.ratioLower()).isLessThan(1.3);
    assertThat(shift.ratioUpper()).isGreaterThan(1.3);
  }

  @Test
  void identicalSamplesShowNoShift() {
    long[] values = new long[100];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 + 7L * i;
    }
    RankShift shift = RankShift.of(histogram(values), histogram(values)).orElseThrow();
    assertThat(shift.z()).isZero();
    assertThat(shift.ratio()).isCloseTo(1.0, within(1e-6));
    assertThat(shift.pSlower()).isGreaterThan(0.45);
  }

  @Test
  void tooFewSamplesGiveNoTest() {
    assertThat(RankShift.of(histogram(new long[19]), histogram(new long[100]))).isEmpty();
  }

  @Test
  void allSamplesTiedGiveNoTest() {
    long[] same = new long[50];
    Arrays.fill(same, 500);
    assertThat(RankShift.of(histogram(same), histogram(same))).isEmpty();
  }
}
