package dev.loadgate.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes the accounts file that {@link AccountsFile#read} reads. A password is never written: each
 * account names the environment variable that holds it ({@code passwordEnv}), so the file can be
 * committed, uploaded as a CI artifact or printed.
 */
public final class AccountsFileWriter {
  private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@._+-]+");

  private AccountsFileWriter() {}

  /**
   * The YAML text of an accounts file.
   *
   * @param comments lines written as {@code #} comments at the top (what made the file)
   * @param admin the admin account, if any, whose password is in {@code adminPasswordEnv}
   * @param accounts subscribers and employees (admins among them are skipped), whose passwords are
   *     in {@code accountPasswordEnv}
   */
  public static String toYaml(
      List<String> comments,
      Optional<Account> admin,
      String adminPasswordEnv,
      List<Account> accounts,
      String accountPasswordEnv) {
    checkVariable(adminPasswordEnv);
    checkVariable(accountPasswordEnv);
    StringBuilder yaml = new StringBuilder();
    comments.forEach(line -> yaml.append("# ").append(line).append('\n'));
    admin.ifPresent(
        a ->
            yaml.append("admin: {email: ")
                .append(scalar(a.email()))
                .append(", passwordEnv: ")
                .append(adminPasswordEnv)
                .append("}\n"));
    yaml.append("accounts:\n");
    for (Account account : accounts) {
      if (account.role().equals("admin")) {
        continue;
      }
      yaml.append("  - {email: ")
          .append(scalar(account.email()))
          .append(", passwordEnv: ")
          .append(accountPasswordEnv)
          .append(", role: ")
          .append(account.role());
      if (!account.couponCode().isEmpty()) {
        yaml.append(", couponCode: ").append(scalar(account.couponCode()));
      }
      if (!account.approvedLetterIds().isEmpty()) {
        yaml.append(", approvedLetterIds: [");
        yaml.append(
            String.join(
                ", ",
                account.approvedLetterIds().stream().map(AccountsFileWriter::scalar).toList()));
        yaml.append(']');
      }
      yaml.append("}\n");
    }
    return yaml.toString();
  }

  /**
   * Writes {@link #toYaml} to {@code file} atomically (a reader sees the old file or the new one,
   * never half of it), creating its folder.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Path file, String yaml) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path staged = Files.createTempFile(parent, ".accounts-", ".yaml");
      Files.writeString(staged, yaml, StandardCharsets.UTF_8);
      try {
        Files.move(
            staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the accounts file", e);
    }
  }

  private static void checkVariable(String name) {
    if (!VARIABLE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "passwordEnv: not an environment variable name (expected e.g."
              + " LOADGATE_SUBSCRIBER_PASSWORD, got \""
              + name
              + "\").");
    }
  }

  /** A plain scalar where that is safe, else a double-quoted one. */
  private static String scalar(String value) {
    if (PLAIN.matcher(value).matches() && !value.startsWith("-")) {
      return value;
    }
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
