package dev.loadgate.baseline;

import java.util.List;

/**
 * Where a check's data comes from: measured series of the MEASURE phase, or a probe figure. Written
 * in the baselines file as {@code source: {group: auth}}, {@code source: {requests: all, except:
 * [...]}}, {@code source: {request: "POST /api/..."}} or {@code source: {figure: db.x}}.
 */
public sealed interface Source {
  /** The GROUP series (one journey) with this name. */
  record Group(String name) implements Source {
    public Group {
      requireName(name, "group");
    }

    @Override
    public String describe() {
      return "group " + name;
    }
  }

  /** Every REQUEST series, merged, except the named ones. */
  record AllRequests(List<String> except) implements Source {
    public AllRequests {
      except = except == null ? List.of() : List.copyOf(except);
    }

    @Override
    public String describe() {
      return except.isEmpty() ? "all requests" : "all requests except " + String.join(", ", except);
    }
  }

  /** The REQUEST series with this stable name. */
  record Request(String name) implements Source {
    public Request {
      requireName(name, "request");
    }

    @Override
    public String describe() {
      return "request " + name;
    }
  }

  /** The scalar figure with this id (database probe, e-mail probe, JMH). */
  record FigureRef(String id) implements Source {
    public FigureRef {
      requireName(id, "figure");
    }

    @Override
    public String describe() {
      return "figure " + id;
    }
  }

  /** One line for humans: {@code "group auth"}. */
  String describe();

  private static void requireName(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "a " + what + " source needs a name (got \"" + name + "\")");
    }
  }
}
