package dev.loadgate.baseline;

import dev.loadgate.config.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads the documented limits out of a Markdown operations guide of the TTML guide's shape: bullet
 * lists under "Performance Baselines" (API response times, database, e-mail), the YAML-ish blocks
 * under "Alert Thresholds" (critical and warning levels) and the lists under "Capacity Planning"
 * (growth projections, scaling triggers). Parsed with commonmark; lines are 1-based.
 */
public final class OperationsGuide {
  private static final Pattern AMOUNT =
      Pattern.compile(
          "([<>])?\\s*(\\d+(?:\\.\\d+)?)\\s*(?:(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|hours?|h)\\b|(%)|(x)\\b)",
          Pattern.CASE_INSENSITIVE);

  /**
   * What the guide may document, read from the baselines (the model) rather than from a list in
   * Java: a list item under the heading a check's {@code guide:} names, labelled with (a part of)
   * the check's title; an alert line that names a check's title; a capacity entry by its name.
   *
   * @param heading the guide heading the entry sits under (lower case), e.g. {@code "database
   *     performance"}
   * @param parent the heading above it (lower case), e.g. {@code "performance baselines"}
   * @param label what the guide calls it (lower case): a check's title or a capacity entry's name
   * @param key the key the limit is compared under: a check id, {@code capacity.growth.users}
   * @param hasWarning whether the check has a warning level ({@code <id>.warning})
   * @param alert whether the guide lists it under "Alert Thresholds", as a line of a code block
   */
  private record Label(
      String heading, String parent, String label, String key, boolean hasWarning, boolean alert) {}

  private static List<Label> labels(Baselines baselines) {
    List<Label> labels = new ArrayList<>();
    for (CheckSpec check : baselines.checks()) {
      List<String> path = sections(check.guideSection());
      String title = check.title() == null ? "" : check.title().toLowerCase(Locale.ROOT);
      if (path.size() >= 2 && !title.isEmpty()) {
        labels.add(
            new Label(
                path.get(path.size() - 1),
                path.get(path.size() - 2),
                title,
                check.id(),
                check.hasWarning(),
                path.contains("alert thresholds")));
      }
    }
    for (ScalingTrigger trigger : baselines.capacity().scalingTriggers()) {
      labels.add(capacity(trigger.guideSection(), trigger.name(), "capacity.scaling."));
    }
    for (GrowthProjection growth : baselines.capacity().growth()) {
      labels.add(capacity(growth.guideSection(), growth.name(), "capacity.growth."));
    }
    return labels;
  }

  private static Label capacity(String guide, String name, String prefix) {
    List<String> path = sections(guide);
    String heading = path.isEmpty() ? "" : path.get(path.size() - 1);
    String parent = path.size() < 2 ? "" : path.get(path.size() - 2);
    return new Label(heading, parent, name.toLowerCase(Locale.ROOT), prefix + name, false, false);
  }

  /** {@code "A > B > C; D > E"} as {@code [a, b, c]}: the first path, lower case. */
  private static List<String> sections(String guide) {
    if (guide == null || guide.isBlank()) {
      return List.of();
    }
    String first = guide.split(";", 2)[0];
    return java.util.Arrays.stream(first.split(">"))
        .map(part -> part.trim().toLowerCase(Locale.ROOT))
        .filter(part -> !part.isEmpty())
        .toList();
  }

  private OperationsGuide() {}

  /**
   * What the guide documents.
   *
   * @param limits every recognised limit, in guide order
   * @param unknown list items with a number under a tracked heading that loadgate does not know, as
   *     {@code "guide.md:12: Search: < 800ms"}; each is drift
   */
  public record Extract(List<DocumentedLimit> limits, List<String> unknown) {
    public Extract {
      limits = List.copyOf(limits);
      unknown = List.copyOf(unknown);
    }
  }

  /**
   * Reads a guide file.
   *
   * @throws BaselineException when the file cannot be read
   */
  public static Extract read(Path guide, Baselines baselines) {
    try {
      return parse(Files.readString(guide, StandardCharsets.UTF_8), guide.toString(), baselines);
    } catch (NoSuchFileException e) {
      throw new BaselineException(
          new Problem(
              guide.toString(), 0, 0, "no such file (expected a Markdown guide). Check the path."));
    } catch (IOException e) {
      throw new BaselineException(
          new Problem(guide.toString(), 0, 0, "cannot read: " + e.getMessage()));
    }
  }

