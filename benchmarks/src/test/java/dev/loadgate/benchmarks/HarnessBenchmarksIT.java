package dev.loadgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Figure;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs loadgate's own hot-path benchmarks briefly in a forked JVM. */
class HarnessBenchmarksIT {
  @Test
  void everyHarnessStepYieldsAMeasuredMeanInMillis() {
    BenchmarkSettings brief =
        BenchmarkSettings.smoke()
            .withKinds(EnumSet.of(BenchmarkKind.HARNESS))
            .withIterations(1, Duration.ofMillis(300), 2, Duration.ofMillis(500));
    BenchmarkPlan plan =
        new BenchmarkPlan(BenchmarkRunnerTestSupport.bareTarget(), Optional.empty(), brief);

    List<Figure> figures = BenchmarkRunner.run(plan);

    assertThat(figures)
        .extracting(Figure::id)
        .containsExactly(
            "harness.record_1m.mean",
            "harness.merge_1m.mean",
            "harness.verdicts_1m.mean",
            "harness.reports_1m.mean");
    assertThat(figures)
        .allSatisfy(
            f -> {
              assertThat(f.isMeasured()).as(f.id() + ": " + f.note()).isTrue();
              assertThat(f.value()).isGreaterThan(0);
              assertThat(f.samples()).isGreaterThan(0);
              assertThat(f.unit()).isEqualTo("ms");
              assertThat(f.source()).isEqualTo("jmh");
              assertThat(f.evidence().get(0)).containsKeys("mean_ms", "operations");
            });
  }
}
