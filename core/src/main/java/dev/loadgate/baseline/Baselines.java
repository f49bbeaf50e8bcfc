package dev.loadgate.baseline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The documented limits, validated: what {@link BaselinesLoader} makes of {@code
 * baselines/production.yaml}. Immutable.
 *
 * @param source where the limits were read from (a file name), for messages and reports
 * @param defaults the file-wide defaults, already applied to every check
 * @param checks every check, path latency checks first, in file order; ids unique
 * @param capacity the capacity planning numbers
 */
public record Baselines(
    String source, Defaults defaults, List<CheckSpec> checks, Capacity capacity) {
  /** The schema id a baselines file must declare. */
  public static final String SCHEMA = "loadgate.baselines/v1";

  /** The journeys every baselines file must give a latency limit for. */
  public static final List<String> REQUIRED_PATHS =
      List.of("auth", "letter_generation", "payment", "admin_dashboard", "download");

  public Baselines {
    source = source == null ? "baselines" : source;
    Objects.requireNonNull(defaults, "defaults");
    checks = List.copyOf(checks);
    capacity = capacity == null ? Capacity.NONE : capacity;
    Map<String, CheckSpec> seen = new LinkedHashMap<>();
    for (CheckSpec check : checks) {
      if (seen.put(check.id(), check) != null) {
        throw new IllegalArgumentException("check id " + check.id() + " appears twice");
      }
    }
  }

  public Optional<CheckSpec> check(String id) {
    return checks.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The path latency checks ({@code latency.<path>.p95}), in file order. */
  public List<CheckSpec> paths() {
    return checks.stream().filter(c -> c.path() != null).toList();
  }

  /** The latency check of one path. */
  public Optional<CheckSpec> path(String name) {
    return checks.stream().filter(c -> name.equals(c.path())).findFirst();
  }
}
