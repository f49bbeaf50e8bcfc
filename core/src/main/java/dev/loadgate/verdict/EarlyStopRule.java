package dev.loadgate.verdict;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.baseline.Source;
import dev.loadgate.baseline.Statistic;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * When a run's measured phase may end early: every gated check that the load's own samples decide
 * is decided. A gated percentile or error rate must be PASS or FAIL (not WARN, not NO_DATA); any
 * other gated check on series (a max, a mean) must have data. Checks on probe and JMH figures are
 * judged after the load and never hold it up.
 */
public final class EarlyStopRule {
  private EarlyStopRule() {}

  /** Whether {@code checks}, judged on a snapshot of the running load, allow it to stop. */
  public static boolean decided(Baselines baselines, List<Check> checks) {
    Map<String, CheckSpec> specs =
        baselines.checks().stream().collect(Collectors.toMap(CheckSpec::id, Function.identity()));
    for (Check check : checks) {
      CheckSpec spec = specs.get(check.id());
      if (!check.gated() || spec == null || spec.source() instanceof Source.FigureRef) {
        continue;
      }
      Statistic.Kind kind = spec.statistic().kind();
      boolean sequential = kind == Statistic.Kind.PERCENTILE || kind == Statistic.Kind.RATE;
      // A WARN for an alert's warning level (a PASS beyond it) is decided; only an undecided WARN
      // waits.
      boolean undecided =
          check.status() == Status.WARN && !check.reason().contains(" the warning level ");
      if (check.status() == Status.NO_DATA || (sequential && undecided)) {
        return false;
      }
    }
    return true;
  }
}
