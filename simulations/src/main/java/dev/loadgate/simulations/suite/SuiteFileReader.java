package dev.loadgate.simulations.suite;

import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.Suite;
import dev.loadgate.simulations.Suite.Caps;
import dev.loadgate.simulations.Suite.ClientBehaviour;
import dev.loadgate.simulations.Suite.JourneyLoad;
import dev.loadgate.simulations.Suite.Soak;
import dev.loadgate.simulations.suite.YamlTree.Entry;
import dev.loadgate.simulations.suite.YamlTree.ListNode;
import dev.loadgate.simulations.suite.YamlTree.MapNode;
import dev.loadgate.simulations.suite.YamlTree.Node;
import dev.loadgate.simulations.suite.YamlTree.Position;
import dev.loadgate.simulations.suite.YamlTree.Problem;
import dev.loadgate.simulations.suite.YamlTree.Scalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a suites document into {@link Suite}s, collecting every problem instead of stopping at the
 * first. Mutable and single-use: one instance reads one document.
 */
public final class SuiteFileReader {
  /** The schema id the file must declare. */
  public static final String SCHEMA = "loadgate.suites/v1";

  /** Every check id a suite can gate (see the shared vocabulary); gated patterns must match one. */
  public static final List<String> KNOWN_CHECK_IDS = knownCheckIds();

  private static final Set<String> TOP_KEYS = Set.of("schema", "client", "suites");
  private static final Set<String> SUITE_KEYS =
      Set.of("description", "warmup", "duration", "soak", "journeys", "gated", "caps", "detect");
  private static final Set<String> SOAK_KEYS = Set.of("duration", "rate");
  private static final Set<String> CAPS_KEYS = Set.of("maxRate", "maxDuration");
  private static final Set<String> CLIENT_KEYS =
      Set.of(
          "statusPollInterval",
          "statusPollTimeout",
          "refreshShare",
          "couponShare",
          "checkoutPlans");

  private final List<Problem> problems;

  public SuiteFileReader(List<Problem> problems) {
    this.problems = problems;
  }

