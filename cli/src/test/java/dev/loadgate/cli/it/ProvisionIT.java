package dev.loadgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadgate.cli.targets.EmbeddedTarget;
import dev.loadgate.cli.targets.EmbeddedTargetSpec;
import dev.loadgate.cli.targets.EmbeddedTargets;
import dev.loadgate.refapp.AppSecrets;
import dev.loadgate.targets.AccountsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a URL to a verdict with no hand-written file: {@code loadgate serve} (its own JVM, another
 * port) as an external target, {@code provision}, a second {@code provision} that creates nothing,
 * {@code run --suite smoke} with the accounts it wrote, {@code run --provision} without a file, and
 * {@code cleanup}, after which no {@code @loadgate.test} row is left.
 */
class ProvisionIT {
  private static final List<String> JOURNEYS =
      List.of(
          "latency.auth.p95",
          "latency.letter_generation.p95",
          "latency.payment.p95",
          "latency.download.p95",
          "latency.admin_dashboard.p95",
          "email.success.rate");

  @TempDir Path work;

  @Test
  void provisionThenRunGivesAFullVerdictAndCleanupRemovesEverything() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("LOADGATE_SEED_PASSWORD", "seed-pw-0123456789abcdef");
    env.put("ADMIN_PORTAL_KEY", "portal-key-0123456789abcdef0123456789");
    env.put("STRIPE_WEBHOOK_SECRET", "whsec_test_0123456789abcdef0123456789");
    env.put("CRON_SECRET", "cron-0123456789abcdef0123456789");
    env.put("LOADGATE_SUBSCRIBER_PASSWORD", "sub-pw-0123456789abcdef");
    env.put("LOADGATE_ADMIN_PASSWORD", "seed-pw-0123456789abcdef");
    env.put("LOADGATE_ADMIN_EMAIL", "admin-01@loadgate.test");
    try (EmbeddedTarget serve =
        EmbeddedTargets.start(
            EmbeddedTargetSpec.forLoad(AppSecrets.fromEnvironment(env)).withRateLimits(false))) {
      String url = serve.baseUrl().toString();
      String jdbc = serve.jdbcUrl().reveal();
      env.put("LOADGATE_DB_URL", jdbc);
      if (!serve.profile().supabaseAnonKey().isEmpty()) {
        env.put("SUPABASE_ANON_KEY", serve.profile().supabaseAnonKey().reveal());
      }
      Path accounts = work.resolve("accounts.yaml");

      InProcessLoadgate.Result first =
          InProcessLoadgate.run(
              env, "provision", "--target", url, "--accounts-out", accounts.toString());
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(first.out())
          .contains("users               14  (created 14, reused 0)")
          .contains("annual plans        12  (bought 12 through checkout")
          .contains("approved letters     4  (generated and approved 4, reused 0)");
      assertThat(Files.readString(accounts))
          .contains("passwordEnv: LOADGATE_SUBSCRIBER_PASSWORD")
          .doesNotContain(env.get("LOADGATE_SUBSCRIBER_PASSWORD"), env.get("ADMIN_PORTAL_KEY"));
      AccountsFile written = AccountsFile.read(accounts, env);
      assertThat(written.accounts()).hasSize(14);
      assertThat(written.admin()).isPresent();

      InProcessLoadgate.Result second =
          InProcessLoadgate.run(
              env, "provision", "--target", url, "--accounts-out", accounts.toString());
      assertThat(second.exitCode()).as(second.toString()).isZero();
      assertThat(second.out())
          .contains("users               14  (created 0, reused 14)")
          .contains("(bought 0 through checkout")
          .contains("approved letters     4  (generated and approved 0, reused 4)")
          .contains("nothing created: every account, plan and approved letter was already there");
      assertThat(AccountsFile.read(accounts, env)).isEqualTo(written);

      InProcessLoadgate.Result run =
          InProcessLoadgate.run(
              env,
              "run",
              "--target",
              url,
              "--accounts",
              accounts.toString(),
              "--db-url",
              jdbc,
              "--suites",
              InProcessLoadgate.IT_SUITES.toString(),
              "--suite",
              "smoke",
              "--out",
              work.resolve("reports").toString());
      for (String check : JOURNEYS) {
        JsonNode measured = run.check(check);
        assertThat(measured.path("samples").asLong()).as(check).isPositive();
      }
      assertThat(run.exitCode()).as(run.toString()).isZero();

      Path another = work.resolve("provisioned-by-run.yaml");
      InProcessLoadgate.Result onTheFly =
          InProcessLoadgate.run(
              env,
              "run",
              "--target",
              url,
              "--accounts",
              another.toString(),
              "--db-url",
              jdbc,
              "--provision",
              "--suites",
              InProcessLoadgate.IT_SUITES.toString(),
              "--suite",
              "leak",
              "--out",
              work.resolve("reports").toString());
      assertThat(onTheFly.out())
          .as(onTheFly.toString())
          .contains("provisioned on the target (--provision): 0 users created, 14 reused;")
          .contains("4 letters approved, 0 reused; accounts in");
      assertThat(onTheFly.exitCode()).as(onTheFly.toString()).isIn(0, 1);
      assertThat(AccountsFile.read(another, env).accounts()).hasSize(14);

      InProcessLoadgate.Result cleanup =
          InProcessLoadgate.run(env, "cleanup", "--target", url, "--db-url", jdbc);
      assertThat(cleanup.exitCode()).as(cleanup.toString()).isZero();
      try (Connection c = DriverManager.getConnection(jdbc);
          Statement s = c.createStatement()) {
        assertThat(count(s, "select count(*) from auth.users where email like '%@loadgate.test'"))
            .isZero();
        assertThat(count(s, "select count(*) from profiles where email like '%@loadgate.test'"))
            .isZero();
        assertThat(count(s, "select count(*) from letters")).isZero();
        assertThat(count(s, "select count(*) from subscriptions")).isZero();
      }
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
