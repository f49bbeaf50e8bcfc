package dev.loadgate.targets;

import dev.loadgate.config.YamlTree;
import dev.loadgate.config.YamlTree.Entry;
import dev.loadgate.config.YamlTree.ListNode;
import dev.loadgate.config.YamlTree.MapNode;
import dev.loadgate.config.YamlTree.Node;
import dev.loadgate.config.YamlTree.Scalar;
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
 * {@code loadgate cleanup} finds what the run created. Read by loadgate's one configuration reader,
 * {@link YamlTree}, with its input limits.
 *
 * @param admin the admin account for the portal and the detailed health check, if given
 * @param accounts subscribers and employees
 */
public record AccountsFile(Optional<Account> admin, List<Account> accounts) {
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
    YamlTree.Document document =
        YamlTree.read(file, where, "no such file (expected a YAML accounts file, got none)");
    if (document.unreadable() || !document.problems().isEmpty()) {
      throw new AccountsFileException(
          document.problems().stream()
              .map(
                  p ->
                      where
                          + " cannot be read as YAML ("
                          + (p.line() > 0 ? p.line() + ":" + p.column() + ": " : "")
                          + p.message()
                          + "). See docs/safety.md for the format.")
              .toList());
    }
    MapNode root = document.root().orElse(null) instanceof MapNode m ? m : null;
    List<String> problems = new ArrayList<>();
    Optional<Account> admin = Optional.empty();
    if (root != null && root.get("admin") != null) {
      admin =
          account(
              mapping(root.get("admin").value()),
              "admin",
              where + ": admin",
              environment,
              problems);
    }
    List<Account> accounts = new ArrayList<>();
    Node list = root == null || root.get("accounts") == null ? null : root.get("accounts").value();
    if (!(list instanceof ListNode items) || items.items().isEmpty()) {
      problems.add(
          where
              + ": no accounts (expected a list under \"accounts:\" of subscribers and employees,"
              + " got none). See docs/safety.md for the format.");
    } else {
      for (int i = 0; i < items.items().size(); i++) {
        MapNode node = mapping(items.items().get(i));
        String role = text(node, "role").orElse("subscriber");
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

  private static MapNode mapping(Node node) {
    return node instanceof MapNode m ? m : new MapNode(node.at(), List.of());
  }

  private static Optional<String> text(MapNode node, String key) {
    Entry entry = node.get(key);
    return entry != null && entry.value() instanceof Scalar s && !s.isNull()
        ? Optional.of(s.text())
        : Optional.empty();
  }

  private static Optional<Account> account(
      MapNode node,
      String role,
      String at,
      Map<String, String> environment,
      List<String> problems) {
    String email = text(node, "email").orElse("");
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
    if (text(node, "passwordEnv").isPresent()) {
      String variable = text(node, "passwordEnv").get();
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
    } else if (text(node, "password").isPresent()) {
      password = text(node, "password").get();
    } else {
      problems.add(at + ": no password (expected passwordEnv: VARIABLE or password: ...).");
      return Optional.empty();
    }
    List<String> letters = new ArrayList<>();
    Entry ids = node.get("approvedLetterIds");
    if (ids != null && ids.value() instanceof ListNode idList) {
      idList.items().stream()
          .filter(id -> id instanceof Scalar s && !s.isNull())
          .forEach(id -> letters.add(((Scalar) id).text()));
    }
    return Optional.of(
        new Account(
            email, Secret.of(password), role, text(node, "couponCode").orElse(""), letters));
  }
}