  /**
   * Extracts the limits the guide documents for the checks of {@code baselines}; {@code fileName}
   * is for locations.
   */
  public static Extract parse(String markdown, String fileName, Baselines baselines) {
    Node document =
        Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(markdown);
    Walker walker = new Walker(fileName, labels(baselines));
    document.accept(walker);
    return new Extract(walker.limits, walker.unknown);
  }

  /** The same numbers as stated by a baselines file, keyed alike. */
  public static List<DocumentedLimit> of(Baselines baselines) {
    List<DocumentedLimit> result = new ArrayList<>();
    for (CheckSpec check : baselines.checks()) {
      String where = check.path() == null ? "checks." + check.id() : "paths." + check.path();
      result.add(
          new DocumentedLimit(
              check.id(), check.bound().comparator(), check.limit(), check.unit().symbol(), where));
      if (check.hasWarning()) {
        result.add(
            new DocumentedLimit(
                check.id() + ".warning",
                check.bound().comparator(),
                check.warning(),
                check.unit().symbol(),
                where + ".warning"));
      }
    }
    for (ScalingTrigger trigger : baselines.capacity().scalingTriggers()) {
      result.add(
          new DocumentedLimit(
              "capacity.scaling." + trigger.name(),
              trigger.bound().comparator(),
              trigger.value(),
              trigger.unit().symbol(),
              "capacity.scalingTriggers." + trigger.name()));
    }
    for (GrowthProjection growth : baselines.capacity().growth()) {
      boolean monthly = !Double.isNaN(growth.perMonthPercent());
      result.add(
          new DocumentedLimit(
              "capacity.growth." + growth.name(),
              "",
              monthly ? growth.perMonthPercent() : growth.factor(),
              monthly ? "%" : "x",
              "capacity.growth." + growth.name()));
    }
    return result;
  }

  /**
   * Every difference between the guide and the baselines, one sentence each; empty when aligned.
   */
  public static List<String> drift(Extract guide, Baselines baselines, String baselinesName) {
    List<String> differences = new ArrayList<>();
    Map<String, DocumentedLimit> fromGuide = new LinkedHashMap<>();
    for (DocumentedLimit limit : guide.limits()) {
      DocumentedLimit earlier = fromGuide.putIfAbsent(limit.key(), limit);
      if (earlier != null && !earlier.sameLimit(limit)) {
        differences.add(
            limit.key()
                + ": the guide states it twice, differently: "
                + earlier.describe()
                + " ("
                + earlier.where()
                + ") and "
                + limit.describe()
                + " ("
                + limit.where()
                + ")");
      }
    }
    Map<String, DocumentedLimit> fromBaselines = new LinkedHashMap<>();
    of(baselines).forEach(l -> fromBaselines.put(l.key(), l));
    fromGuide.forEach(
        (key, documented) -> {
          DocumentedLimit stated = fromBaselines.get(key);
          if (stated == null) {
            differences.add(
                key
                    + ": the guide documents "
                    + documented.describe()
                    + " ("
                    + documented.where()
                    + "), "
                    + baselinesName
                    + " has no such limit. Add it.");
          } else if (!stated.sameLimit(documented)) {
            differences.add(
                key
                    + ": the guide says "
                    + documented.describe()
                    + " ("
                    + documented.where()
                    + "), "
                    + baselinesName
                    + " says "
                    + stated.describe()
                    + " ("
                    + stated.where()
                    + ")");
          }
        });
    fromBaselines.forEach(
        (key, stated) -> {
          if (!fromGuide.containsKey(key)) {
            differences.add(
                key
                    + ": "
                    + baselinesName
                    + " has "
                    + stated.describe()
                    + " ("
                    + stated.where()
                    + "), the guide documents no such limit");
          }
        });
    guide
        .unknown()
        .forEach(
            line ->
                differences.add(
                    line
                        + ": a documented limit loadgate does not know (expected the title of a"
                        + " check in "
                        + baselinesName
                        + "). Add the check there or drop it from the guide."));
    return differences;
  }

