package dev.loadgate.simulations;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.config.Glob;
import dev.loadgate.config.Problem;
import dev.loadgate.config.Suggestions;
import dev.loadgate.config.YamlTree;
import dev.loadgate.simulations.suite.SuiteFileReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Loads the suite definitions ({@code baselines/suites.yaml}) through the one configuration reader,
 * checked against the loaded baselines.
 */
public final class Suites {
  private Suites() {}

  /**
   * Reads and validates a suites file against the check ids of {@code baselines}.
   *
   * @return the suites by name, in file order
   * @throws SuiteException listing every problem as {@code file:line:col: message}
   */
  public static Map<String, Suite> load(Path suitesYaml, Baselines baselines) {
    String name = suitesYaml.toString();
    return read(
        YamlTree.read(
            suitesYaml,
            name,
            "the suites file does not exist. Pass --suites FILE or run from the loadgate folder"
                + " (baselines/suites.yaml)."),
        name,
        baselines);
  }

  /** Reads suites from text; {@code fileName} only labels the messages. */
  public static Map<String, Suite> parse(String fileName, String yaml, Baselines baselines) {
    return read(YamlTree.parse(yaml, fileName), fileName, baselines);
  }

  private static Map<String, Suite> read(
      YamlTree.Document document, String fileName, Baselines baselines) {
    if (document.unreadable()) {
      throw new SuiteException(document.problems().stream().map(Problem::toString).toList());
    }
    List<Problem> problems = new ArrayList<>(document.problems());
    Map<String, Suite> suites =
        new SuiteFileReader(fileName, problems, baselines)
            .read(document.root().orElse(new YamlTree.MapNode(new YamlTree.At(1, 1), List.of())));
    if (!problems.isEmpty()) {
      throw new SuiteException(
          problems.stream()
              .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
              .map(Problem::toString)
              .toList());
    }
    return suites;
  }

  /**
   * The gate cannot be configured into gating nothing: every check of the baselines must be gated
   * by the suite, left out on purpose by its {@code ungated} patterns, or named by the user in
   * {@code allowUngated} ({@code --allow-ungated}, globs allowed).
   *
   * @return one message per check nothing covers, with a "did you mean" to the closest gated
   *     pattern; empty when every check is covered
   */
  public static List<String> coverageProblems(
      Suite suite, Baselines baselines, Collection<String> allowUngated) {
    List<String> problems = new ArrayList<>();
    for (CheckSpec check : baselines.checks()) {
      if (!suite.covers(check.id()) && !Glob.matchesAny(allowUngated, check.id())) {
        problems.add(
            "suite "
                + suite.name()
                + ": check \""
                + check.id()
                + "\" of "
                + baselines.source()
                + " is gated by no pattern"
                + Suggestions.inline(check.id(), suite.gatedChecks())
                + " (expected every check gated, or listed in the suite's ungated patterns, got"
                + " gated "
                + suite.gatedChecks()
                + "). Gate it, or pass --allow-ungated "
                + check.id()
                + " to leave it out on purpose.");
      }
    }
    return problems;
  }

  /**
   * The suite of that name.
   *
   * @throws SuiteException naming the suites there are, with a "did you mean" hint
   */
  public static Suite named(Map<String, Suite> suites, String name) {
    Suite suite = suites.get(name);
    if (suite == null) {
      throw new SuiteException(
          List.of(
              "unknown suite \""
                  + name
                  + "\""
                  + Suggestions.inline(name, suites.keySet())
                  + " (expected one of "
                  + String.join(", ", suites.keySet())
                  + ")"));
    }
    return suite;
  }
}
