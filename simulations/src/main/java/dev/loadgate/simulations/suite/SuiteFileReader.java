package dev.loadgate.simulations.suite;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.config.Glob;
import dev.loadgate.config.Problem;
import dev.loadgate.config.Quantities;
import dev.loadgate.config.Suggestions;
import dev.loadgate.config.YamlTree.At;
import dev.loadgate.config.YamlTree.Entry;
import dev.loadgate.config.YamlTree.ListNode;
import dev.loadgate.config.YamlTree.MapNode;
import dev.loadgate.config.YamlTree.Node;
import dev.loadgate.config.YamlTree.Scalar;
import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.Suite;
import dev.loadgate.simulations.Suite.Caps;
import dev.loadgate.simulations.Suite.ClientBehaviour;
import dev.loadgate.simulations.Suite.JmhProfile;
import dev.loadgate.simulations.Suite.JourneyLoad;
import dev.loadgate.simulations.Suite.Soak;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a suites document (read by the one configuration reader, {@link
 * dev.loadgate.config.YamlTree}) into {@link Suite}s, collecting every problem instead of stopping
 * at the first. The {@code gated} and {@code ungated} patterns are checked against the check ids of
 * the loaded baselines: there is no list of ids in Java. Mutable and single-use: one instance reads
 * one document.
 */
public final class SuiteFileReader {
  /** The schema id the file must declare. */
  public static final String SCHEMA = "loadgate.suites/v1";

  private static final java.util.regex.Pattern ZERO =
      java.util.regex.Pattern.compile("0+(?:\\.0+)?\\s*(?:us|ms|s|m|min|h)");
  private static final Set<String> TOP_KEYS = Set.of("schema", "client", "suites");
  private static final Set<String> SUITE_KEYS =
      Set.of(
          "description",
          "warmup",
          "duration",
          "soak",
          "journeys",
          "gated",
          "ungated",
          "caps",
          "jmh");
  private static final Set<String> SOAK_KEYS = Set.of("duration", "rate");
  private static final Set<String> CAPS_KEYS = Set.of("maxRate", "maxDuration");
  private static final Set<String> CLIENT_KEYS =
      Set.of(
          "statusPollInterval",
          "statusPollTimeout",
          "refreshShare",
          "couponShare",
          "checkoutPlans");

  private final String file;
  private final List<Problem> problems;
  private final List<String> checkIds;

  /**
   * A reader of one document.
   *
   * @param file the file as the user named it, for every problem
   * @param problems receives every problem found
   * @param baselines the limits whose check ids the gated patterns must match
   */
  public SuiteFileReader(String file, List<Problem> problems, Baselines baselines) {
    this.file = file;
    this.problems = problems;
    this.checkIds = baselines.checks().stream().map(CheckSpec::id).toList();
  }

  /** Reads every suite of the document; problems go to the list given at construction. */
  public Map<String, Suite> read(Node root) {
    Map<String, Suite> suites = new LinkedHashMap<>();
    MapNode top = mapping(root, "the file");
    if (top == null) {
      return suites;
    }
    unknownKeys(top, TOP_KEYS, "");
    Entry schema = top.get("schema");
    if (schema == null) {
      problem(top.at(), "schema is missing (expected \"" + SCHEMA + "\")");
    } else if (!(schema.value() instanceof Scalar s) || !SCHEMA.equals(s.text())) {
      problem(
          schema.value().at(),
          "schema must be \"" + SCHEMA + "\" (got " + schema.value().describe() + ")");
    }
    ClientBehaviour client = readClient(top.get("client"));
    Entry suitesEntry = top.get("suites");
    if (suitesEntry == null) {
      problem(top.at(), "suites is missing (expected a mapping of suite names to suites)");
      return suites;
    }
    MapNode all = mapping(suitesEntry.value(), "suites");
    if (all == null) {
      return suites;
    }
    if (all.entries().isEmpty()) {
      problem(all.at(), "suites must name at least one suite (got none)");
    }
    for (Entry entry : all.entries()) {
      Suite suite = readSuite(entry, client);
      if (suite != null) {
        suites.put(entry.key(), suite);
      }
    }
    return suites;
  }