  /** The first amount in {@code text}: comparator, value in ms / % / x, unit. */
  static Optional<DocumentedLimit> amount(String key, String text, String where) {
    Matcher m = AMOUNT.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    double number = Double.parseDouble(m.group(2));
    String comparator = m.group(1) == null ? "" : m.group(1);
    if (m.group(4) != null) {
      return Optional.of(new DocumentedLimit(key, comparator, number, "%", where));
    }
    if (m.group(5) != null) {
      return Optional.of(new DocumentedLimit(key, comparator, number, "x", where));
    }
    String unit = m.group(3).toLowerCase(Locale.ROOT);
    double factor =
        unit.startsWith("ms") || unit.startsWith("milli")
            ? 1
            : unit.startsWith("s") ? 1_000 : unit.startsWith("m") ? 60_000 : 3_600_000;
    return Optional.of(new DocumentedLimit(key, comparator, number * factor, "ms", where));
  }

  private static final class Walker extends AbstractVisitor {
    private final String file;
    private final List<Label> labels;
    private final String[] headings = new String[7];
    final List<DocumentedLimit> limits = new ArrayList<>();
    final List<String> unknown = new ArrayList<>();

    Walker(String file, List<Label> labels) {
      this.file = file;
      this.labels = labels;
    }

    @Override
    public void visit(Heading heading) {
      headings[heading.getLevel()] = text(heading).toLowerCase(Locale.ROOT).trim();
      for (int level = heading.getLevel() + 1; level < headings.length; level++) {
        headings[level] = null;
      }
    }

    @Override
    public void visit(BulletList list) {
      List<Label> section = listSection();
      if (!section.isEmpty()) {
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
          if (item instanceof ListItem) {
            listItem(item, section);
          }
        }
      }
      visitChildren(list);
    }

    @Override
    public void visit(FencedCodeBlock block) {
      if (!under("alert thresholds")) {
        return;
      }
      String level = levelHeading();
      int firstLine = line(block) + 1; // the fence line itself
      String[] lines = block.getLiteral().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].toLowerCase(Locale.ROOT);
        Optional<Label> alert =
            labels.stream()
                .filter(Label::alert)
                .filter(l -> line.contains(l.label()))
                .max(java.util.Comparator.comparingInt(l -> l.label().length()));
        if (alert.isPresent()) {
          // An alert with two levels keeps its critical level as the limit and its warning
          // level as <id>.warning; error budgets keep their id whichever level lists them.
          String key =
              alert.get().key()
                  + (level.startsWith("warning") && alert.get().hasWarning() ? ".warning" : "");
          amount(key, lines[i], file + ":" + (firstLine + i))
              .map(
                  l ->
                      new DocumentedLimit(
                          l.key(), invert(l.comparator()), l.value(), l.unit(), l.where()))
              .ifPresent(limits::add);
        }
      }
    }

    private void listItem(Node item, List<Label> section) {
      String text = text(item).trim();
      int colon = text.indexOf(':');
      String label = (colon > 0 ? text.substring(0, colon) : text).toLowerCase(Locale.ROOT).trim();
      String value = colon > 0 ? text.substring(colon + 1) : text;
      String where = file + ":" + line(item);
      Optional<Label> known =
          section.stream()
              .filter(
                  l -> !label.isEmpty() && (l.label().contains(label) || label.contains(l.label())))
              .findFirst();
      if (known.isPresent()) {
        amount(known.get().key(), value, where).ifPresent(limits::add);
      } else if (amount("?", value, where).isPresent()) {
        unknown.add(where + ": " + text);
      }
    }

    /** The labels of the list section we are in: those whose guide names its heading. */
    private List<Label> listSection() {
      for (int level = headings.length - 1; level > 0; level--) {
        String heading = headings[level];
        if (heading == null) {
          continue;
        }
        return labels.stream()
            .filter(l -> !l.alert() && !l.heading().isEmpty() && heading.startsWith(l.heading()))
            .filter(l -> l.parent().isEmpty() || under(l.parent()))
            .toList();
      }
      return List.of();
    }

    private boolean under(String heading) {
      for (String h : headings) {
        if (h != null && h.startsWith(heading)) {
          return true;
        }
      }
      return false;
    }

    private String levelHeading() {
      for (int level = headings.length - 1; level > 0; level--) {
        if (headings[level] != null) {
          return headings[level];
        }
      }
      return "";
    }

    private static String invert(String comparator) {
      return comparator.equals(">") ? "<" : comparator.equals("<") ? ">" : comparator;
    }

    private static int line(Node node) {
      return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 1;
    }

    private static String text(Node node) {
      StringBuilder text = new StringBuilder();
      node.accept(
          new AbstractVisitor() {
            @Override
            public void visit(Text t) {
              text.append(t.getLiteral());
            }
          });
      return text.toString();
    }
  }
}
