package dev.loadgate.benchmarks;

import dev.loadgate.targets.TargetProfile;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BenchmarkRunner#run} benchmarks.
 *
 * @param target the app under test: base URL, accounts, portal key, webhook secret
 * @param jdbcUrl the target database's JDBC URL for the SQL benchmarks (a role that may write,
 *     since the allowance and queue-claim benchmarks lock and update rows in transactions they roll
 *     back); empty skips them with a NO_DATA reason. May carry credentials: never logged
 * @param settings forks, iterations and kinds
 */
public record BenchmarkPlan(
    TargetProfile target, Optional<String> jdbcUrl, BenchmarkSettings settings) {
  public BenchmarkPlan {
    Objects.requireNonNull(target, "target");
    jdbcUrl = Objects.requireNonNullElse(jdbcUrl, Optional.empty());
    Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String toString() {
    return "BenchmarkPlan[target="
        + target.appUrl()
        + ", jdbcUrl="
        + (jdbcUrl.isPresent() ? "****" : "none")
        + ", settings="
        + settings
        + "]";
  }
}
