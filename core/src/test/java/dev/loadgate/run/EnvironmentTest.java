package dev.loadgate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {
  @Test
  void captureRecordsThisJvm() {
    Environment env = Environment.capture("embedded", "smoke", Map.of("ai-latency", "fixed"));
    assertThat(env.jdk()).startsWith(System.getProperty("java.version"));
    assertThat(env.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(env.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
    assertThat(env.os()).contains(System.getProperty("os.arch"));
    assertThat(env.suite()).isEqualTo("smoke");
    assertThat(env.extra()).containsEntry("ai-latency", "fixed");
  }

  @Test
  void gitCommitIsUnknownOutsideACheckout(@TempDir Path notACheckout) {
    assertThat(Environment.gitCommit(notACheckout)).isEqualTo("unknown");
  }

  @Test
  void gitCommitIsTheHeadOfACheckout(@TempDir Path repo) throws Exception {
    git(repo, "init", "-q");
    git(
        repo,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@loadgate.test",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "fixture");
    String commit = Environment.gitCommit(repo);
    assertThat(commit).matches("[0-9a-f]{40}");
    assertThat(java.nio.file.Files.readString(repo.resolve(".git/HEAD"))).contains("refs/heads/");
  }

  private static void git(Path dir, String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
    command.addAll(java.util.List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        process.waitFor() == 0, "git is needed for this test: " + command);
  }

  @Test
  void targetLosesCredentialsAndQuery() {
    Environment env =
        Environment.capture(
            "https://user:hunter2@staging.example.com:8443/app?token=abc", "s", null);
    assertThat(env.target()).isEqualTo("https://staging.example.com:8443/app");
    assertThat(Environment.capture("embedded", "s", null).target()).isEqualTo("embedded");
  }

  @Test
  void blankFieldsReadUnknown() {
    Environment env = new Environment(null, 1, 1, "", null, null, " ", null);
    assertThat(env.jdk()).isEqualTo("unknown");
    assertThat(env.suite()).isEqualTo("unknown");
    assertThat(env.extra()).isEmpty();
  }
}
