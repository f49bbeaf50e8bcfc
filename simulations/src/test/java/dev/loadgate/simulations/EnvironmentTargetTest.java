package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.target.Account;
import dev.loadgate.target.TargetProfile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTargetTest {
  @TempDir Path dir;

  @Test
  void readsSecretsUnderTheAppsOwnNamesAndAccountsFromTheFile() throws IOException {
    Path file = dir.resolve("accounts.csv");
    Files.writeString(
        file,
        """
        # role,email,password[,coupon[,letters]]
        subscriber,sub-1@loadgate.test,pw1,,l-1;l-2
        employee,emp-1@loadgate.test,pw2,EMP-ABC123
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
  void aShortAccountLineNamesItsLine() throws IOException {
    Path file = dir.resolve("accounts.csv");
    Files.write(file, List.of("subscriber,sub-1@loadgate.test,pw1", "subscriber,only-two"));

    assertThatThrownBy(() -> EnvironmentTarget.accounts(file))
        .hasMessage(
            file
                + ":2: an account needs role,email,password (got 2 fields). Write e.g."
                + " subscriber,sub-0001@loadgate.test,<password>");
  }
}
