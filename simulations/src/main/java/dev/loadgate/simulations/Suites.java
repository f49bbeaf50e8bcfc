package dev.loadgate.simulations;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.loadgate.simulations.suite.SuiteFileReader;
import dev.loadgate.simulations.suite.YamlTree;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Loads the suite definitions ({@code baselines/suites.yaml}). */
public final class Suites {
  private Suites() {}

  /**
   * Reads and validates a suites file.
   *
   * @return the suites by name, in file order
   * @throws SuiteException listing every problem as {@code file:line:col: message}
   */
  public static Map<String, Suite> load(Path suitesYaml) {
    String text;
    try {
      text = Files.readString(suitesYaml, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SuiteException(
          List.of(
              suitesYaml
                  + ": the suites file does not exist. Pass --suites FILE or run from the"
                  + " loadgate folder (baselines/suites.yaml)."));
    } catch (IOException e) {
      throw new SuiteException(List.of(suitesYaml + ": cannot be read (" + e.getMessage() + ")"));
    }
    return parse(suitesYaml.toString(), text);
  }

  /** Reads suites from text; {@code fileName} only labels the messages. */
  public static Map<String, Suite> parse(String fileName, String yaml) {
    List<YamlTree.Problem> problems = new ArrayList<>();
    Map<String, Suite> suites;
    try (Reader reader = new StringReader(yaml)) {
      YamlTree.Node root = YamlTree.read(reader, problems);
      suites = new SuiteFileReader(problems).read(root);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String position = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new SuiteException(
          List.of(fileName + position + ": not valid YAML (" + e.getOriginalMessage() + ")"));
    } catch (IOException e) {
      throw new SuiteException(List.of(fileName + ": cannot be read (" + e.getMessage() + ")"));
    }
    if (!problems.isEmpty()) {
      throw new SuiteException(
          problems.stream()
              .sorted(
                  Comparator.comparingInt((YamlTree.Problem p) -> p.position().line())
                      .thenComparingInt(p -> p.position().column()))
              .map(
                  p ->
                      fileName
                          + ":"
                          + p.position().line()
                          + ":"
                          + p.position().column()
                          + ": "
                          + p.message())
              .toList());
    }
    return suites;
  }

  /**
   * The suite of that name.
   *
   * @throws SuiteException naming the suites there are, with a "did you mean" hint
   */
  public static Suite named(Map<String, Suite> suites, String name) {
    Suite suite = suites.get(name);
    if (suite == null) {
      String hint =
          dev.loadgate.simulations.suite.Quantities.closest(name, suites.keySet())
              .map(c -> "; did you mean \"" + c + "\"?")
              .orElse("");
      throw new SuiteException(
          List.of(
              "unknown suite \""
                  + name
                  + "\""
                  + hint
                  + " (expected one of "
                  + String.join(", ", suites.keySet())
                  + ")"));
    }
    return suite;
  }
}
