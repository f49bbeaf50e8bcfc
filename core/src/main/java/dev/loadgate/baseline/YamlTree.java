package dev.loadgate.baseline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A YAML document as a tree that remembers where every key and value stood, and keeps duplicate
 * keys (which a plain object mapper would silently merge) so the loader can report them.
 */
final class YamlTree {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private YamlTree() {}

  /** A 1-based line and column. */
  record At(int line, int column) {
    static At of(JsonLocation location) {
      return new At(location.getLineNr(), location.getColumnNr());
    }
  }

  sealed interface Node permits MapNode, ListNode, Scalar {
    At at();

    /** For messages: {@code "a mapping"}, {@code "a list"}, {@code "\"fast\""}. */
    String describe();
  }

  record Entry(String key, At keyAt, Node value) {}

  record MapNode(At at, List<Entry> entries) implements Node {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  record ListNode(At at, List<Node> items) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar value.
   *
   * @param text the value as written (without quotes)
   * @param token its YAML type: a string, a number, a boolean or null
   */
  record Scalar(At at, String text, JsonToken token) implements Node {
    boolean isNumber() {
      return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }

    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    @Override
    public String describe() {
      return isNull() ? "nothing" : "\"" + text + "\"";
    }
  }

  /** Thrown when the text is not YAML at all; carries the location the parser stopped at. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final transient At at;

    SyntaxError(At at, String message) {
      super(message);
      this.at = at;
    }
  }

  /** Parses one document; {@code null} for an empty one. */
  static Node parse(String text) throws SyntaxError {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      return read(parser);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      At at = where == null ? new At(0, 0) : At.of(where);
      throw new SyntaxError(at, "not valid YAML: " + firstLines(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SnakeYAML's message without its indented source excerpts: {@code "context; problem"}. */
  private static String firstLines(String message) {
    return message
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(String::strip)
        .collect(java.util.stream.Collectors.joining("; "));
  }

  private static Node read(JsonParser parser) throws IOException {
    At at = At.of(parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        List<Entry> entries = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          At keyAt = At.of(parser.currentTokenLocation());
          parser.nextToken();
          entries.add(new Entry(key, keyAt, read(parser)));
        }
        return new MapNode(at, List.copyOf(entries));
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser));
        }
        return new ListNode(at, List.copyOf(items));
      }
      default -> {
        return new Scalar(at, token == JsonToken.VALUE_NULL ? "" : parser.getText(), token);
      }
    }
  }
}
