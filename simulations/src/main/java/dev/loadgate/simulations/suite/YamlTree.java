package dev.loadgate.simulations.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each value was written, so that a problem can be
 * reported as {@code file:line:col}. Duplicate keys are reported, not silently overwritten.
 */
public final class YamlTree {
  private YamlTree() {}

  /** A position in the file, 1-based. */
  public record Position(int line, int column) {
    static Position of(JsonLocation location) {
      return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }
  }

  /** A node of the tree. */
  public sealed interface Node permits Scalar, MapNode, ListNode {
    Position position();

    /** How the node reads in a message: a scalar's text, or its kind. */
    String describe();
  }

  /** A scalar; {@code text} is null for YAML null. */
  public record Scalar(String text, Position position) implements Node {
    @Override
    public String describe() {
      return text == null ? "nothing" : "\"" + text + "\"";
    }
  }

  /** A mapping, keys in file order. */
  public record MapNode(Map<String, Entry> entries, Position position) implements Node {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A mapping entry and where its key was written. */
  public record Entry(String key, Position keyPosition, Node value) {}

  /** A sequence. */
  public record ListNode(List<Node> items, Position position) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A problem found while reading: where, and the message without the file name. */
  public record Problem(Position position, String message) {}

  /**
   * Reads one YAML document.
   *
   * @param problems receives duplicate keys
   * @throws IOException when the file cannot be read
   * @throws com.fasterxml.jackson.core.JsonProcessingException when it is not YAML
   */
  public static Node read(Reader reader, List<Problem> problems) throws IOException {
    try (JsonParser parser = new YAMLFactory().createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new MapNode(Map.of(), new Position(1, 1));
      }
      return readValue(parser, problems);
    }
  }

  private static Node readValue(JsonParser parser, List<Problem> problems) throws IOException {
    Position at = Position.of(parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        Position keyAt = Position.of(parser.currentTokenLocation());
        parser.nextToken();
        Node value = readValue(parser, problems);
        if (entries.containsKey(key)) {
          problems.add(
              new Problem(
                  keyAt,
                  "duplicate key \""
                      + key
                      + "\" (first written at line "
                      + entries.get(key).keyPosition().line()
                      + "); keep one"));
        } else {
          entries.put(key, new Entry(key, keyAt, value));
        }
      }
      return new MapNode(entries, at);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(readValue(parser, problems));
      }
      return new ListNode(items, at);
    }
    return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), at);
  }
}
