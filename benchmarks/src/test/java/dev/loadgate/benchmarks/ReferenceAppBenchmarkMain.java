package dev.loadgate.benchmarks;

import dev.loadgate.dbprobe.DbProbe;
import dev.loadgate.measure.Figure;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.targets.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures the benchmarks against a fresh embedded reference app (rate limits off, fast AI) with
 * smoke settings, with the database probe watching, and prints every figure with its evidence; how
 * the numbers in docs/benchmarks.md were taken. Arguments: seed scale (1 to 100), then kinds, e.g.
 * {@code 10 SERVICE,SQL}.
 */
public final class ReferenceAppBenchmarkMain {
  private ReferenceAppBenchmarkMain() {}

  public static void main(String[] args) {
    int seedScale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Set<BenchmarkKind> kinds = EnumSet.noneOf(BenchmarkKind.class);
    for (String kind : (args.length > 1 ? args[1] : "SERVICE,SQL,HARNESS").split(",")) {
      kinds.add(BenchmarkKind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
    }
    try (RunningReferenceApp app =
        ReferenceApp.start(
            ReferenceAppSettings.defaults()
                .withRateLimits(RateLimits.disabled())
                .withSeedScale(seedScale))) {
      BenchmarkPlan plan =
          new BenchmarkPlan(
              app.targetProfile(),
              app.targetProfile().databaseUrl().map(Secret::reveal),
              BenchmarkSettings.smoke().withKinds(kinds));
      long start = System.nanoTime();
      DbProbe probe = DbProbe.start(plan.jdbcUrl().orElseThrow(), Duration.ofMillis(25));
      List<Figure> figures = new ArrayList<>(BenchmarkRunner.run(plan));
      figures.addAll(probe.stop());
      System.out.printf(
          Locale.ROOT,
          "seed scale %d, %s, %d s%n",
          seedScale,
          kinds,
          (System.nanoTime() - start) / 1_000_000_000L);
      for (Figure f : figures) {
        System.out.printf(
            Locale.ROOT,
            "%-30s %10.3f %-2s n=%-6d %s%n",
            f.id(),
            f.value(),
            f.unit(),
            f.samples(),
            f.isMeasured() ? "" : f.note());
        for (Map<String, String> row : f.evidence()) {
          System.out.println("    " + new java.util.TreeMap<>(row));
        }
      }
    }
  }
}
