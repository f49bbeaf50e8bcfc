package dev.loadgate.scaleout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One shard of a run spread over several injectors: shard {@code index} of {@code count}, written
 * {@code I/N} (zero-based, as Kubernetes' {@code JOB_COMPLETION_INDEX}). Each shard injects its
 * share of every planned arrival count and uses a disjoint slice of the synthetic accounts; only
 * shard 0 runs the database and e-mail probes. {@link #WHOLE} ({@code 0/1}) is an unsharded run.
 *
 * @param index the shard's number, 0 to {@code count - 1}
 * @param count how many shards make the run, 1 to {@value #MAX_COUNT}
 */
public record Shard(int index, int count) {
  /** Most shards one run may have: far beyond what one target's database takes. */
  public static final int MAX_COUNT = 1000;

  /** An unsharded run: shard 0 of 1. */
  public static final Shard WHOLE = new Shard(0, 1);

  public Shard {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "shard count out of range (expected 1 to " + MAX_COUNT + ", got " + count + ")");
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard index out of range (expected 0 to "
              + (count - 1)
              + " for "
              + count
              + " shards, got "
              + index
              + ")");
    }
  }

  /**
   * Reads {@code I/N}, e.g. {@code 0/3}.
   *
   * @throws IllegalArgumentException naming the rule and the text
   */
  public static Shard parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int slash = trimmed.indexOf('/');
    if (slash <= 0 || slash == trimmed.length() - 1) {
      throw new IllegalArgumentException(
          "not a shard (expected INDEX/COUNT such as 0/3, got \"" + trimmed + "\")");
    }
    return new Shard(
        number(trimmed.substring(0, slash), trimmed),
        number(trimmed.substring(slash + 1), trimmed));
  }

  private static int number(String part, String whole) {
    if (!part.matches("\\d{1,4}")) {
      throw new IllegalArgumentException(
          "not a shard (expected INDEX/COUNT of whole numbers such as 0/3, got \"" + whole + "\")");
    }
    return Integer.parseInt(part);
  }

  /** Whether the run is not sharded at all. */
  public boolean isWhole() {
    return count == 1;
  }

  /** Whether this shard runs the database and e-mail probes (and JMH): shard 0 only. */
  public boolean runsProbes() {
    return index == 0;
  }

  /**
   * This shard's part of {@code total} whole items (arrivals): {@code total / count}, plus one for
   * the first {@code total % count} shards, so that the parts of all shards add up to {@code total}
   * exactly.
   */
  public long shareOf(long total) {
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative (got " + total + ")");
    }
    return total / count + (index < total % count ? 1 : 0);
  }

  /**
   * This shard's slice of {@code items}: those at positions {@code index}, {@code index + count},
   * ... Slices of the shards of one run are disjoint and together hold every item once.
   */
  public <T> List<T> slice(List<T> items) {
    List<T> slice = new ArrayList<>();
    for (int i = index; i < items.size(); i += count) {
      slice.add(items.get(i));
    }
    return List.copyOf(slice);
  }

  /** {@code I/N}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d/%d", index, count);
  }
}
