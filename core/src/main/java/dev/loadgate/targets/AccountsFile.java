package dev.loadgate.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The synthetic accounts of an external target, from a YAML file kept outside the repository:
 *
 * <pre>
 * admin: {email: ops@example.com, passwordEnv: LOADGATE_ADMIN_PASSWORD}
 * accounts:
 *   - {email: sub-0001@loadgate.test, passwordEnv: LOADGATE_SUBSCRIBER_PASSWORD, role: subscriber,
 *      approvedLetterIds: [3f0c...]}
 *   - {email: emp-0001@loadgate.test, password: "...", role: employee, couponCode: EMP-ABC123}
 * </pre>
 *
 * A password comes from the environment variable {@code passwordEnv} names (preferred) or from
 * {@code password}. Every subscriber and employee must carry the synthetic e-mail domain, so that
 * {@code loadgate cleanup} finds what the run created.
 *
 * @param admin the admin account for the portal and the detailed health check, if given
 * @param accounts subscribers and employees
 */
public record AccountsFile(Optional<Account> admin, List<Account> accounts) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> ROLES = Set.of("subscriber", "employee");

  public AccountsFile {
    admin = admin == null ? Optional.empty() : admin;
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  /** Reads {@code file}, naming it as itself in problems. */
  public static AccountsFile read(Path file, Map<String, String> environment) {
    return read(file, file.toString(), environment);
  }

  /**
   * Reads {@code file}; passwords named by {@code passwordEnv} come from {@code environment}.
   *
   * @param where how problems name the file (e.g. a path relative to the checkout)
   * @throws AccountsFileException listing every problem at once
   */
  public static AccountsFile read(Path file, String where, Map<String, String> environment) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new AccountsFileException(
          List.of(
              where
                  + " cannot be read as YAML ("
                  + e.getMessage().lines().findFirst().orElse("")
                  + "). See docs/safety.md for the format."));
    }
    List<String> problems = new ArrayList<>();
    Optional<Account> admin = Optional.empty();
    if (root != null && root.has("admin")) {
      admin = account(root.get("admin"), "admin", where + ": admin", environment, problems);
    }
    List<Account> accounts = new ArrayList<>();
    JsonNode list = root == null ? null : root.get("accounts");
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add(
          where
              + ": no accounts (expected a list under \"accounts:\" of subscribers and employees,"
              + " got none). See docs/safety.md for the format.");
    } else {
      for (int i = 0; i < list.size(); i++) {
        JsonNode node = list.get(i);
        String role = node.path("role").asText("subscriber");
        String at = where + ": accounts[" + i + "]";
        if (!ROLES.contains(role)) {
          problems.add(
              at + ": unknown role (expected subscriber or employee, got \"" + role + "\").");
          continue;
        }
        account(node, role, at, environment, problems).ifPresent(accounts::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new AccountsFileException(problems);
    }
    return new AccountsFile(admin, accounts);
  }

  private static Optional<Account> account(
      JsonNode node,
      String role,
      String at,
      Map<String, String> environment,
      List<String> problems) {
    String email = node.path("email").asText("");
    if (email.isBlank()) {
      problems.add(at + ": the e-mail is missing (expected email: ..., got none).");
      return Optional.empty();
    }
    if (!role.equals("admin")
        && !email.toLowerCase(java.util.Locale.ROOT).endsWith("@" + Account.SYNTHETIC_DOMAIN)) {
      problems.add(
          at
              + ": synthetic accounts must use the @"
              + Account.SYNTHETIC_DOMAIN
              + " domain (expected e.g. sub-0001@"
              + Account.SYNTHETIC_DOMAIN
              + ", got "
              + email
              + "), so that loadgate cleanup can find their data.");
      return Optional.empty();
    }
    String password;
    if (node.hasNonNull("passwordEnv")) {
      String variable = node.get("passwordEnv").asText();
      password = environment.get(variable);
      if (password == null || password.isEmpty()) {
        problems.add(
            at
                + ": the password variable is not set (expected "
                + variable
                + " in the"
                + " environment, got nothing).");
        return Optional.empty();
      }
    } else if (node.hasNonNull("password")) {
      password = node.get("password").asText();
    } else {
      problems.add(at + ": no password (expected passwordEnv: VARIABLE or password: ...).");
      return Optional.empty();
    }
    List<String> letters = new ArrayList<>();
    node.path("approvedLetterIds").forEach(id -> letters.add(id.asText()));
    return Optional.of(
        new Account(email, Secret.of(password), role, node.path("couponCode").asText(""), letters));
  }
}
