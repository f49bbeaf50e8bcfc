package dev.loadgate.cli.cleanup;

import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.IncompleteRunException;
import dev.loadgate.cli.options.DatabaseUrlOption;
import dev.loadgate.cli.options.TargetSafetyOptions;
import dev.loadgate.cli.safety.TargetPolicy;
import dev.loadgate.targets.Secret;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadgate cleanup}: removes synthetic users and their rows from a staging database. */
@Command(
    name = "cleanup",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Deletes every synthetic user (e-mail domain @"
          + SyntheticDataCleanup.DOMAIN
          + ") and the rows that belong to them (letters, audit trail, subscriptions, coupons,"
          + " commissions, coupon usage, queued e-mail, profiles) from the target's database, in"
          + " one transaction, and prints a count per table.",
      "The target and the database host must pass the same safety rules as a run.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  LOADGATE_DB_URL='jdbc:postgresql://db.staging.example.com/app?user=...&password=...' \\",
      "    loadgate cleanup --target https://staging.example.com --allow-host staging.example.com"
          + " \\",
      "    --allow-host db.staging.example.com --dry-run"
    })
public final class CleanupCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--target",
      paramLabel = "URL",
      required = true,
      description = "The app whose synthetic data goes.")
  private URI target;

  @Mixin private DatabaseUrlOption databaseUrl;

  @Option(names = "--dry-run", description = "Count what would be deleted; change nothing.")
  private boolean dryRun;

  @Mixin private TargetSafetyOptions targetSafety;

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    // Cleanup deletes, it does not load: the rate cap a production run needs does not apply.
    TargetPolicy policy = targetSafety.policy(problems, true);
    problems.addAll(policy.problems("--target", target));
    Optional<Secret> database = databaseUrl.value(System.getenv(), problems);
    String jdbcUrl = database.map(Secret::reveal).orElse(null);
    if (jdbcUrl == null) {
      if (problems.stream().noneMatch(p -> p.startsWith("--db-url:"))) {
        problems.add(
            "--db-url: the database is needed (expected --db-url or "
                + DatabaseUrlOption.ENV
                + ", got neither).");
      }
    } else if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
      problems.add(
          "--db-url: not a PostgreSQL JDBC URL with a host (expected"
              + " jdbc:postgresql://host:5432/db?user=..., got another form; the value is not shown"
              + " as it may hold a password).");
    } else {
      URI host = URI.create(jdbcUrl.substring("jdbc:".length()));
      problems.addAll(policy.problems("--db-url", URI.create("http://" + host.getHost())));
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
    Map<String, Long> counts;
    try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
      counts = SyntheticDataCleanup.run(connection, dryRun);
    } catch (SQLException e) {
      throw new IncompleteRunException(
          "cleanup failed and changed nothing ("
              + e.getMessage()
              + ", SQL state "
              + e.getSQLState()
              + ").",
          e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        (dryRun ? "would delete (dry run, nothing changed):" : "deleted:")
            + " synthetic rows of @"
            + SyntheticDataCleanup.DOMAIN
            + " users");
    long total = 0;
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
      out.println(String.format(Locale.ROOT, "  %-20s %,8d", entry.getKey(), entry.getValue()));
      total += entry.getValue();
    }
    out.println(String.format(Locale.ROOT, "  %-20s %,8d", "total", total));
    return ExitCodes.PASS;
  }
}
