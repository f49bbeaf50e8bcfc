package dev.loadgate.refapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One injected fault: which requests it hits and what it does to them.
 *
 * <p>Text form, as given to {@code --inject} and to {@code PUT /__loadgate/faults}:
 *
 * <pre>
 *   &lt;target&gt;=&lt;effect&gt;[@&lt;percent&gt;%]
 *   target  = auth | letter_generation | payment | download | admin_dashboard | email | health | *
 *           | a route name such as "GET /api/letters/{id}/pdf"
 *   effect  = +&lt;duration&gt;                       added fixed latency, e.g. +2500ms
 *           | +lognormal(&lt;median&gt;,&lt;sigma&gt;)     added latency drawn from a lognormal, e.g. +lognormal(200ms,0.5)
 *           | +uniform(&lt;min&gt;,&lt;max&gt;)            added latency drawn uniformly, e.g. +uniform(100ms,300ms)
 *           | error:&lt;percent&gt;%[:&lt;status&gt;]      that share of requests answers 500 (or 502/503/504)
 *           | stall:&lt;duration&gt;                   the request hangs that long, then answers 504
 *           | capacity:&lt;rate&gt;/s                 one at a time, each holding the server 1/rate s: a
 *                                              known capacity limit (requests queue above it)
 *   duration = a number with ms, s or m: 250ms, 2.5s, 1m
 * </pre>
 *
 * The optional {@code @<percent>%} suffix applies a latency or stall effect to that share of
 * requests only (default 100 %). Several faults may hit one request: their latencies add up.
 *
 * @param target a path name, a route name or {@code *}
 * @param effect what happens to a hit request
 * @param sharePercent the share of matching requests the effect applies to, in (0, 100]
 */
public record FaultSpec(String target, Effect effect, double sharePercent) {

  /** The path names a fault can target besides single routes. */
  public static final List<String> PATHS =
      List.of(
          "auth", "letter_generation", "payment", "download", "admin_dashboard", "email", "health");

  private static final String SYNTAX =
      "+<duration>, +lognormal(<median>,<sigma>), +uniform(<min>,<max>), error:<percent>%[:<status>]"
          + ", stall:<duration> or capacity:<rate>/s";
  private static final Pattern ROUTE = Pattern.compile("(GET|POST|PUT|DELETE|PATCH) /\\S*");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
  private static final Pattern LOGNORMAL =
      Pattern.compile("\\+lognormal\\(\\s*(\\S+?)\\s*,\\s*(\\d+(?:\\.\\d+)?)\\s*\\)");
  private static final Pattern UNIFORM =
      Pattern.compile("\\+uniform\\(\\s*(\\S+?)\\s*,\\s*(\\S+?)\\s*\\)");
  private static final Pattern ERROR = Pattern.compile("error:(\\d+(?:\\.\\d+)?)%(?::(\\d{3}))?");
  private static final Pattern CAPACITY = Pattern.compile("capacity:(\\d+(?:\\.\\d+)?)/s");
  private static final Pattern SHARE = Pattern.compile("(.*)@(\\d+(?:\\.\\d+)?)%");

  public FaultSpec {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(effect, "effect");
    if (!(sharePercent > 0 && sharePercent <= 100)) {
      throw new IllegalArgumentException(
          "fault share must be in (0, 100] percent (got " + sharePercent + ")");
    }
  }

  /** Whether this fault hits a request of the given route on the given path. */
  public boolean matches(String routeName, String pathName) {
    return target.equals("*") || target.equals(pathName) || target.equals(routeName);
  }

  /** What a fault does to a request it hits. */
  public sealed interface Effect
      permits AddedLatency, LognormalLatency, UniformLatency, ErrorRate, Stall, CapacityLimit {}

  /** Adds a fixed delay before the request is handled. */
  public record AddedLatency(Duration delay) implements Effect {}

  /**
   * Adds a delay drawn from a lognormal distribution.
   *
   * @param median the median delay (the distribution's scale), above zero
   * @param sigma the shape (standard deviation of the log), in (0, 5]
   */
  public record LognormalLatency(Duration median, double sigma) implements Effect {}