  private ClientBehaviour readClient(Entry entry) {
    ClientBehaviour d = ClientBehaviour.DEFAULT;
    if (entry == null) {
      return d;
    }
    MapNode node = mapping(entry.value(), "client");
    if (node == null) {
      return d;
    }
    unknownKeys(node, CLIENT_KEYS, "client.");
    Duration poll = duration(node, "statusPollInterval", "client.", d.statusPollInterval());
    Duration timeout = duration(node, "statusPollTimeout", "client.", d.statusPollTimeout());
    double refresh = share(node, "refreshShare", "client.", d.refreshShare());
    double coupon = share(node, "couponShare", "client.", d.couponShare());
    Entry plansEntry = node.get("checkoutPlans");
    List<String> plans =
        plansEntry == null
            ? d.checkoutPlans()
            : strings(plansEntry.value(), "client.checkoutPlans");
    return build(
        node.at(),
        () -> new ClientBehaviour(poll, timeout, refresh, coupon, plansOrDefault(plans)),
        d);
  }

  private static List<String> plansOrDefault(List<String> plans) {
    return plans == null || plans.isEmpty() ? ClientBehaviour.DEFAULT.checkoutPlans() : plans;
  }

  private Suite readSuite(Entry entry, ClientBehaviour client) {
    String name = entry.key();
    String where = "suites." + name + ".";
    MapNode node = mapping(entry.value(), "suites." + name);
    if (node == null) {
      return null;
    }
    int before = problems.size();
    unknownKeys(node, SUITE_KEYS, where);
    String description = text(node, "description").orElse("");
    Duration warmup = duration(node, "warmup", where, Duration.ZERO);
    Duration duration = requiredDuration(node, "duration", where);
    Optional<Soak> soak = readSoak(node.get("soak"), where);
    List<JourneyLoad> journeys = readJourneys(node, where);
    List<String> gated = readGated(node, where);
    List<String> ungated = readUngated(node, where);
    JmhProfile jmh = readJmh(node, where);
    Caps caps = readCaps(node, where);
    if (problems.size() > before || duration == null || caps == null) {
      return null;
    }
    return build(
        node.at(),
        () ->
            new Suite(
                name,
                description,
                warmup,
                duration,
                soak,
                journeys,
                gated,
                caps,
                client,
                ungated,
                jmh),
        null);
  }

