package dev.loadgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants known secret values where a user's environment would hold them, runs every journey against
 * the embedded target with them, then scans every file the run wrote and everything it printed:
 * none of the values may appear anywhere.
 */
class SecretLeakIT {
  private static final Map<String, String> PLANTED =
      Map.of(
          "ADMIN_PORTAL_KEY", "planted-portal-key-7f3a9c21d4",
          "STRIPE_WEBHOOK_SECRET", "whsec_planted-webhook-secret-0b81e",
          "CRON_SECRET", "planted-cron-secret-5e2d77a0",
          "LOADGATE_SEED_PASSWORD", "Planted-Admin-Password-93c1",
          "SUPABASE_JWT_SECRET", "planted-jwt-secret-0123456789abcdef0123456789");

  @TempDir Path reports;

  @Test
  void noPlantedSecretReachesAnyFileOrTheConsole() throws IOException {
    InProcessLoadgate.Result run =
        InProcessLoadgate.run(
            PLANTED,
            "run",
            "--suites",
            InProcessLoadgate.IT_SUITES.toString(),
            "--suite",
            "leak",
            "--out",
            reports.toString());

    assertThat(run.exitCode()).as("the run must really happen: %s", run).isIn(0, 1);
    // The planted values were in use: the admin portal login (portal key + password), the signed
    // webhook and the cron-protected queue all answered.
    for (String id : List.of("latency.admin_dashboard.p95", "latency.payment.p95")) {
      assertThat(run.check(id).path("samples").asLong()).as(id).isPositive();
    }
    assertThat(run.check("email.batch.max").path("samples").asLong()).isPositive();

    List<Path> written;
    try (Stream<Path> files = Files.walk(reports)) {
      written = files.filter(Files::isRegularFile).toList();
    }
    assertThat(written).hasSizeGreaterThan(5);
    for (String secret : PLANTED.values()) {
      assertThat(run.out()).as("stdout").doesNotContain(secret);
      assertThat(run.err()).as("stderr").doesNotContain(secret);
      for (Path file : written) {
        assertThat(InProcessLoadgate.read(file)).as(file.toString()).doesNotContain(secret);
      }
    }
  }
}
