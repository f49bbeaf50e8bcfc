package dev.loadgate.report;

import dev.loadgate.baseline.Unit;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Comparison;
import dev.loadgate.verdict.ConfidenceInterval;
import dev.loadgate.verdict.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How every report spells a check's numbers, so that summary.md, junit.xml, report.html and the
 * console agree. Locale-independent: decimal point, no grouping.
 */
public final class CheckText {
  /** What a missing value reads as. */
  public static final String NOT_AVAILABLE = "n/a";

  private static final Comparator<Check> FAILURES_FIRST = Comparator.comparingInt(CheckText::rank);

  private CheckText() {}

  /**
   * A number with as many decimals as its size warrants: {@code 612}, {@code 61.2}, {@code 6.12},
   * {@code 0.612}; trailing zeros dropped; {@value #NOT_AVAILABLE} for NaN or infinity. The one
   * rule, {@link Unit#number(double)}.
   */
  public static String number(double value) {
    return Unit.number(value);
  }

  /** A value and its unit, in the unit a person would choose: {@code "612 ms"}, {@code "30 s"}. */
  public static String quantity(double value, Unit unit) {
    return unit.format(value);
  }

  /** A figure's value and unit: typed units as {@link #quantity(double, Unit)}, others as given. */
  public static String quantity(double value, String unit) {
    Unit typed = Unit.ofSymbol(unit);
    if (typed != null) {
      return typed.format(value);
    }
    String number = number(value);
    return number.equals(NOT_AVAILABLE) || unit == null || unit.isEmpty()
        ? number
        : number + " " + unit;
  }

  /** The requirement: {@code "< 500 ms"}, {@code "< 30 s"}. */
  public static String limit(Check check) {
    return check.comparator() + " " + check.unit().format(check.limit());
  }

  /** The interval's bounds as stored, without a unit: {@code "590–640"}, or empty without one. */
  public static String interval(ConfidenceInterval ci) {
    return ci == null ? "" : number(ci.lower()) + "–" + number(ci.upper());
  }

  /** The interval's bounds in the scale of the check's measured value: {@code "590–640"}. */
  public static String interval(Check check) {
    ConfidenceInterval ci = check.ci();
    return ci == null
        ? ""
        : Unit.range(ci.lower(), ci.upper(), check.unit().scaleFor(check.measured()));
  }

  /** The measured value with its interval: {@code "612 ms (590–640)"}. */
  public static String measured(Check check) {
    String value = check.unit().format(check.measured());
    return check.ci() == null || !Double.isFinite(check.measured())
        ? value
        : value + " (" + interval(check) + ")";
  }

  /**
   * The one-line verdict evidence: {@code "required < 500 ms, actual 612 ms (95 % CI 590–640,
   * n=2400)"}; for a regression the delta against the accepted run follows after a semicolon.
   */
  public static String requirement(Check check) {
    StringBuilder text = new StringBuilder("required ").append(limit(check)).append(", ");
    if (Double.isFinite(check.measured())) {
      text.append("actual ").append(check.unit().format(check.measured())).append(" (");
      if (check.ci() != null) {
        text.append(number(check.ci().confidencePercent()))
            .append(" % CI ")
            .append(interval(check))
            .append(", ");
      }
      text.append("n=").append(check.samples()).append(')');
    } else {
      text.append("no data (n=").append(check.samples()).append(')');
    }
    Comparison comparison = check.comparison();
    if (comparison != null && comparison.regressed()) {
      text.append("; regressed ")
          .append(delta(check))
          .append(" against accepted run ")
          .append(comparison.acceptedRunId());
    }
    return text.toString();
  }

  /**
   * The change against the accepted run: {@code "+12.3 % (+45 ms)"}; empty without a comparison.
   */
  public static String delta(Check check) {
    Comparison comparison = check.comparison();
    if (comparison == null) {
      return "";
    }
    String absolute = signed(comparison.deltaAbsolute(), check.unit());
    return Double.isFinite(comparison.deltaPercent())
        ? signed(comparison.deltaPercent()) + " % (" + absolute + ")"
        : absolute;
  }

  /** The check's group, the id's first segment: {@code "latency"} for {@code latency.auth.p95}. */
  public static String group(Check check) {
    int dot = check.id().indexOf('.');
    return dot < 0 ? check.id() : check.id().substring(0, dot);
  }

  /**
   * The checks with the ones that fail the gate first, then other failures, warnings, ungated
   * NO_DATA and passes; the given order is kept within each rank.
   */
  public static List<Check> failuresFirst(List<Check> checks) {
    List<Check> sorted = new ArrayList<>(checks);
    sorted.sort(FAILURES_FIRST);
    return sorted;
  }

  /** A short label of the status as the reader should take it: FAIL, WARN, PASS, NO DATA. */
  public static String statusLabel(Check check) {
    return check.status() == Status.NO_DATA ? "NO DATA" : check.status().name();
  }

  /**
   * {@code "2 of 14 gated checks failed, 1 warning, 3 ungated without data"} or {@code "all 14
   * gated checks passed"}.
   */
  public static String tally(List<Check> checks) {
    long gated = checks.stream().filter(Check::gated).count();
    long failing = checks.stream().filter(Check::failsGate).count();
    long warnings = checks.stream().filter(c -> c.status() == Status.WARN).count();
    long ungatedNoData = checks.stream().filter(CheckText::isUngatedNoData).count();
    StringBuilder text =
        new StringBuilder(
            failing > 0
                ? failing + " of " + gated + " gated checks failed"
                : "all " + gated + " gated checks passed");
    if (warnings > 0) {
      text.append(", ").append(warnings).append(' ').append(plural(warnings, "warning"));
    }
    if (ungatedNoData > 0) {
      text.append(", ").append(ungatedNoData).append(" ungated without data");
    }
    return text.toString();
  }

  /** A check that measured nothing but cannot fail the gate: reported, not judged. */
  public static boolean isUngatedNoData(Check check) {
    return !check.gated() && check.status() == Status.NO_DATA;
  }

  private static int rank(Check check) {
    if (check.failsGate()) {
      return 0;
    }
    return switch (check.status()) {
      case FAIL -> 1;
      case WARN -> 2;
      case NO_DATA -> 3;
      case PASS -> 4;
    };
  }

  private static String signed(double value, Unit unit) {
    String text = unit.format(value);
    return value > 0 && !text.startsWith("0 ") ? "+" + text : text;
  }

  private static String signed(double value) {
    String number = number(value);
    return value > 0 && !number.equals("0") ? "+" + number : number;
  }

  private static String plural(long count, String word) {
    return count == 1 ? word : word + "s";
  }
}