  /** Adds a delay drawn uniformly from {@code [min, max]}. */
  public record UniformLatency(Duration min, Duration max) implements Effect {}

  /**
   * Answers a share of requests with a server error in the real app's error shape.
   *
   * @param percent the share of requests that fail, in (0, 100]
   * @param status 500, 502, 503 or 504
   */
  public record ErrorRate(double percent, int status) implements Effect {}

  /** Holds the request for {@code duration}, then answers 504, like a hung upstream. */
  public record Stall(Duration duration) implements Effect {}

  /**
   * Serves matching requests one at a time, each holding a single server for {@code 1/ratePerSec}
   * seconds: a queue with a known service rate, so latency climbs as arrivals near the rate and
   * grows without bound above it (the capacity staircase's known knee).
   *
   * @param ratePerSec the most requests per second served, above 0 and at most 10000
   */
  public record CapacityLimit(double ratePerSec) implements Effect {}

  /** Parses several faults separated by {@code ;} (blank parts are ignored). */
  public static List<FaultSpec> parseList(String text) {
    List<FaultSpec> faults = new ArrayList<>();
    for (String part : Objects.requireNonNullElse(text, "").split(";")) {
      if (!part.isBlank()) {
        faults.add(parse(part));
      }
    }
    return List.copyOf(faults);
  }

