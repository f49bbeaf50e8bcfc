package dev.loadgate.baseline;

import dev.loadgate.config.Problem;
import dev.loadgate.config.Suggestions;
import dev.loadgate.config.YamlTree;
import dev.loadgate.config.YamlTree.At;
import dev.loadgate.config.YamlTree.Entry;
import dev.loadgate.config.YamlTree.ListNode;
import dev.loadgate.config.YamlTree.MapNode;
import dev.loadgate.config.YamlTree.Node;
import dev.loadgate.config.YamlTree.Scalar;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates a baselines file ({@value Baselines#SCHEMA}) through the one configuration
 * reader, {@link YamlTree}. Every problem in the file is collected in one pass and thrown together
 * as one {@link BaselineException}, each located as {@code file:line:col}. The schema is documented
 * in {@code docs/baselines.md} and published as {@code baselines/production.schema.json}.
 *
 * <p>Check ids exist only in the file: no list of ids lives in Java. A check id that is close to
 * the id its own source implies ({@code errors.al.rate} with {@code source: { requests: all }}) is
 * reported as a typo.
 */
public final class BaselinesLoader {
  /** The most samples a check may require: more than any run loadgate can make records. */
  static final long MAX_MIN_SAMPLES = 10_000_000;

  /** The largest growth factor a capacity projection may name. */
  static final double MAX_GROWTH_FACTOR = 1_000;

  private static final List<String> TOP_KEYS =
      List.of("schema", "defaults", "paths", "checks", "capacity");
  private static final List<String> DEFAULTS_KEYS = List.of("minSamples", "regression");
  private static final List<String> MIN_SAMPLES_KEYS =
      List.of("percentile", "rate", "mean", "max", "value");
  private static final List<String> DEFAULT_REGRESSION_KEYS =
      List.of("tolerance", "minLatencyEffect", "minRateEffect");
  private static final List<String> REGRESSION_KEYS = List.of("tolerance", "minEffect");
  private static final List<String> PATH_KEYS =
      List.of(
          "title",
          "percentile",
          "below",
          "warning",
          "source",
          "severity",
          "guide",
          "minSamples",
          "regression");
  private static final List<String> CHECK_KEYS =
      List.of(
          "title",
          "statistic",
          "percentile",
          "source",
          "below",
          "above",
          "warning",
          "severity",
          "guide",
          "window",
          "minSamples",
          "regression");
  private static final List<String> SOURCE_KEYS =
      List.of("group", "requests", "request", "figure", "except");
  private static final List<String> CAPACITY_KEYS = List.of("scalingTriggers", "growth");
  private static final List<String> TRIGGER_KEYS = List.of("metric", "above", "below", "guide");
  private static final List<String> GROWTH_KEYS = List.of("perMonth", "factor", "guide");
  private static final List<String> STATISTICS =
      List.of("percentile", "mean", "max", "rate", "value");

  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  /** Where the reader found a problem already (an alias, a long value): one problem per place. */
  private final Set<At> readerProblemsAt = new HashSet<>();

  private BaselinesLoader(String file) {
    this.file = file;
  }

  /**
   * Loads and validates a baselines file.
   *
   * @throws BaselineException listing every problem, when the file is missing or invalid
   */
  public static Baselines load(Path path) {
    return load(path, path.toString());
  }

  /**
   * Loads and validates a baselines file, naming it {@code displayName} in every problem (e.g. the
   * path as the user typed it).
   *
   * @throws BaselineException listing every problem, when the file is missing or invalid
   */
  public static Baselines load(Path path, String displayName) {
    YamlTree.Document document =
        YamlTree.read(
            path,
            displayName,
            "no such file (expected a baselines YAML file, got a path that does not exist). Pass"
                + " --baselines FILE or run from the checkout root.");
    return new BaselinesLoader(displayName).read(document);
  }

  /**
   * Validates baselines given as text.
   *
   * @param fileName used in every problem's location
   * @throws BaselineException listing every problem
   */
  public static Baselines parse(String text, String fileName) {
    return new BaselinesLoader(fileName).read(YamlTree.parse(text, fileName));
  }

  private Baselines read(YamlTree.Document document) {
    if (document.unreadable()) {
      throw new BaselineException(document.problems());
    }
    problems.addAll(document.problems());
    document.problems().forEach(p -> readerProblemsAt.add(new At(p.line(), p.column())));
    Node root = document.root().orElse(null);
    if (!(root instanceof MapNode top)) {
      At at = root == null ? new At(1, 1) : root.at();
      problem(
          at,
          "the file must be a mapping with schema, paths and checks (got "
              + (root == null ? "an empty file" : root.describe())
              + ")");
      throw new BaselineException(problems);
    }
    Map<String, Entry> keys = keys(top, "the top level", TOP_KEYS);
    schema(keys.get("schema"), top.at());
    Defaults defaults = defaults(keys.get("defaults"));
    List<CheckSpec> checks = new ArrayList<>();
    if (keys.containsKey("paths")) {
      checks.addAll(paths(keys.get("paths"), defaults));
    } else {
      problem(
          top.at(),
          "missing section \"paths\" (expected a latency limit for each of "
              + String.join(", ", Baselines.REQUIRED_PATHS)
              + ")");
    }
    if (keys.containsKey("checks")) {
      checks.addAll(checks(keys.get("checks"), defaults, checks));
    }
    Capacity capacity = capacity(keys.get("capacity"));
    if (!problems.isEmpty()) {
      problems.sort(
          java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      throw new BaselineException(problems);
    }
    return new Baselines(file, defaults, checks, capacity);
  }

  // ---- sections ------------------------------------------------------------------------------

  private void schema(Entry entry, At top) {
    if (entry == null) {
      problem(top, "missing \"schema\" (expected schema: " + Baselines.SCHEMA + ")");
      return;
    }
    String got = text(entry.value());
    if (!Baselines.SCHEMA.equals(got)) {
      problem(
          entry.value().at(),
          "schema: unsupported schema version (expected \""
              + Baselines.SCHEMA
              + "\", got \""
              + got
              + "\")");
    }
  }

  private Defaults defaults(Entry entry) {
    if (entry == null) {
      return Defaults.DEFAULT;
    }
    MapNode map = map(entry, "defaults");
    if (map == null) {
      return Defaults.DEFAULT;
    }
    Map<String, Entry> keys = keys(map, "defaults", DEFAULTS_KEYS);
    Map<Statistic.Kind, Long> minSamples = new EnumMap<>(Defaults.DEFAULT.minSamples());
    Entry samples = keys.get("minSamples");
    MapNode samplesMap = samples == null ? null : map(samples, "defaults.minSamples");
    if (samplesMap != null) {
      keys(samplesMap, "defaults.minSamples", MIN_SAMPLES_KEYS)
          .forEach(
              (key, e) -> {
                Statistic.Kind kind = Statistic.Kind.valueOf(key.toUpperCase(Locale.ROOT));
                Long value =
                    minSamplesValue(
                        e, "defaults.minSamples." + key, kind == Statistic.Kind.PERCENTILE);
                if (value != null) {
                  minSamples.put(kind, value);
                }
              });
    }
    Regression regression = Regression.DEFAULT;
    Entry reg = keys.get("regression");
    MapNode regMap = reg == null ? null : map(reg, "defaults.regression");
    if (regMap != null) {
      Map<String, Entry> r = keys(regMap, "defaults.regression", DEFAULT_REGRESSION_KEYS);
      Percent tolerance =
          optional(
              r.get("tolerance"),
              "defaults.regression.tolerance",
              Percent::parse,
              regression.tolerance());
      TimeAmount latency =
          optional(
              r.get("minLatencyEffect"),
              "defaults.regression.minLatencyEffect",
              TimeAmount::parse,
              TimeAmount.ofMillis(regression.minEffectMillis()));
      Percent rate =
          optional(
              r.get("minRateEffect"),
              "defaults.regression.minRateEffect",
              Percent::parse,
              new Percent(regression.minEffectPercentPoints()));
      regression = new Regression(tolerance, latency.millis(), rate.value());
    }
    return new Defaults(minSamples, regression);
  }

  private List<CheckSpec> paths(Entry entry, Defaults defaults) {
    MapNode map = map(entry, "paths");
    if (map == null) {
      return List.of();
    }
    List<CheckSpec> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Entry path : unique(map, "paths")) {
      String name = path.key();
      if (!Baselines.REQUIRED_PATHS.contains(name)) {
        problem(
            path.keyAt(),
            "unknown path \""
                + name
                + "\" (expected one of "
                + String.join(", ", Baselines.REQUIRED_PATHS)
                + ")."
                + Suggestions.hint(name, Baselines.REQUIRED_PATHS));
        // A misspelt path is one mistake: the path it was meant to be is not also "missing".
        Suggestions.closest(name, Baselines.REQUIRED_PATHS).ifPresent(seen::add);
        continue;
      }
      seen.add(name);
      CheckSpec spec = path(path, name, defaults);
      if (spec != null) {
        result.add(spec);
      }
    }
    for (String required : Baselines.REQUIRED_PATHS) {
      if (!seen.contains(required)) {
        problem(
            entry.keyAt(),
            "paths: missing required path \""
                + required
                + "\" (expected a latency limit for each of "
                + String.join(", ", Baselines.REQUIRED_PATHS)
                + ")");
      }
    }
    return result;
  }

  private CheckSpec path(Entry entry, String name, Defaults defaults) {
    String where = "paths." + name;
    MapNode map = map(entry, where);
    if (map == null) {
      return null;
    }
    Map<String, Entry> keys = keys(map, where, PATH_KEYS);
    int before = problems.size();
    require(keys, entry, where, "percentile", "below", "severity", "guide");
    Percentile percentile = percentile(keys.get("percentile"), where + ".percentile");
    Double limit = limitValue(keys.get("below"), where + ".below", Unit.MILLISECONDS);
    Source source =
        keys.containsKey("source")
            ? source(keys.get("source"), where + ".source")
            : new Source.Group(name);
    Severity severity = severity(keys.get("severity"), where + ".severity");
    String guide = optional(keys.get("guide"), where + ".guide", s -> s, "");
    Double warning =
        keys.containsKey("warning")
            ? limitValue(keys.get("warning"), where + ".warning", Unit.MILLISECONDS)
            : null;
    long minSamples =
        minSamples(keys.get("minSamples"), where, Statistic.Kind.PERCENTILE, defaults);
    Regression regression =
        regression(keys.get("regression"), where, Unit.MILLISECONDS, defaults.regression());
    if (problems.size() > before
        || percentile == null
        || limit == null
        || source == null
        || severity == null) {
      return null;
    }
    return build(
        entry.value().at(),
        where,
        () ->
            new CheckSpec(
                "latency." + name + "." + percentile.label(),
                str(keys.get("title")),
                name,
                Statistic.percentile(percentile),
                source,
                Bound.BELOW,
                limit,
                Unit.MILLISECONDS,
                warning == null ? Double.NaN : warning,
                severity,
                guide,
                minSamples,
                regression,
                Double.NaN));
  }

  private List<CheckSpec> checks(Entry entry, Defaults defaults, List<CheckSpec> pathChecks) {
    MapNode map = map(entry, "checks");
    if (map == null) {
      return List.of();
    }
    Set<String> ids = new HashSet<>();
    pathChecks.forEach(c -> ids.add(c.id()));
    List<CheckSpec> result = new ArrayList<>();
    for (Entry check : unique(map, "checks")) {
      String id = check.key();
      if (!CheckSpec.ID.matcher(id).matches()) {
        problem(
            check.keyAt(),
            "checks: check id must be lower-case words joined by dots "
                + "(expected e.g. \"errors.all.rate\", got \""
                + id
                + "\")");
        continue;
      }
      List<String> implied = impliedIds(check);
      if (!implied.contains(id)) {
        String hint = Suggestions.hint(id, implied);
        if (!hint.isEmpty()) {
          problem(
              check.keyAt(),
              "checks: unknown check id \""
                  + id
                  + "\" (expected a known id or a new, distinct one)."
                  + hint);
          continue;
        }
      }
      if (!ids.add(id)) {
        problem(
            check.keyAt(),
            "checks: check id \""
                + id
                + "\" is already defined (expected each id once, got it twice)");
        continue;
      }
      CheckSpec spec = check(check, id, defaults);
      if (spec != null) {
        result.add(spec);
      }
    }
    return result;
  }

  private CheckSpec check(Entry entry, String id, Defaults defaults) {
    String where = "checks." + id;
    MapNode map = map(entry, where);
    if (map == null) {
      return null;
    }
    Map<String, Entry> keys = keys(map, where, CHECK_KEYS);
    int before = problems.size();
    require(keys, entry, where, "source", "severity", "guide");
    Statistic statistic = statistic(keys, entry, where);
    Source source =
        keys.containsKey("source") ? source(keys.get("source"), where + ".source") : null;
    Bound bound = null;
    Entry limitEntry = null;
    if (keys.containsKey("below") && keys.containsKey("above")) {
      problem(
          keys.get("above").keyAt(),
          where + ": give either below or above, not both " + "(expected one limit, got two)");
    } else if (keys.containsKey("below")) {
      bound = Bound.BELOW;
      limitEntry = keys.get("below");
    } else if (keys.containsKey("above")) {
      bound = Bound.ABOVE;
      limitEntry = keys.get("above");
    } else {
      problem(
          entry.keyAt(),
          where + ": missing the limit (expected below: or above:, got " + "neither)");
    }
    Unit unit = null;
    Double limit = null;
    if (limitEntry != null) {
      String limitKey = where + "." + limitEntry.key();
      Unit expected =
          statistic != null && statistic.kind() == Statistic.Kind.RATE ? Unit.PERCENT : null;
      unit = expected != null ? expected : unitOf(limitEntry, limitKey);
      if (unit != null) {
        limit = limitValue(limitEntry, limitKey, unit);
      }
    }
    Double warning = null;
    if (keys.containsKey("warning") && unit != null) {
      warning = limitValue(keys.get("warning"), where + ".warning", unit);
    }
    Severity severity = severity(keys.get("severity"), where + ".severity");
    String guide = optional(keys.get("guide"), where + ".guide", s -> s, "");
    TimeAmount window = optional(keys.get("window"), where + ".window", TimeAmount::parse, null);
    long minSamples =
        statistic == null
            ? 0
            : minSamples(keys.get("minSamples"), where, statistic.kind(), defaults);
    Regression regression =
        unit == null
            ? defaults.regression()
            : regression(keys.get("regression"), where, unit, defaults.regression());
    fitsItsSource(statistic, source, unit, limitEntry, where);
    if (problems.size() > before
        || statistic == null
        || source == null
        || bound == null
        || limit == null
        || severity == null) {
      return null;
    }
    Bound b = bound;
    Unit u = unit;
    double l = limit;
    double w = warning == null ? Double.NaN : warning;
    return build(
        entry.value().at(),
        where,
        () ->
            new CheckSpec(
                id,
                str(keys.get("title")),
                null,
                statistic,
                source,
                b,
                l,
                u,
                w,
                severity,
                guide,
                minSamples,
                regression,
                window == null ? Double.NaN : window.millis()));
  }

  /**
   * Series hold latencies: a statistic of a series (other than a rate) needs a duration limit, and
   * a plain value only comes from a figure.
   */
  private void fitsItsSource(
      Statistic statistic, Source source, Unit unit, Entry limitEntry, String where) {
    if (statistic == null || source == null || unit == null || source instanceof Source.FigureRef) {
      return;
    }
    if (statistic.kind() == Statistic.Kind.VALUE) {
      problem(
          limitEntry.keyAt(),
          where
              + ": statistic value reads a probe figure (expected source: { figure: ID }, got "
              + source.describe()
              + ")");
    } else if (statistic.kind() != Statistic.Kind.RATE && unit != Unit.MILLISECONDS) {
      problem(
          limitEntry.value().at(),
          where
              + "."
              + limitEntry.key()
              + ": the "
              + statistic.label()
              + " of "
              + source.describe()
              + " is a latency (expected a duration such as \"500ms\", got \""
              + text(limitEntry.value())
              + "\")");
    }
  }

  private Capacity capacity(Entry entry) {
    if (entry == null) {
      return Capacity.NONE;
    }
    MapNode map = map(entry, "capacity");
    if (map == null) {
      return Capacity.NONE;
    }
    Map<String, Entry> keys = keys(map, "capacity", CAPACITY_KEYS);
    List<ScalingTrigger> triggers = new ArrayList<>();
    Entry t = keys.get("scalingTriggers");
    MapNode tMap = t == null ? null : map(t, "capacity.scalingTriggers");
    if (tMap != null) {
      for (Entry trigger : unique(tMap, "capacity.scalingTriggers")) {
        String where = "capacity.scalingTriggers." + trigger.key();
        MapNode m = map(trigger, where);
        if (m == null) {
          continue;
        }
        Map<String, Entry> k = keys(m, where, TRIGGER_KEYS);
        require(k, trigger, where, "guide");
        Entry level = k.containsKey("above") ? k.get("above") : k.get("below");
        if (level == null) {
          problem(
              trigger.keyAt(),
              where + ": missing the trigger level (expected above: or " + "below:, got neither)");
          continue;
        }
        Unit unit = unitOf(level, where + "." + level.key());
        Double value = unit == null ? null : limitValue(level, where + "." + level.key(), unit);
        if (value != null) {
          triggers.add(
              new ScalingTrigger(
                  trigger.key(),
                  str(k.get("metric")),
                  k.containsKey("above") ? Bound.ABOVE : Bound.BELOW,
                  value,
                  unit,
                  str(k.get("guide"))));
        }
      }
    }
    List<GrowthProjection> growth = new ArrayList<>();
    Entry g = keys.get("growth");
    MapNode gMap = g == null ? null : map(g, "capacity.growth");
    if (gMap != null) {
      for (Entry projection : unique(gMap, "capacity.growth")) {
        String where = "capacity.growth." + projection.key();
        MapNode m = map(projection, where);
        if (m == null) {
          continue;
        }
        Map<String, Entry> k = keys(m, where, GROWTH_KEYS);
        require(k, projection, where, "guide");
        if (k.containsKey("perMonth") == k.containsKey("factor")) {
          problem(
              projection.keyAt(),
              where
                  + ": give exactly one of perMonth or factor "
                  + "(expected e.g. perMonth: 20% or factor: 10x)");
          continue;
        }
        if (k.containsKey("perMonth")) {
          Percent p = optional(k.get("perMonth"), where + ".perMonth", Percent::parse, null);
          if (p != null) {
            growth.add(
                new GrowthProjection(projection.key(), p.value(), Double.NaN, str(k.get("guide"))));
          }
        } else {
          Double factor = optional(k.get("factor"), where + ".factor", this::factor, null);
          if (factor != null) {
            growth.add(
                new GrowthProjection(projection.key(), Double.NaN, factor, str(k.get("guide"))));
          }
        }
      }
    }
    return new Capacity(triggers, growth);
  }

  /**
   * The ids a check's own entry implies, for "did you mean": a rate of group G is {@code
   * errors.G.rate}, of all requests {@code errors.all.rate}; a percentile of group G is {@code
   * latency.G.pNN}; a figure's check is named after the figure.
   */
  private static List<String> impliedIds(Entry check) {
    if (!(check.value() instanceof MapNode map)) {
      return List.of();
    }
    Entry sourceEntry = map.get("source");
    if (sourceEntry == null || !(sourceEntry.value() instanceof MapNode source)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    String group = source.get("group") == null ? null : text(source.get("group").value());
    String requests = source.get("requests") == null ? null : text(source.get("requests").value());
    String subject = group != null ? group : requests;
    String figure = source.get("figure") == null ? null : text(source.get("figure").value());
    if (figure != null) {
      ids.add(figure);
    }
    String statistic = map.get("statistic") == null ? null : text(map.get("statistic").value());
    if (subject != null && "rate".equals(statistic)) {
      ids.add("errors." + subject + ".rate");
    }
    String percentile = map.get("percentile") == null ? null : text(map.get("percentile").value());
    if (group != null && percentile != null) {
      ids.add("latency." + group + ".p" + percentile);
    }
    return ids;
  }

  // ---- values --------------------------------------------------------------------------------

  private Statistic statistic(Map<String, Entry> keys, Entry owner, String where) {
    Entry statistic = keys.get("statistic");
    Entry percentile = keys.get("percentile");
    String name =
        statistic == null ? (percentile == null ? null : "percentile") : text(statistic.value());
    if (name == null) {
      problem(
          owner.keyAt(),
          where
              + ": missing the statistic (expected statistic: one of "
              + String.join(", ", STATISTICS)
              + ", or percentile: 95)");
      return null;
    }
    if (!STATISTICS.contains(name)) {
      problem(
          statistic.value().at(),
          where
              + ".statistic: unknown statistic \""
              + name
              + "\" (expected one of "
              + String.join(", ", STATISTICS)
              + ")."
              + Suggestions.hint(name, STATISTICS));
      return null;
    }
    if (name.equals("percentile")) {
      if (percentile == null) {
        problem(
            statistic.value().at(),
            where
                + ": a percentile statistic needs percentile: "
                + "(expected e.g. percentile: 95, got none)");
        return null;
      }
      Percentile p = percentile(percentile, where + ".percentile");
      return p == null ? null : Statistic.percentile(p);
    }
    if (percentile != null) {
      problem(
          percentile.keyAt(),
          where
              + ".percentile: only a percentile statistic takes a "
              + "percentile (expected no percentile with statistic "
              + name
              + ")");
      return null;
    }
    return Statistic.of(Statistic.Kind.valueOf(name.toUpperCase(Locale.ROOT)));
  }

  private Percentile percentile(Entry entry, String where) {
    if (entry == null) {
      return null;
    }
    Node node = entry.value();
    if (!(node instanceof Scalar s) || !s.isNumber()) {
      problem(
          node.at(),
          where + ": must be a number in percent (expected e.g. 95, got " + node.describe() + ")");
      return null;
    }
    try {
      return new Percentile(Double.parseDouble(s.text()));
    } catch (IllegalArgumentException e) {
      problem(node.at(), where + ": " + e.getMessage());
      return null;
    }
  }

  /** The unit a limit is written in: a duration or a percentage. */
  private Unit unitOf(Entry entry, String where) {
    String text = text(entry.value());
    if (text == null) {
      problem(
          entry.value().at(),
          where
              + ": must be a duration such as \"500ms\" or a "
              + "percentage such as \"2%\" (got "
              + entry.value().describe()
              + ")");
      return null;
    }
    String t = text.trim();
    if (t.endsWith("%")) {
      return Unit.PERCENT;
    }
    if (t.matches("-?[0-9.]+")) {
      problem(
          entry.value().at(),
          where
              + ": a limit needs its unit (expected e.g. \""
              + t
              + "ms\" or \""
              + t
              + "%\", got \""
              + t
              + "\")");
      return null;
    }
    return Unit.MILLISECONDS;
  }

  private Double limitValue(Entry entry, String where, Unit unit) {
    if (entry == null) {
      return null;
    }
    String text = text(entry.value());
    if (text == null) {
      problem(
          entry.value().at(),
          where
              + ": must be "
              + (unit == Unit.PERCENT
                  ? "a percentage such as \"2%\""
                  : "a duration such as \"500ms\"")
              + " (got "
              + entry.value().describe()
              + ")");
      return null;
    }
    try {
      return unit == Unit.PERCENT ? Percent.parse(text).value() : TimeAmount.parse(text).millis();
    } catch (IllegalArgumentException e) {
      problem(entry.value().at(), where + ": " + e.getMessage());
      return null;
    }
  }

  private Source source(Entry entry, String where) {
    MapNode map = map(entry, where);
    if (map == null) {
      return null;
    }
    Map<String, Entry> keys = keys(map, where, SOURCE_KEYS);
    List<String> kinds = keys.keySet().stream().filter(k -> !k.equals("except")).toList();
    if (kinds.size() != 1) {
      problem(
          entry.value().at(),
          where
              + ": name exactly one source (expected one of group, "
              + "requests, request, figure, got "
              + (kinds.isEmpty() ? "none" : String.join(", ", kinds))
              + ")");
      return null;
    }
    String kind = kinds.get(0);
    Entry value = keys.get(kind);
    String name = text(value.value());
    if (name == null || name.isBlank()) {
      problem(
          value.value().at(),
          where
              + "."
              + kind
              + ": must name the "
              + kind
              + " (got "
              + value.value().describe()
              + ")");
      return null;
    }
    if (keys.containsKey("except") && !kind.equals("requests")) {
      problem(
          keys.get("except").keyAt(),
          where
              + ".except: only a requests source takes "
              + "except (expected requests: all, got "
              + kind
              + ")");
      return null;
    }
    switch (kind) {
      case "group":
        return new Source.Group(name);
      case "request":
        return new Source.Request(name);
      case "figure":
        return new Source.FigureRef(name);
      default:
        if (!name.equals("all")) {
          problem(
              value.value().at(),
              where
                  + ".requests: must be all (expected \"all\", got \""
                  + name
                  + "\"). Use request: NAME for one request.");
          return null;
        }
        List<String> except = new ArrayList<>();
        Entry e = keys.get("except");
        if (e != null) {
          if (e.value() instanceof ListNode list) {
            for (Node item : list.items()) {
              String text = text(item);
              if (text == null) {
                problem(
                    item.at(),
                    where + ".except: must list request names (got " + item.describe() + ")");
              } else {
                except.add(text);
              }
            }
          } else {
            problem(
                e.value().at(),
                where
                    + ".except: must be a list of request names (got "
                    + e.value().describe()
                    + ")");
          }
        }
        return new Source.AllRequests(except);
    }
  }

  private Severity severity(Entry entry, String where) {
    if (entry == null) {
      return null;
    }
    String text = text(entry.value());
    List<String> names = java.util.Arrays.stream(Severity.values()).map(Severity::key).toList();
    if (text == null || !names.contains(text)) {
      problem(
          entry.value().at(),
          where
              + ": unknown severity (expected one of "
              + String.join(", ", names)
              + ", got "
              + entry.value().describe()
              + ")."
              + (text == null ? "" : Suggestions.hint(text, names)));
      return null;
    }
    return Severity.valueOf(text.toUpperCase(Locale.ROOT));
  }

  private long minSamples(Entry entry, String where, Statistic.Kind kind, Defaults defaults) {
    if (entry == null) {
      return defaults.minSamples(kind);
    }
    Long value = minSamplesValue(entry, where + ".minSamples", kind == Statistic.Kind.PERCENTILE);
    return value == null ? defaults.minSamples(kind) : value;
  }

  private Long minSamplesValue(Entry entry, String where, boolean autoAllowed) {
    Node node = entry.value();
    if (autoAllowed && node instanceof Scalar s && "auto".equals(s.text())) {
      return 0L;
    }
    if (node instanceof Scalar s
        && s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
      BigInteger value = new BigInteger(s.text().replace("_", "").replace("+", ""));
      if (value.signum() > 0 && value.compareTo(BigInteger.valueOf(MAX_MIN_SAMPLES)) <= 0) {
        return value.longValueExact();
      }
    }
    problem(
        node.at(),
        where
            + ": must be a whole number of samples from 1 to "
            + String.format(Locale.ROOT, "%,d", MAX_MIN_SAMPLES)
            + (autoAllowed ? ", or auto" : "")
            + " (got "
            + node.describe()
            + ")");
    return null;
  }

  private Regression regression(Entry entry, String where, Unit unit, Regression defaults) {
    if (entry == null) {
      return defaults;
    }
    String w = where + ".regression";
    MapNode map = map(entry, w);
    if (map == null) {
      return defaults;
    }
    Map<String, Entry> keys = keys(map, w, REGRESSION_KEYS);
    Percent tolerance =
        optional(keys.get("tolerance"), w + ".tolerance", Percent::parse, defaults.tolerance());
    Double effect =
        keys.containsKey("minEffect")
            ? limitValue(keys.get("minEffect"), w + ".minEffect", unit)
            : null;
    double millis = defaults.minEffectMillis();
    double points = defaults.minEffectPercentPoints();
    if (effect != null) {
      if (unit == Unit.MILLISECONDS) {
        millis = effect;
      } else {
        points = effect;
      }
    }
    return new Regression(tolerance, millis, points);
  }

  private double factor(String text) {
    String t = text.trim();
    String digits = t.endsWith("x") ? t.substring(0, t.length() - 1) : t;
    try {
      double value = Double.parseDouble(digits);
      if (value > 1 && value <= MAX_GROWTH_FACTOR) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "must be a growth factor above 1 and at most 1000 such as \"10x\" (got \"" + t + "\")");
  }

  // ---- structure -----------------------------------------------------------------------------

  private MapNode map(Entry entry, String where) {
    if (entry.value() instanceof MapNode m) {
      return m;
    }
    problem(
        entry.value().at(),
        where + ": must be a mapping of keys to values (got " + entry.value().describe() + ")");
    return null;
  }

  /**
   * The entries of {@code map} by key, reporting unknown keys (with a suggestion) and duplicate
   * keys; the first of duplicates wins.
   */
  private Map<String, Entry> keys(MapNode map, String where, List<String> allowed) {
    Map<String, Entry> result = new LinkedHashMap<>();
    for (Entry entry : unique(map, where)) {
      if (!allowed.contains(entry.key())) {
        problem(
            entry.keyAt(),
            "unknown key \""
                + entry.key()
                + "\" in "
                + where
                + " (expected one of "
                + String.join(", ", allowed)
                + ")."
                + Suggestions.hint(entry.key(), allowed));
      } else {
        result.put(entry.key(), entry);
      }
    }
    return result;
  }

  /** The entries of {@code map}; the reader has reported and dropped duplicate keys. */
  private static List<Entry> unique(MapNode map, String where) {
    return map.entries();
  }

  private void require(Map<String, Entry> keys, Entry owner, String where, String... required) {
    for (String key : required) {
      if (!keys.containsKey(key)) {
        problem(owner.keyAt(), where + ": missing required key \"" + key + "\"");
      }
    }
  }

  private <T> T optional(Entry entry, String where, Function<String, T> parse, T fallback) {
    if (entry == null) {
      return fallback;
    }
    String text = text(entry.value());
    if (text == null) {
      problem(
          entry.value().at(),
          where + ": must be a single value (got " + entry.value().describe() + ")");
      return fallback;
    }
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      problem(entry.value().at(), where + ": " + e.getMessage());
      return fallback;
    }
  }

  private CheckSpec build(At at, String where, java.util.function.Supplier<CheckSpec> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      int colon = message.indexOf(": ");
      problem(
          at,
          where
              + ": "
              + (colon > 0
                      && message.startsWith(message.substring(0, colon))
                      && message.substring(0, colon).contains(".")
                  ? message.substring(colon + 2)
                  : message));
      return null;
    }
  }

  private static String text(Node node) {
    return node instanceof Scalar s && !s.isNull() ? s.text() : null;
  }

  private static String str(Entry entry) {
    return entry == null ? null : text(entry.value());
  }

  private void problem(At at, String message) {
    if (!readerProblemsAt.contains(at)) {
      problems.add(new Problem(file, at.line(), at.column(), message));
    }
  }
}
