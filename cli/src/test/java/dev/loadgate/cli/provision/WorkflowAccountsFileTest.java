package dev.loadgate.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.targets.Account;
import dev.loadgate.targets.AccountsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pull-request workflow's accounts file lists exactly the accounts {@code loadgate provision}
 * creates with its defaults, so that its provision step tops up the same users the gate uses.
 */
class WorkflowAccountsFileTest {
  private static final Path FILE =
      Path.of(System.getProperty("loadgate.home", ".."), ".github", "loadgate-accounts.yaml");

  @Test
  void listsTheAccountsProvisionCreatesWithItsDefaults() {
    AccountsFile file =
        AccountsFile.read(
            FILE,
            Map.of(
                ProvisionInputs.ACCOUNT_PASSWORD_ENV, "x".repeat(12),
                ProvisionInputs.ADMIN_PASSWORD_ENV, "y".repeat(12)));

    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= ProvisionInputs.DEFAULT_SUBSCRIBERS; i++) {
      expected.add(Provisioner.subscriberEmail(i) + " subscriber");
    }
    for (int i = 1; i <= ProvisionInputs.DEFAULT_EMPLOYEES; i++) {
      expected.add(Provisioner.employeeEmail(i) + " employee");
    }
    assertThat(file.accounts().stream().map(a -> a.email() + " " + a.role()).toList())
        .containsExactlyElementsOf(expected);
    assertThat(file.admin()).map(Account::email).contains("loadgate-admin@loadgate.test");
  }
}
