package dev.loadgate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one YAML reader of loadgate's configuration files ({@code production.yaml}, {@code
 * suites.yaml}, accounts files): a tree that remembers where every key and value stood, so each
 * problem is reported as {@code file:line:col}.
 *
 * <p>It checks the input before anything reads it: at most {@link #MAX_FILE_BYTES} bytes, UTF-8 (an
 * invalid byte is reported with its line), at most {@link #MAX_DEPTH} levels of nesting, no value
 * longer than {@link #MAX_SCALAR_CHARS} characters, one document (a second one after {@code ---} is
 * an error, never silently ignored), and no anchors or aliases ({@code *lim} would otherwise read
 * as the text "lim"). Duplicate keys are reported and the first one kept.
 */
public final class YamlTree {
  /** The largest configuration file read: 1 MiB (the project's files are a few KiB). */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** The deepest nesting of mappings and lists. */
  public static final int MAX_DEPTH = 32;

  /** The longest scalar value, in characters. */
  public static final int MAX_SCALAR_CHARS = 10_000;

  private static final YAMLFactory FACTORY = factory();

  private YamlTree() {}

  private static YAMLFactory factory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_FILE_BYTES + 1);
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    options.setMaxAliasesForCollections(10);
    return YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH + 1)
                .maxStringLength(MAX_FILE_BYTES + 1)
                .maxNumberLength(1_000)
                .build())
        .build();
  }

  /** A 1-based line and column. */
  public record At(int line, int column) {
    static At of(JsonLocation location) {
      return new At(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }
  }

  /** A node of the tree. */
  public sealed interface Node permits MapNode, ListNode, Scalar {
    At at();

    /**
     * For messages: {@code "a mapping"}, {@code "a list"}, {@code "\"fast\""}, {@code "nothing"}.
     */
    String describe();
  }

  /** A mapping entry and where its key was written. */
  public record Entry(String key, At keyAt, Node value) {}

  /** A mapping; keys unique (duplicates were reported), in file order. */
  public record MapNode(At at, List<Entry> entries) implements Node {
    public MapNode {
      entries = List.copyOf(entries);
    }

    /** The entry of that key, if written. */
    public Optional<Entry> entry(String key) {
      return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** The entry of that key, or null. */
    public Entry get(String key) {
      return entry(key).orElse(null);
    }

    /** The entries by key, in file order. */
    public Map<String, Entry> byKey() {
      Map<String, Entry> map = new LinkedHashMap<>();
      entries.forEach(e -> map.put(e.key(), e));
      return map;
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  public record ListNode(At at, List<Node> items) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar value.
   *
   * @param text the value as written, without quotes; null for YAML null ({@code ~} or nothing)
   * @param token its YAML type: a string, a number, a boolean or null
   */
  public record Scalar(At at, String text, JsonToken token) implements Node {
    public boolean isNumber() {
      return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }

    public boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    @Override
    public String describe() {
      return isNull() ? "nothing" : "\"" + text + "\"";
    }
  }

  /**
   * A read document.
   *
   * @param root the top node, empty for an empty document or when the text could not be read
   * @param problems what the reader found wrong, each located; when {@code root} is empty, they say
   *     why
   */
  public record Document(Optional<Node> root, List<Problem> problems) {
    public Document {
      problems = List.copyOf(problems);
    }

    /** Whether the text could not be read as one YAML document at all. */
    public boolean unreadable() {
      return root.isEmpty() && !problems.isEmpty();
    }
  }

  /**
   * Reads a file, checking its size before reading it.
   *
   * @param displayName the file as the user named it, for every problem
   * @param missingMessage the problem when the file does not exist, e.g. what to pass instead
   */
  public static Document read(Path file, String displayName, String missingMessage) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        return failed(new Problem(displayName, 0, 0, tooLarge(size)));
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
    } catch (NoSuchFileException e) {
      return failed(new Problem(displayName, 0, 0, missingMessage));
    } catch (IOException e) {
      return failed(new Problem(displayName, 0, 0, "cannot be read (" + e.getMessage() + ")"));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return failed(new Problem(displayName, 0, 0, tooLarge(bytes.length)));
    }
    return parse(bytes, displayName);
  }

  /** Reads UTF-8 bytes as one document. */
  public static Document parse(byte[] bytes, String fileName) {
    if (bytes.length > MAX_FILE_BYTES) {
      return failed(new Problem(fileName, 0, 0, tooLarge(bytes.length)));
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return failed(
          new Problem(
              fileName,
              line,
              offset - lineStart + 1,
              String.format(
                  Locale.ROOT,
                  "not valid UTF-8 (expected UTF-8 text, got the byte 0x%02X). Save the file as"
                      + " UTF-8.",
                  bytes[offset] & 0xff)));
    }
    decoder.flush(out);
    out.flip();
    return parse(out.toString(), fileName);
  }

  /** Reads text as one document. */
  public static Document parse(String text, String fileName) {
    if (text.length() > MAX_FILE_BYTES) {
      return failed(new Problem(fileName, 0, 0, tooLarge(text.length())));
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Reading reading = new Reading(fileName);
    try (JsonParser parser = FACTORY.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Document(Optional.empty(), List.of());
      }
      Node root = reading.node((YAMLParser) parser, "the top level", 1);
      JsonToken next = parser.nextToken();
      if (next != null) {
        At at = At.of(parser.currentTokenLocation());
        reading.problem(
            at,
            "a second YAML document (expected one document per file, got another after \"---\")."
                + " Remove it or move it to a file of its own.");
      }
      return new Document(Optional.of(root), reading.problems);
    } catch (TooDeep e) {
      return failed(
          new Problem(
              fileName,
              e.at.line(),
              e.at.column(),
              "nested too deep (expected at most "
                  + MAX_DEPTH
                  + " levels of mappings and lists, got more)"));
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      At at = where == null ? new At(0, 0) : At.of(where);
      return failed(
          new Problem(
              fileName,
              at.line(),
              at.column(),
              "not valid YAML: " + firstLines(e.getOriginalMessage())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Document failed(Problem problem) {
    return new Document(Optional.empty(), List.of(problem));
  }

  private static String tooLarge(long bytes) {
    return String.format(
        Locale.ROOT,
        "file too large (expected at most %d bytes, got %d). A configuration file is a few KiB;"
            + " is this the right file?",
        MAX_FILE_BYTES,
        bytes);
  }

  /** SnakeYAML's message without its indented source excerpts: {@code "context; problem"}. */
  private static String firstLines(String message) {
    if (message == null) {
      return "unreadable";
    }
    return message
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(String::strip)
        .collect(Collectors.joining("; "));
  }

  private static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient At at;

    TooDeep(At at) {
      super(null, null, false, false);
      this.at = at;
    }
  }

  /** The state of one read: its problems. */
  private static final class Reading {
    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    Reading(String file) {
      this.file = file;
    }

    void problem(At at, String message) {
      problems.add(new Problem(file, at.line(), at.column(), message));
    }

    Node node(YAMLParser parser, String where, int depth) throws IOException {
      At at = At.of(parser.currentTokenLocation());
      if (depth > MAX_DEPTH) {
        throw new TooDeep(at);
      }
      JsonToken token = parser.currentToken();
      if (parser.isCurrentAlias()) {
        problem(
            at,
            where
                + ": YAML aliases are not supported (expected the value written out, got *"
                + parser.getText()
                + "). Repeat the value instead.");
        return new Scalar(at, null, JsonToken.VALUE_NULL);
      }
      Object anchor = parser.getObjectId();
      if (anchor != null) {
        problem(
            at,
            where
                + ": YAML anchors are not supported (expected a plain value, got &"
                + anchor
                + "). Write each value where it is used.");
      }
      switch (token) {
        case START_OBJECT -> {
          Map<String, Entry> entries = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            At keyAt = At.of(parser.currentTokenLocation());
            parser.nextToken();
            String path = where.equals("the top level") ? key : where + "." + key;
            Node value = node(parser, path, depth + 1);
            Entry earlier = entries.get(key);
            if (earlier != null) {
              problem(
                  keyAt,
                  "duplicate key \""
                      + key
                      + "\" in "
                      + where
                      + " (expected each key once, first at line "
                      + earlier.keyAt().line()
                      + ")");
            } else {
              entries.put(key, new Entry(key, keyAt, value));
            }
          }
          return new MapNode(at, List.copyOf(entries.values()));
        }
        case START_ARRAY -> {
          List<Node> items = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, where, depth + 1));
          }
          return new ListNode(at, items);
        }
        default -> {
          if (token == JsonToken.VALUE_NULL) {
            return new Scalar(at, null, token);
          }
          int length = parser.getTextLength();
          if (length > MAX_SCALAR_CHARS) {
            problem(
                at,
                String.format(
                    Locale.ROOT,
                    "%s: value too long (expected at most %d characters, got %d)",
                    where,
                    MAX_SCALAR_CHARS,
                    length));
            return new Scalar(at, parser.getText().substring(0, 40) + "...", token);
          }
          return new Scalar(at, parser.getText(), token);
        }
      }
    }
  }
}
