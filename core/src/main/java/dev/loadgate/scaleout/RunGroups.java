package dev.loadgate.scaleout;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Run group ids: the name that ties the shards of one run together, e.g. {@code release-2026-12} or
 * a Kubernetes Job's name. Lower-case letters, digits and {@code -}, 1 to 63 characters (a
 * Kubernetes label value), starting with a letter or digit.
 */
public final class RunGroups {
  /** The environment variable that names the run group (the Job manifest sets it). */
  public static final String ENV = "LOADGATE_RUN_GROUP";

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private RunGroups() {}

  /**
   * {@code id} when it is a valid run group id.
   *
   * @throws IllegalArgumentException naming the rule and the value
   */
  public static String check(String id) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "not a run group id (expected 1 to 63 lower-case letters, digits or '-', starting with a"
              + " letter or digit, got \""
              + id
              + "\")");
    }
    return id;
  }

  /**
   * The run group a Kubernetes pod belongs to when none is given: {@value #ENV}, else the Job's
   * name, read from the pod's host name, which an Indexed Job sets to {@code <job-name>-<index>}.
   */
  public static Optional<String> fromEnvironment(Map<String, String> env) {
    String given = env.get(ENV);
    if (given != null && !given.isBlank()) {
      return Optional.of(given.trim());
    }
    String index = env.get(ShardEnvironment.INDEX_ENV);
    String host = env.get("HOSTNAME");
    if (index != null && host != null && host.endsWith("-" + index.trim())) {
      String job = host.substring(0, host.length() - index.trim().length() - 1);
      if (VALID.matcher(job).matches()) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }
}