  /** Reads every suite of the document; problems go to the list given at construction. */
  public Map<String, Suite> read(Node root) {
    Map<String, Suite> suites = new LinkedHashMap<>();
    MapNode top = mapping(root, "the file");
    if (top == null) {
      return suites;
    }
    unknownKeys(top, TOP_KEYS, "");
    Entry schema = top.entries().get("schema");
    if (schema == null) {
      problem(top.position(), "schema is missing (expected \"" + SCHEMA + "\")");
    } else if (!(schema.value() instanceof Scalar s) || !SCHEMA.equals(s.text())) {
      problem(
          schema.value().position(),
          "schema must be \"" + SCHEMA + "\" (got " + schema.value().describe() + ")");
    }
    ClientBehaviour client = readClient(top.entries().get("client"));
    Entry suitesEntry = top.entries().get("suites");
    if (suitesEntry == null) {
      problem(top.position(), "suites is missing (expected a mapping of suite names to suites)");
      return suites;
    }
    MapNode all = mapping(suitesEntry.value(), "suites");
    if (all == null) {
      return suites;
    }
    if (all.entries().isEmpty()) {
      problem(all.position(), "suites must name at least one suite (got none)");
    }
    for (Entry entry : all.entries().values()) {
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
    Entry plansEntry = node.entries().get("checkoutPlans");
    List<String> plans =
        plansEntry == null
            ? d.checkoutPlans()
            : strings(plansEntry.value(), "client.checkoutPlans");
    return build(
        node.position(),
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
    Optional<Soak> soak = readSoak(node.entries().get("soak"), where);
    List<JourneyLoad> journeys = readJourneys(node, where);
    List<String> gated = readGated(node, where);
    Caps caps = readCaps(node, where);
    double detect = share(node, "detect", where, Suite.DEFAULT_DETECT_SHARE);
    if (problems.size() > before || duration == null || caps == null) {
      return null;
    }
    return build(
        node.position(),
        () ->
            new Suite(
                name, description, warmup, duration, soak, journeys, gated, caps, client, detect),
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
    return Optional.ofNullable(build(node.position(), () -> new Soak(duration, rate), null));
  }

  private List<JourneyLoad> readJourneys(MapNode suite, String where) {
    List<JourneyLoad> loads = new ArrayList<>();
    Entry entry = suite.entries().get("journeys");
    if (entry == null) {
      problem(
          suite.position(),
          where + "journeys is missing (expected a mapping such as \"auth: 2/s\")");
      return loads;
    }
    MapNode node = mapping(entry.value(), where + "journeys");
    if (node == null) {
      return loads;
    }
    if (node.entries().isEmpty()) {
      problem(node.position(), where + "journeys must name at least one journey (got none)");
    }
    for (Entry journey : node.entries().values()) {
      if (!Journeys.ALL.contains(journey.key())) {
        problem(
            journey.keyPosition(),
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
          journey.value() instanceof Scalar s ? Quantities.ratePerSec(s.text()) : Optional.empty();
      if (rate.isEmpty() || rate.get() <= 0) {
        problem(
            journey.value().position(),
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
    Entry entry = suite.entries().get("gated");
    if (entry == null) {
      return List.of("*");
    }
    List<String> patterns = strings(entry.value(), where + "gated");
    if (patterns == null) {
      return List.of();
    }
    List<Node> items = entry.value() instanceof ListNode l ? l.items() : List.of(entry.value());
    for (int i = 0; i < patterns.size(); i++) {
      String pattern = patterns.get(i);
      boolean matches =
          KNOWN_CHECK_IDS.stream().anyMatch(id -> Suite.globToRegex(pattern).matcher(id).matches());
      if (!matches) {
        problem(
            items.get(Math.min(i, items.size() - 1)).position(),
            where
                + "gated pattern \""
                + pattern
                + "\" matches no check"
                + hint(pattern, KNOWN_CHECK_IDS)
                + " (expected a check id or glob such as \"latency.auth.*\")");
      }
    }
    return patterns;
  }

  private Caps readCaps(MapNode suite, String where) {
    Entry entry = suite.entries().get("caps");
    if (entry == null) {
      problem(
          suite.position(),
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
    Entry rate = node.entries().get("maxRate");
    if (rate == null) {
      problem(
          node.position(), where + "caps.maxRate is missing (expected a rate such as \"20/s\")");
    } else {
      Optional<Double> parsed =
          rate.value() instanceof Scalar s ? Quantities.ratePerSec(s.text()) : Optional.empty();
      if (parsed.isEmpty() || parsed.get() <= 0) {
        problem(
            rate.value().position(),
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
    return build(node.position(), () -> new Caps(finalRate, maxDuration), null);
  }

  // ---- small readers, each reporting its own problem ----

  private MapNode mapping(Node node, String what) {
    if (node instanceof MapNode m) {
      return m;
    }
    problem(node.position(), what + " must be a mapping (got " + node.describe() + ")");
    return null;
  }

  private List<String> strings(Node node, String what) {
    List<Node> items = node instanceof ListNode l ? l.items() : List.of(node);
    List<String> values = new ArrayList<>();
    for (Node item : items) {
      if (item instanceof Scalar s && s.text() != null && !s.text().isBlank()) {
        values.add(s.text().trim());
      } else {
        problem(
            item.position(), what + " must list non-empty strings (got " + item.describe() + ")");
        return null;
      }
    }
    return values;
  }

  private Optional<String> text(MapNode node, String key) {
    Entry entry = node.entries().get(key);
    return entry != null && entry.value() instanceof Scalar s && s.text() != null
        ? Optional.of(s.text())
        : Optional.empty();
  }

  private Duration requiredDuration(MapNode node, String key, String where) {
    if (!node.entries().containsKey(key)) {
      problem(
          node.position(),
          where + key + " is missing (expected a duration such as \"60s\" or \"10min\")");
      return null;
    }
    Duration value = duration(node, key, where, null);
    if (value != null && value.isZero()) {
      problem(
          node.entries().get(key).value().position(),
          where + key + " must be above zero (got \"" + Quantities.format(value) + "\")");
      return null;
    }
    return value;
  }

  private Duration duration(MapNode node, String key, String where, Duration fallback) {
    Entry entry = node.entries().get(key);
    if (entry == null) {
      return fallback;
    }
    Optional<Duration> parsed =
        entry.value() instanceof Scalar s ? Quantities.duration(s.text()) : Optional.empty();
    if (parsed.isEmpty()) {
      problem(
          entry.value().position(),
          where
              + key
              + " must be a duration with a unit (ms, s, min, h) such as \"15s\" (got "
              + entry.value().describe()
              + ")");
      return fallback;
    }
    return parsed.get();
  }

  private double share(MapNode node, String key, String where, double fallback) {
    Entry entry = node.entries().get(key);
    if (entry == null) {
      return fallback;
    }
    Optional<Double> parsed =
        entry.value() instanceof Scalar s ? Quantities.share(s.text()) : Optional.empty();
    if (parsed.isEmpty() || parsed.get() > 1) {
      problem(
          entry.value().position(),
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
    for (Entry entry : node.entries().values()) {
      if (!known.contains(entry.key())) {
        problem(
            entry.keyPosition(),
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

  private <T> T build(Position at, java.util.function.Supplier<T> constructor, T fallback) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      problem(at, e.getMessage());
      return fallback;
    }
  }

  private static String hint(String word, Iterable<String> candidates) {
    return Quantities.closest(word, candidates)
        .map(c -> "; did you mean \"" + c + "\"?")
        .orElse("");
  }

  private void problem(Position at, String message) {
    problems.add(new Problem(at, message));
  }

  private static List<String> knownCheckIds() {
    List<String> ids = new ArrayList<>();
    List<String> paths =
        List.of(
            Journeys.AUTH,
            Journeys.LETTER_GENERATION,
            Journeys.PAYMENT,
            Journeys.ADMIN_DASHBOARD,
            Journeys.DOWNLOAD);
    Function<String, String> latency = p -> "latency." + p + ".p95";
    paths.forEach(p -> ids.add(latency.apply(p)));
    paths.forEach(p -> ids.add("service." + p + ".p95"));
    ids.addAll(
        List.of(
            "latency.api.p95",
            "errors.all.rate",
            "errors.payment.rate",
            "errors.letter_generation.rate",
            "db.query.mean",
            "db.pool.utilization",
            "db.lock_wait.max",
            "db.index_hit.ratio",
            "email.success.rate",
            "email.delivery.p95",
            "email.bounce.rate",
            "email.batch.max"));
    return List.copyOf(ids);
  }
}
