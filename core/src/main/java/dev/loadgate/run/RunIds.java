package dev.loadgate.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Run ids: folder names under {@code reports/} that sort by start time, e.g. {@code
 * 20261129T071502Z-smoke}. The timestamp is UTC with second resolution; the label after it names
 * the suite (or what the run did) and is lower case {@code [a-z0-9-]}.
 */
public final class RunIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern VALID = Pattern.compile("\\d{8}T\\d{6}Z(-[a-z0-9][a-z0-9-]*)?");

  private RunIds() {}

  /**
   * A run id for a run that started at {@code startedAt}.
   *
   * @param startedAt the start, truncated to whole seconds
   * @param label the suite or action, e.g. {@code "smoke"}; characters outside {@code [a-z0-9]} are
   *     folded to {@code -}; blank means no label
   */
  public static String of(Instant startedAt, String label) {
    String stamp = STAMP.format(startedAt.truncatedTo(ChronoUnit.SECONDS));
    String slug = slug(label);
    return slug.isEmpty() ? stamp : stamp + "-" + slug;
  }

  /** Whether {@code id} has the shape {@link #of} produces, optionally with a {@code -N} suffix. */
  public static boolean isRunId(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  /**
   * {@code preferred} when no folder of that name exists under {@code reportsRoot}, otherwise the
   * first free {@code preferred-2}, {@code preferred-3}, ... (which still sort after it).
   */
  public static String unique(Path reportsRoot, String preferred) {
    if (!Files.exists(reportsRoot.resolve(preferred))) {
      return preferred;
    }
    for (int i = 2; ; i++) {
      String candidate = preferred + "-" + i;
      if (!Files.exists(reportsRoot.resolve(candidate))) {
        return candidate;
      }
    }
  }

  static String slug(String label) {
    if (label == null) {
      return "";
    }
    return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }
}
