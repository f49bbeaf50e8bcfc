package dev.loadgate.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.cli.Main;
import dev.loadgate.cli.run.ModuleRunSteps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused before anything is sent (no target runs here: nothing may be needed). */
class ProvisionCommandTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private Outcome provision(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "provision";
    System.arraycopy(args, 0, all, 1, args.length);
    int code =
        Main.commandLine(
                new PrintWriter(out, true), new PrintWriter(err, true), ModuleRunSteps::new, env)
            .execute(all);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void refusesEveryMissingInputAtOnceAndSendsNothing() {
    Outcome o =
        provision(
            Map.of("STRIPE_SECRET_KEY", "sk_live_abcdef"),
            "--target",
            "https://staging.example.com",
            "--accounts-out",
            dir.resolve("a.yaml").toString());

    assertThat(o.code()).isEqualTo(2);
    assertThat(o.out()).isEmpty();
    assertThat(o.err())
        .contains("--target: staging.example.com is not on the allow-list")
        .contains(
            "LOADGATE_SUBSCRIBER_PASSWORD: the synthetic accounts need a password (expected it in"
                + " the environment, got nothing).")
        .contains(
            "--admin-email: approved letters are approved by an admin in the review flow"
                + " (expected --admin-email or LOADGATE_ADMIN_EMAIL with LOADGATE_ADMIN_PASSWORD,"
                + " got neither).")
        .contains(
            "STRIPE_SECRET_KEY: provisioning plans refuses live Stripe keys (expected a test key"
                + " starting sk_test_, got a key starting sk_live_…).")
        .doesNotContain("abcdef");
  }

  @Test
  void aProductionHostNeedsTheInterlock() {
    Outcome o =
        provision(
            Map.of("LOADGATE_SUBSCRIBER_PASSWORD", "0123456789"),
            "--target",
            "https://www.talk-to-my-lawyer.com",
            "--allow-host",
            "www.talk-to-my-lawyer.com",
            "--approved-letters",
            "0",
            "--accounts-out",
            dir.resolve("a.yaml").toString());

    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err())
        .contains("--target: www.talk-to-my-lawyer.com is a production host")
        .contains("--i-know-this-is-production");
  }

  @Test
  void anAdminNeedsItsPasswordAndCountsMustBeInRange() {
    Outcome o =
        provision(
            Map.of("LOADGATE_SUBSCRIBER_PASSWORD", "0123456789"),
            "--target",
            "http://127.0.0.1:9",
            "--admin-email",
            "ops@example.com",
            "--subscribers",
            "0",
            "--accounts-out",
            dir.resolve("a.yaml").toString());

    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err())
        .contains(
            "LOADGATE_ADMIN_PASSWORD: the admin ops@example.com needs a password (expected it in"
                + " the environment, got nothing).");

    Outcome range =
        provision(
            Map.of("LOADGATE_SUBSCRIBER_PASSWORD", "0123456789"),
            "--target",
            "http://127.0.0.1:9",
            "--approved-letters",
            "0",
            "--subscribers",
            "0",
            "--accounts-out",
            dir.resolve("a.yaml").toString());
    assertThat(range.err()).contains("--subscribers: out of range (expected 1 to 1000, got 0).");
  }

  @Test
  void aTargetThatDoesNotAnswerEndsIncompleteNamingTheCall() {
    Outcome o =
        provision(
            Map.of("LOADGATE_SUBSCRIBER_PASSWORD", "0123456789"),
            "--target",
            "http://127.0.0.1:9",
            "--approved-letters",
            "0",
            "--accounts-out",
            dir.resolve("a.yaml").toString());

    assertThat(o.code()).isEqualTo(3);
    assertThat(o.err())
        .contains("POST /auth/v1/token?grant_type=password: the target did not answer")
        .contains("What was created stays; run provision again to continue.");
    assertThat(dir.resolve("a.yaml")).doesNotExist();
  }

  @Test
  void readersAreAQuarterOfTheSubscribersAndNeverMoreThanTheLetters() {
    assertThat(Provisioner.readers(12, 4)).isEqualTo(3);
    assertThat(Provisioner.readers(12, 2)).isEqualTo(2);
    assertThat(Provisioner.readers(1, 4)).isEqualTo(1);
    assertThat(Provisioner.readers(12, 0)).isZero();
  }

  @Test
  void theEmployeeCouponFollowsTheSignUpTrigger() {
    // md5("00000000-0000-0000-0000-000000000000") = 9f89c84a559f573636a47ff8daed0d33 (md5sum)
    assertThat(
            TtmlClient.triggerCouponCode(
                java.util.UUID.fromString("00000000-0000-0000-0000-000000000000")))
        .isEqualTo("EMP-9F89C8");
  }
}
