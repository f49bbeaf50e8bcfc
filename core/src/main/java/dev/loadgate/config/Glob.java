package dev.loadgate.config;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * A check-id glob: {@code *} matches any run of characters (dots included), {@code ?} one
 * character, everything else itself. The one matcher for suites' {@code gated} patterns, {@code
 * loadgate gate --gate} and {@code --allow-ungated}.
 */
public final class Glob {
  private Glob() {}

  /** Whether {@code id} matches {@code pattern}. */
  public static boolean matches(String pattern, String id) {
    return regex(pattern).matcher(id).matches();
  }

  /** Whether {@code id} matches any of {@code patterns}. */
  public static boolean matchesAny(Collection<String> patterns, String id) {
    return patterns.stream().anyMatch(p -> matches(p, id));
  }

  /** Whether {@code pattern} matches at least one of {@code ids}. */
  public static boolean matchesSome(String pattern, Collection<String> ids) {
    Pattern regex = regex(pattern);
    return ids.stream().anyMatch(id -> regex.matcher(id).matches());
  }

  /** The pattern as a regular expression. */
  public static Pattern regex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  /**
   * What a pattern could have meant, for "did you mean": every id, and every prefix glob of one at
   * a dot ({@code errors.*}, {@code latency.auth.*}).
   */
  public static java.util.List<String> suggestionsFor(Collection<String> ids) {
    java.util.Set<String> candidates = new java.util.LinkedHashSet<>(ids);
    for (String id : ids) {
      for (int dot = id.indexOf('.'); dot > 0; dot = id.indexOf('.', dot + 1)) {
        candidates.add(id.substring(0, dot) + ".*");
      }
    }
    return java.util.List.copyOf(candidates);
  }
}
