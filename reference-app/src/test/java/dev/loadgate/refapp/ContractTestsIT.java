package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.targets.Account;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Drives a reference app of its own through the official clients ({@code @supabase/supabase-js},
 * {@code @supabase/ssr}, {@code stripe}), pinned by {@code contract-tests/package-lock.json} and
 * installed by {@code npm ci} in the build's pre-integration-test phase. The node test runner's
 * report names each contract; a failing one fails this test with that report.
 */
class ContractTestsIT {
  private static final Path PROJECT = Path.of("..", "contract-tests").toAbsolutePath().normalize();
  private static final long TIMEOUT_SECONDS = 240;

  @Test
  void theOfficialClientsFindTheContractsOfRealSupabaseAndStripe() throws Exception {
    assertThat(PROJECT.resolve("node_modules/@supabase/supabase-js"))
        .as(
            "contract tests: %s has no installed clients (expected node_modules from npm ci). Run"
                + " `npm ci` there, or the Maven build, which runs it before the integration"
                + " tests",
            PROJECT)
        .exists();
    AppSecrets secrets = AppSecrets.generated();
    try (RunningReferenceApp app =
        ReferenceApp.start(ReferenceAppSettings.defaults().withSecrets(secrets))) {
      Account admin = app.targetProfile().admin().orElseThrow();
      List<String> command = new ArrayList<>(List.of(node(), "--test", "--test-reporter=spec"));
      command.addAll(testFiles());
      ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile());
      Map<String, String> env = pb.environment();
      env.put("LOADGATE_URL", app.baseUrl().toString());
      env.put("LOADGATE_ANON_KEY", app.targetProfile().supabaseAnonKey().reveal());
      env.put("LOADGATE_ADMIN_EMAIL", admin.email());
      env.put("LOADGATE_ADMIN_PASSWORD", admin.password().reveal());
      env.put("LOADGATE_ADMIN_PORTAL_KEY", secrets.adminPortalKey().reveal());
      env.put("LOADGATE_STRIPE_WEBHOOK_SECRET", secrets.stripeWebhookSecret().reveal());
      Path log = Files.createTempFile("contract-tests", ".log");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      Process node = pb.start();
      boolean finished = node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!finished) {
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String report = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      System.out.println(report);
      assertThat(finished)
          .as(
              "contract tests: node did not finish within %d s. Report so far:%n%s",
              TIMEOUT_SECONDS, report)
          .isTrue();
      assertThat(node.exitValue())
          .as("contract tests failed (node exit %d):%n%s", node.exitValue(), failures(report))
          .isZero();
      // the spec reporter's summary: "ℹ tests 15", "ℹ fail 0"; a run of no test must not pass
      assertThat(report)
          .containsPattern("(?m)\\btests [1-9][0-9]*$")
          .containsPattern("(?m)\\bfail 0$");
    }
  }

  private static String node() {
    String fromEnv = System.getenv("LOADGATE_NODE");
    return fromEnv == null || fromEnv.isBlank() ? "node" : fromEnv;
  }

  private static List<String> testFiles() throws IOException {
    try (Stream<Path> files = Files.list(PROJECT.resolve("test"))) {
      return files
          .map(p -> "test/" + p.getFileName())
          .filter(n -> n.endsWith(".test.js"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The report's failing tests and their messages, or the whole report if none is marked. */
  private static String failures(String report) {
    int start = report.indexOf("failing tests:");
    return start >= 0 ? report.substring(start) : report;
  }
}
