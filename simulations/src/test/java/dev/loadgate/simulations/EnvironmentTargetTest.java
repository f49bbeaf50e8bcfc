package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.targets.Account;
import dev.loadgate.targets.AccountsFileException;
import dev.loadgate.targets.TargetProfile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTargetTest {
  @TempDir Path dir;

  @Test
  void readsSecretsUnderTheAppsOwnNamesAndAccountsFromTheFile() throws IOException {
    Path file = dir.resolve("accounts.yaml");
    Files.writeString(
        file,
        """
        accounts:
          - {email: sub-1@loadgate.test, password: pw1, approvedLetterIds: [l-1, l-2]}
          - {email: emp-1@loadgate.test, password: pw2, role: employee, couponCode: EMP-ABC123}
        """);
    TargetProfile target =
        EnvironmentTarget.profile(
            URI.create("https://staging.example.test"),
            Optional.of(URI.create("https://abc.supabase.example.test")),
            Map.of(
                "LOADGATE_ACCOUNTS_FILE", file.toString(),
                "STRIPE_SECRET_KEY", "sk_live_x",
                "CRON_SECRET", "cron",
                "LOADGATE_ADMIN_EMAIL", "admin@loadgate.test",
                "LOADGATE_ADMIN_PASSWORD", "adminpw"));

    assertThat(target.authUrl()).isEqualTo(URI.create("https://abc.supabase.example.test"));
    assertThat(target.hasLiveStripeKey()).isTrue();
    assertThat(target.cronSecret()).isPresent();
    assertThat(target.adminPortalKey()).isEmpty();
    assertThat(target.admin()).map(Account::email).contains("admin@loadgate.test");
    assertThat(target.accounts("subscriber").get(0).approvedLetterIds())
        .containsExactly("l-1", "l-2");
    assertThat(target.accounts("employee").get(0).couponCode()).isEqualTo("EMP-ABC123");
    assertThat(target.toString()).doesNotContain("pw1", "adminpw", "cron\"", "sk_live_x");
  }

  @Test
  void anAccountsFileProblemNamesItsPlace() throws IOException {
    Path file = dir.resolve("accounts.yaml");
    Files.writeString(
        file,
        """
        accounts:
          - {email: sub-1@loadgate.test, password: pw1}
          - {email: sub-2@loadgate.test}
        """);

    assertThatThrownBy(
            () ->
                EnvironmentTarget.profile(
                    URI.create("https://staging.example.test"),
                    Optional.empty(),
                    Map.of("LOADGATE_ACCOUNTS_FILE", file.toString())))
        .isInstanceOf(AccountsFileException.class)
        .hasMessage(
            file + ": accounts[1]: no password (expected passwordEnv: VARIABLE or password: ...).");
  }
}
