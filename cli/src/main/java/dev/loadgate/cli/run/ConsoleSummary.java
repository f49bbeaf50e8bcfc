package dev.loadgate.cli.run;

import dev.loadgate.baseline.Unit;
import dev.loadgate.report.RunResult;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Comparison;
import dev.loadgate.verdict.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The table printed at the end of a run (and of {@code loadgate gate}): one row per check, failures
 * first, a change column when an accepted run was compared, then the verdict. Plain text,
 * fixed-width, locale-pinned.
 */
public final class ConsoleSummary {
  private static final Comparator<Check> FAILURES_FIRST =
      Comparator.comparingInt((Check c) -> rank(c)).thenComparing(Check::id);

  private ConsoleSummary() {}

  /** The table and the verdict line, without a trailing newline. */
  public static String render(RunResult result) {
    List<Check> checks = new ArrayList<>(result.checks());
    checks.sort(FAILURES_FIRST);
    int idWidth = Math.max(5, checks.stream().mapToInt(c -> c.id().length()).max().orElse(5));
    boolean compared = checks.stream().anyMatch(c -> c.comparison() != null);
    String format = "%-7s %-" + idWidth + "s %14s %16s %9s" + (compared ? " %20s" : "%s") + "%n";
    StringBuilder text = new StringBuilder();
    if (!checks.isEmpty()) {
      text.append(
          String.format(
              Locale.ROOT,
              format,
              "status",
              "check",
              "measured",
              "limit",
              "samples",
              compared ? "vs accepted" : ""));
      for (Check check : checks) {
        text.append(
            String.format(
                Locale.ROOT,
                format,
                check.status() + (check.gated() ? "" : "*"),
                check.id(),
                number(check.measured(), check.unit()),
                check.comparator() + " " + number(check.limit(), check.unit()),
                String.format(Locale.ROOT, "%,d", check.samples()),
                compared ? delta(check) : ""));
      }
      if (checks.stream().anyMatch(c -> !c.gated())) {
        text.append("* not gated in this suite: reported, never failing the run")
            .append(System.lineSeparator());
      }
      text.append(System.lineSeparator());
    }
    // An incomplete run's checks fail for the one reason in the verdict line; repeating it per
    // check would bury it.
    for (Check check : result.complete() ? checks : List.<Check>of()) {
      if (check.failsGate()) {
        text.append(check.status())
            .append(' ')
            .append(check.id())
            .append(": ")
            .append(check.reason())
            .append(System.lineSeparator());
      }
    }
    text.append(verdictLine(result));
    return text.toString();
  }

  /** E.g. {@code verdict: FAIL (exit 1): 1 of 19 gated checks failed}. */
  public static String verdictLine(RunResult result) {
    long gated = result.checks().stream().filter(Check::gated).count();
    long failing = result.checks().stream().filter(Check::failsGate).count();
    String detail;
    if (!result.complete()) {
      detail = "run incomplete: " + result.incompleteReason();
    } else if (result.checks().isEmpty()) {
      detail = "no checks were evaluated";
    } else if (failing > 0) {
      detail = failing + " of " + gated + " gated checks failed or had no data";
    } else {
      long warnings = result.checks().stream().filter(c -> c.status() != Status.PASS).count();
      detail =
          "all " + gated + " gated checks passed" + (warnings > 0 ? ", " + warnings + " warn" : "");
    }
    return "verdict: " + result.verdict() + " (exit " + result.exitCode() + "): " + detail;
  }

  private static int rank(Check check) {
    if (check.failsGate()) {
      return 0;
    }
    return switch (check.status()) {
      case FAIL, NO_DATA -> 1;
      case WARN -> 2;
      case PASS -> 3;
    };
  }

  /** E.g. {@code +12.5 % REGRESSED}; {@code -} when the check has no comparison. */
  private static String delta(Check check) {
    Comparison comparison = check.comparison();
    if (comparison == null) {
      return "-";
    }
    String change =
        Double.isNaN(comparison.deltaPercent())
            ? number(comparison.deltaAbsolute(), check.unit())
            : String.format(Locale.ROOT, "%+.1f %%", comparison.deltaPercent());
    return comparison.regressed() ? change + " REGRESSED" : change;
  }

  /** The one formatter, {@link Unit#format}; {@code -} for a value that was not measured. */
  private static String number(double value, Unit unit) {
    return Double.isNaN(value) ? "-" : unit.format(value);
  }
}