  /**
   * Parses one fault such as {@code download=+2500ms} or {@code payment=error:5%}.
   *
   * @throws IllegalArgumentException with a message in the house format naming the bad part
   */
  public static FaultSpec parse(String text) {
    String where = "fault \"" + text + "\"";
    int eq = text == null ? -1 : text.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException(
          where
              + ": missing \"=\" (expected <target>=<effect>, got \""
              + text
              + "\"). Example: download=+2500ms");
    }
    String target = text.substring(0, eq).trim();
    String rest = text.substring(eq + 1).trim();
    checkTarget(where, target);
    double share = 100;
    Matcher shareMatch = SHARE.matcher(rest);
    if (shareMatch.matches()) {
      rest = shareMatch.group(1).trim();
      share = Double.parseDouble(shareMatch.group(2));
      if (!(share > 0 && share <= 100)) {
        throw new IllegalArgumentException(
            where + ": share must be in (0, 100] percent (got " + shareMatch.group(2) + "%).");
      }
    }
    Effect effect = parseEffect(where, rest);
    if (effect instanceof ErrorRate && share != 100) {
      throw new IllegalArgumentException(
          where
              + ": an error effect carries its own percentage (expected error:<percent>%, got \""
              + text.substring(eq + 1).trim()
              + "\"). Write payment=error:5% instead of an @ suffix.");
    }
    return new FaultSpec(target, effect, share);
  }

  private static void checkTarget(String where, String target) {
    if (target.equals("*") || PATHS.contains(target) || ROUTE.matcher(target).matches()) {
      return;
    }
    String hint =
        closestPath(target)
            .map(p -> " Did you mean \"" + p + "\"?")
            .orElse(" Use a path name or a route such as \"GET /api/letters/{id}/pdf\".");
    throw new IllegalArgumentException(
        where
            + ": unknown target (expected one of "
            + String.join(", ", PATHS)
            + ", * or \"<METHOD> /<route>\", got \""
            + target
            + "\")."
            + hint);
  }

  private static Effect parseEffect(String where, String text) {
    String t = text.toLowerCase(Locale.ROOT);
    Matcher m;
    if ((m = LOGNORMAL.matcher(t)).matches()) {
      double sigma = Double.parseDouble(m.group(2));
      if (!(sigma > 0 && sigma <= 5)) {
        throw new IllegalArgumentException(
            where + ": lognormal sigma must be in (0, 5] (got " + m.group(2) + ").");
      }
      return new LognormalLatency(positive(where, m.group(1)), sigma);
    }
    if ((m = UNIFORM.matcher(t)).matches()) {
      Duration min = duration(where, m.group(1));
      Duration max = duration(where, m.group(2));
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            where
                + ": uniform max must not be below min (got "
                + m.group(1)
                + ", "
                + m.group(2)
                + ").");
      }
      return new UniformLatency(min, max);
    }
    if (t.startsWith("+")) {
      return new AddedLatency(positive(where, t.substring(1)));
    }
    if ((m = ERROR.matcher(t)).matches()) {
      double percent = Double.parseDouble(m.group(1));
      int status = m.group(2) == null ? 500 : Integer.parseInt(m.group(2));
      if (!(percent > 0 && percent <= 100)) {
        throw new IllegalArgumentException(
            where + ": error percent must be in (0, 100] (got " + m.group(1) + "%).");
      }
      if (!List.of(500, 502, 503, 504).contains(status)) {
        throw new IllegalArgumentException(
            where + ": error status must be 500, 502, 503 or 504 (got " + status + ").");
      }
      return new ErrorRate(percent, status);
    }
    if ((m = CAPACITY.matcher(t)).matches()) {
      double rate = Double.parseDouble(m.group(1));
      if (!(rate > 0 && rate <= 10_000)) {
        throw new IllegalArgumentException(
            where + ": capacity rate must be in (0, 10000] per second (got " + m.group(1) + "/s).");
      }
      return new CapacityLimit(rate);
    }
    if (t.startsWith("stall:")) {
      return new Stall(positive(where, t.substring("stall:".length())));
    }
    throw new IllegalArgumentException(
        where
            + ": unknown effect (expected "
            + SYNTAX
            + ", got \""
            + text
            + "\"). Example: payment=error:5%");
  }

  private static Duration positive(String where, String text) {
    Duration d = duration(where, text);
    if (d.isZero()) {
      throw new IllegalArgumentException(
          where + ": duration must be above zero (got \"" + text + "\").");
    }
    return d;
  }

  /** Parses {@code 250ms}, {@code 2.5s} or {@code 1m}. */
  static Duration duration(String where, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          where
              + ": bad duration (expected a number with ms, s or m such as 250ms or 2.5s, got \""
              + text.trim()
              + "\").");
    }
    double value = Double.parseDouble(m.group(1));
    double millis =
        switch (m.group(2)) {
          case "ms" -> value;
          case "s" -> value * 1_000;
          default -> value * 60_000;
        };
    if (millis > 600_000) {
      throw new IllegalArgumentException(
          where + ": duration must be at most 10m (got \"" + text.trim() + "\").");
    }
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }

  private static java.util.Optional<String> closestPath(String target) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String path : PATHS) {
      int d = editDistance(target.toLowerCase(Locale.ROOT), path);
      if (d < bestDistance) {
        bestDistance = d;
        best = path;
      }
    }
    return bestDistance <= 3 ? java.util.Optional.of(best) : java.util.Optional.empty();
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }

  /** The text form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    String share = sharePercent == 100 ? "" : "@" + fmt(sharePercent) + "%";
    return target + "=" + effectText(effect) + share;
  }

  private static String effectText(Effect effect) {
    if (effect instanceof AddedLatency a) {
      return "+" + ms(a.delay());
    } else if (effect instanceof LognormalLatency l) {
      return "+lognormal(" + ms(l.median()) + "," + fmt(l.sigma()) + ")";
    } else if (effect instanceof UniformLatency u) {
      return "+uniform(" + ms(u.min()) + "," + ms(u.max()) + ")";
    } else if (effect instanceof ErrorRate e) {
      return "error:" + fmt(e.percent()) + "%" + (e.status() == 500 ? "" : ":" + e.status());
    }
    if (effect instanceof CapacityLimit c) {
      return "capacity:" + fmt(c.ratePerSec()) + "/s";
    }
    return "stall:" + ms(((Stall) effect).duration());
  }

  private static String ms(Duration d) {
    return fmt(d.toNanos() / 1e6) + "ms";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