  private Optional<Soak> readSoak(Entry entry, String where) {
    if (entry == null) {
      return Optional.empty();
    }
    MapNode node = mapping(entry.value(), where + "soak");
    if (node == null) {
      return Optional.empty();
    }
    unknownKeys(node, SOAK_KEYS, where + "soak.");
    Duration duration = requiredDuration(node, "duration", where + "soak.");
    double rate = share(node, "rate", where + "soak.", 1.0);
    if (duration == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(build(node.at(), () -> new Soak(duration, rate), null));
  }

  private List<JourneyLoad> readJourneys(MapNode suite, String where) {
    List<JourneyLoad> loads = new ArrayList<>();
    Entry entry = suite.get("journeys");
    if (entry == null) {
      problem(suite.at(), where + "journeys is missing (expected a mapping such as \"auth: 2/s\")");
      return loads;
    }
    MapNode node = mapping(entry.value(), where + "journeys");
    if (node == null) {
      return loads;
    }
    if (node.entries().isEmpty()) {
      problem(node.at(), where + "journeys must name at least one journey (got none)");
    }
    for (Entry journey : node.entries()) {
      if (!Journeys.ALL.contains(journey.key())) {
        problem(
            journey.keyAt(),
            "unknown journey \""
                + journey.key()
                + "\""
                + hint(journey.key(), Journeys.ALL)
                + " (expected one of "
                + String.join(", ", Journeys.ALL)
                + ")");
        continue;
      }
      Optional<Double> rate =
          journey.value() instanceof Scalar s
              ? Quantities.tryRatePerSec(s.text())
              : Optional.empty();
      if (rate.isEmpty() || rate.get() <= 0) {
        problem(
            journey.value().at(),
            where
                + "journeys."
                + journey.key()
                + " must be an arrival rate above zero such as \"2/s\" or \"30/min\" (got "
                + journey.value().describe()
                + ")");
        continue;
      }
      loads.add(new JourneyLoad(journey.key(), rate.get()));
    }
    return loads;
  }

  private List<String> readGated(MapNode suite, String where) {
    Entry entry = suite.get("gated");
    if (entry == null) {
      return List.of("*");
    }
    List<String> patterns = patterns(entry, where + "gated");
    if (patterns != null && patterns.isEmpty()) {
      problem(
          entry.value().at(),
          where
              + "gated must name at least one check (expected a check id or glob such as"
              + " \"latency.auth.*\", got an empty list). A suite that gates nothing can never"
              + " fail; leave gated out to gate every check.");
    }
    return patterns == null ? List.of() : patterns;
  }

  private List<String> readUngated(MapNode suite, String where) {
    Entry entry = suite.get("ungated");
    if (entry == null) {
      return List.of();
    }
    List<String> patterns = patterns(entry, where + "ungated");
    return patterns == null ? List.of() : patterns;
  }

  private JmhProfile readJmh(MapNode suite, String where) {
    Entry entry = suite.get("jmh");
    if (entry == null) {
      return JmhProfile.SMOKE;
    }
    List<String> names = java.util.Arrays.stream(JmhProfile.values()).map(JmhProfile::key).toList();
    String text = entry.value() instanceof Scalar s ? s.text() : null;
    if (text == null || !names.contains(text)) {
      problem(
          entry.value().at(),
          where
              + "jmh must be one of "
              + String.join(", ", names)
              + (text == null ? "" : hint(text, names))
              + " (got "
              + entry.value().describe()
              + ")");
      return JmhProfile.SMOKE;
    }
    return JmhProfile.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Check-id globs, each matching at least one check of the baselines. */
  private List<String> patterns(Entry entry, String where) {
    List<String> patterns = strings(entry.value(), where);
    if (patterns == null) {
      return null;
    }
    List<Node> items = entry.value() instanceof ListNode l ? l.items() : List.of(entry.value());
    for (int i = 0; i < patterns.size(); i++) {
      String pattern = patterns.get(i);
      if (!Glob.matchesSome(pattern, checkIds)) {
        problem(
            items.get(Math.min(i, items.size() - 1)).at(),
            where
                + " pattern \""
                + pattern
                + "\" matches no check"
                + hint(pattern, Glob.suggestionsFor(checkIds))
                + " (expected a check id or glob such as \"latency.auth.*\")");
      }
    }
    return patterns;
  }

  private Caps readCaps(MapNode suite, String where) {
    Entry entry = suite.get("caps");
    if (entry == null) {
      problem(
          suite.at(),
          where
              + "caps is missing (expected maxRate and maxDuration, e.g. "
              + "\"caps: {maxRate: 20/s, maxDuration: 5min}\")");
      return null;
    }
    MapNode node = mapping(entry.value(), where + "caps");
    if (node == null) {
      return null;
    }
    unknownKeys(node, CAPS_KEYS, where + "caps.");
    Double maxRate = null;
    Entry rate = node.get("maxRate");
    if (rate == null) {
      problem(node.at(), where + "caps.maxRate is missing (expected a rate such as \"20/s\")");
    } else {
      Optional<Double> parsed =
          rate.value() instanceof Scalar s ? Quantities.tryRatePerSec(s.text()) : Optional.empty();
      if (parsed.isEmpty() || parsed.get() <= 0) {
        problem(
            rate.value().at(),
            where
                + "caps.maxRate must be a rate above zero such as \"20/s\" (got "
                + rate.value().describe()
                + ")");
      } else {
        maxRate = parsed.get();
      }
    }
    Duration maxDuration = requiredDuration(node, "maxDuration", where + "caps.");
    if (maxRate == null || maxDuration == null) {
      return null;
    }
    double finalRate = maxRate;
    return build(node.at(), () -> new Caps(finalRate, maxDuration), null);
  }

  // ---- small readers, each reporting its own problem ----

  private MapNode mapping(Node node, String what) {
    if (node instanceof MapNode m) {
      return m;
    }
    problem(node.at(), what + " must be a mapping (got " + node.describe() + ")");
    return null;
  }

  private List<String> strings(Node node, String what) {
    List<Node> items = node instanceof ListNode l ? l.items() : List.of(node);
    List<String> values = new ArrayList<>();
    for (Node item : items) {
      if (item instanceof Scalar s && s.text() != null && !s.text().isBlank()) {
        values.add(s.text().trim());
      } else {
        problem(item.at(), what + " must list non-empty strings (got " + item.describe() + ")");
        return null;
      }
    }
    return values;
  }

  private Optional<String> text(MapNode node, String key) {
    Entry entry = node.get(key);
    return entry != null && entry.value() instanceof Scalar s && s.text() != null
        ? Optional.of(s.text())
        : Optional.empty();
  }

  private Duration requiredDuration(MapNode node, String key, String where) {
    if (!node.entry(key).isPresent()) {
      problem(
          node.at(),
          where + key + " is missing (expected a duration such as \"60s\" or \"10min\")");
      return null;
    }
    Duration value = duration(node, key, where, null);
    if (value != null && value.isZero()) {
      problem(
          node.get(key).value().at(),
          where + key + " must be above zero (got \"" + Quantities.format(value) + "\")");
      return null;
    }
    return value;
  }

  private Duration duration(MapNode node, String key, String where, Duration fallback) {
    Entry entry = node.get(key);
    if (entry == null) {
      return fallback;
    }
    String text = entry.value() instanceof Scalar s ? s.text() : null;
    if (text != null && ZERO.matcher(text.trim()).matches()) {
      return Duration.ZERO;
    }
    try {
      if (text != null) {
        return Quantities.duration(text);
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("a duration must be at most")) {
        problem(entry.value().at(), where + key + ": " + e.getMessage());
        return fallback;
      }
    }
    problem(
        entry.value().at(),
        where
            + key
            + " must be a duration with a unit (ms, s, min, h) such as \"15s\" (got "
            + entry.value().describe()
            + ")");
    return fallback;
  }

  private double share(MapNode node, String key, String where, double fallback) {
    Entry entry = node.get(key);
    if (entry == null) {
      return fallback;
    }
    Optional<Double> parsed =
        entry.value() instanceof Scalar s ? Quantities.tryShare(s.text()) : Optional.empty();
    if (parsed.isEmpty() || parsed.get() > 1) {
      problem(
          entry.value().at(),
          where
              + key
              + " must be a percentage from 0% to 100% such as \"20%\" (got "
              + entry.value().describe()
              + ")");
      return fallback;
    }
    return parsed.get();
  }

  private void unknownKeys(MapNode node, Set<String> known, String where) {
    for (Entry entry : node.entries()) {
      if (!known.contains(entry.key())) {
        problem(
            entry.keyAt(),
            "unknown key \""
                + where
                + entry.key()
                + "\""
                + hint(entry.key(), known.stream().sorted().toList())
                + " (expected one of "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  private <T> T build(At at, java.util.function.Supplier<T> constructor, T fallback) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      problem(at, e.getMessage());
      return fallback;
    }
  }

  private static String hint(String word, List<String> candidates) {
    return Suggestions.inline(word, candidates);
  }

  private void problem(At at, String message) {
    problems.add(new Problem(file, at.line(), at.column(), message));
  }
}
