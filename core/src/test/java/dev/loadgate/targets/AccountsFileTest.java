package dev.loadgate.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsFileTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    Path file = dir.resolve("accounts.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void readsAccountsWithPasswordsFromTheEnvironment() throws Exception {
    AccountsFile accounts =
        AccountsFile.read(
            file(
                """
                admin: {email: ops@example.com, passwordEnv: ADMIN_PW}
                accounts:
                  - {email: sub-0001@loadgate.test, passwordEnv: SUB_PW, approvedLetterIds: [a1, b2]}
                  - {email: emp-0001@loadgate.test, password: direct, role: employee, couponCode: EMP-X1}
                """),
            Map.of("ADMIN_PW", "admin-secret", "SUB_PW", "sub-secret"));

    assertThat(accounts.admin())
        .hasValueSatisfying(
            a -> {
              assertThat(a.email()).isEqualTo("ops@example.com");
              assertThat(a.password().reveal()).isEqualTo("admin-secret");
              assertThat(a.role()).isEqualTo("admin");
            });
    assertThat(accounts.accounts()).hasSize(2);
    assertThat(accounts.accounts().get(0).role()).isEqualTo("subscriber");
    assertThat(accounts.accounts().get(0).approvedLetterIds()).containsExactly("a1", "b2");
    assertThat(accounts.accounts().get(0).password().reveal()).isEqualTo("sub-secret");
    assertThat(accounts.accounts().get(1).couponCode()).isEqualTo("EMP-X1");
    assertThat(accounts.toString()).doesNotContain("sub-secret", "admin-secret", "direct");
  }

  @Test
  void reportsEveryProblemAtOnce() throws Exception {
    Path file =
        file(
            """
            accounts:
              - {email: real.person@example.com, password: x}
              - {email: sub-0002@loadgate.test, passwordEnv: UNSET_PW}
              - {email: sub-0003@loadgate.test, role: owner, password: x}
              - {email: sub-0004@loadgate.test}
            """);
    String at = file.toString();
    assertThatThrownBy(() -> AccountsFile.read(file, Map.of()))
        .isInstanceOfSatisfying(
            AccountsFileException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        at
                            + ": accounts[0]: synthetic accounts must use the"
                            + " @loadgate.test domain (expected e.g. sub-0001@loadgate.test, got"
                            + " real.person@example.com), so that loadgate cleanup can find their"
                            + " data.",
                        at
                            + ": accounts[1]: the password variable is not set (expected"
                            + " UNSET_PW in the environment, got nothing).",
                        at
                            + ": accounts[2]: unknown role (expected subscriber or"
                            + " employee, got \"owner\").",
                        at
                            + ": accounts[3]: no password (expected passwordEnv: VARIABLE"
                            + " or password: ...)."));
  }
}
