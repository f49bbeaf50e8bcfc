package dev.loadgate.config;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" for misspelt names, by edit distance: the one helper every file reader and command
 * uses.
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code given}, when it is close enough to be a probable typo: at most
   * two edits, and fewer than half the length of the longer name.
   */
  public static Optional<String> closest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(given, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int longer = Math.max(given.length(), best.length());
    return bestDistance <= 2 && bestDistance * 2 < longer ? Optional.of(best) : Optional.empty();
  }

  /** {@code " Did you mean \"auth\"?"} (a sentence after a message) or the empty string. */
  public static String hint(String given, Collection<String> candidates) {
    return closest(given, candidates).map(c -> " Did you mean \"" + c + "\"?").orElse("");
  }

  /** {@code "; did you mean \"auth\"?"} (inside a message, before its rule) or the empty string. */
  public static String inline(String given, Collection<String> candidates) {
    return closest(given, candidates).map(c -> "; did you mean \"" + c + "\"?").orElse("");
  }

  /** Damerau–Levenshtein distance (optimal string alignment), case-insensitive. */
  static int distance(String a, String b) {
    String s = a.toLowerCase(java.util.Locale.ROOT);
    String t = b.toLowerCase(java.util.Locale.ROOT);
    int[][] d = new int[s.length() + 1][t.length() + 1];
    for (int i = 0; i <= s.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= t.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= s.length(); i++) {
      for (int j = 1; j <= t.length(); j++) {
        int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && s.charAt(i - 1) == t.charAt(j - 2)
            && s.charAt(i - 2) == t.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[s.length()][t.length()];
  }
}
