package dev.loadgate.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsFileWriterTest {
  @TempDir Path dir;

  private static final Account ADMIN =
      new Account("admin-01@loadgate.test", Secret.of("admin-pw"), "admin", "", List.of());
  private static final Account SUBSCRIBER =
      new Account(
          "sub-0001@loadgate.test",
          Secret.of("sub-pw"),
          "subscriber",
          "",
          List.of("3f0c6d2e-0000-4000-8000-000000000001"));
  private static final Account EMPLOYEE =
      new Account(
          "emp-0001@loadgate.test", Secret.of("sub-pw"), "employee", "EMP-LG0001", List.of());

  @Test
  void writesPasswordsByVariableNameOnlyAndReadsBackTheSameAccounts() throws Exception {
    String yaml =
        AccountsFileWriter.toYaml(
            List.of("made by a test"),
            Optional.of(ADMIN),
            "ADMIN_PW",
            List.of(ADMIN, SUBSCRIBER, EMPLOYEE),
            "SUB_PW");
    Path file = dir.resolve("out/accounts.yaml");
    AccountsFileWriter.write(file, yaml);

    assertThat(Files.readString(file))
        .isEqualTo(
            """
            # made by a test
            admin: {email: admin-01@loadgate.test, passwordEnv: ADMIN_PW}
            accounts:
              - {email: sub-0001@loadgate.test, passwordEnv: SUB_PW, role: subscriber, \
            approvedLetterIds: [3f0c6d2e-0000-4000-8000-000000000001]}
              - {email: emp-0001@loadgate.test, passwordEnv: SUB_PW, role: employee, \
            couponCode: EMP-LG0001}
            """)
        .doesNotContain("admin-pw", "sub-pw");
    AccountsFile read = AccountsFile.read(file, Map.of("ADMIN_PW", "admin-pw", "SUB_PW", "sub-pw"));
    assertThat(read.admin()).contains(ADMIN);
    assertThat(read.accounts()).containsExactly(SUBSCRIBER, EMPLOYEE);
  }

  @Test
  void quotesWhatAPlainScalarCannotHold() throws Exception {
    Account odd =
        new Account("odd@loadgate.test", Secret.of("x"), "employee", "EMP: \"1\"", List.of());
    Path file = dir.resolve("accounts.yaml");
    AccountsFileWriter.write(
        file, AccountsFileWriter.toYaml(List.of(), Optional.empty(), "PW", List.of(odd), "PW"));

    assertThat(AccountsFile.read(file, Map.of("PW", "x")).accounts().get(0).couponCode())
        .isEqualTo("EMP: \"1\"");
  }

  @Test
  void refusesAVariableNameThatIsNotOne() {
    assertThatThrownBy(
            () ->
                AccountsFileWriter.toYaml(
                    List.of(), Optional.empty(), "PW", List.of(SUBSCRIBER), "hunter2 "))
        .hasMessage(
            "passwordEnv: not an environment variable name (expected e.g."
                + " LOADGATE_SUBSCRIBER_PASSWORD, got \"hunter2 \").");
  }
}
