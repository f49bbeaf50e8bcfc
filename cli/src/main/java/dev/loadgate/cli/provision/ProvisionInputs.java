package dev.loadgate.cli.provision;

import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.cli.safety.StripeKeyGuard;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.AccountsFile;
import dev.loadgate.targets.AccountsFileException;
import dev.loadgate.targets.AccountsFileWriter;
import dev.loadgate.targets.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Provisioning's inputs from the environment (secrets never come from the command line), checked
 * together, and the accounts file it writes. Shared by {@code loadgate provision} and {@code
 * loadgate run --provision}.
 */
public final class ProvisionInputs {
  /** The password of every provisioned subscriber and employee. */
  public static final String ACCOUNT_PASSWORD_ENV = "LOADGATE_SUBSCRIBER_PASSWORD";

  /** The admin's password. */
  public static final String ADMIN_PASSWORD_ENV = "LOADGATE_ADMIN_PASSWORD";

  /** The admin's e-mail, when {@code --admin-email} is not given. */
  public static final String ADMIN_EMAIL_ENV = "LOADGATE_ADMIN_EMAIL";

  /** Default dataset: enough for the smoke suite's journeys at their rates. */
  public static final int DEFAULT_SUBSCRIBERS = 12;

  public static final int DEFAULT_EMPLOYEES = 2;
  public static final int DEFAULT_APPROVED_LETTERS = 4;

  private ProvisionInputs() {}

  /**
   * The settings, or the problems with them added to {@code problems} (then empty).
   *
   * @param adminEmail {@code --admin-email}, else {@link #ADMIN_EMAIL_ENV}, else the admin of the
   *     existing accounts file
   * @param accountsFile where the accounts file is written; an existing one is read for reuse
   */
  public static Optional<ProvisionSettings> read(
      URI app,
      URI auth,
      int subscribers,
      int employees,
      int approvedLetters,
      String adminEmail,
      Path accountsFile,
      Map<String, String> env,
      List<String> problems) {
    int before = problems.size();
    Optional<Secret> password = secret(env, ACCOUNT_PASSWORD_ENV);
    if (password.isEmpty()) {
      problems.add(
          ACCOUNT_PASSWORD_ENV
              + ": the synthetic accounts need a password (expected it in the environment, got"
              + " nothing). Choose one, e.g. export "
              + ACCOUNT_PASSWORD_ENV
              + "=$(openssl rand -hex 16), and keep it for loadgate run.");
    } else if (password.get().reveal().length() < 8) {
      problems.add(
          ACCOUNT_PASSWORD_ENV
              + ": too short (expected at least 8 characters, got "
              + password.get().reveal().length()
              + ").");
    }
    Optional<AccountsFile> previous = previous(accountsFile, env, problems);
    String email =
        adminEmail != null
            ? adminEmail
            : Optional.ofNullable(env.get(ADMIN_EMAIL_ENV))
                .or(() -> previous.flatMap(AccountsFile::admin).map(Account::email))
                .orElse(null);
    Optional<Account> admin = Optional.empty();
    if (email != null && !email.isBlank()) {
      Optional<Secret> adminPassword = secret(env, ADMIN_PASSWORD_ENV);
      if (adminPassword.isEmpty()) {
        problems.add(
            ADMIN_PASSWORD_ENV
                + ": the admin "
                + email
                + " needs a password (expected it in the environment, got nothing).");
      } else {
        admin = Optional.of(new Account(email, adminPassword.get(), "admin", "", List.of()));
      }
    } else if (approvedLetters > 0) {
      problems.add(
          "--admin-email: approved letters are approved by an admin in the review flow (expected"
              + " --admin-email or "
              + ADMIN_EMAIL_ENV
              + " with "
              + ADMIN_PASSWORD_ENV
              + ", got neither). The download journey needs approved letters; --approved-letters 0"
              + " skips them.");
    }
    StripeKeyGuard.problem(env.get(StripeKeyGuard.ENV), true)
        .map(p -> p.replace("the payment journey refuses", "provisioning plans refuses"))
        .ifPresent(problems::add);
    Optional<Secret> webhook = secret(env, "STRIPE_WEBHOOK_SECRET");
    if (problems.size() > before) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ProvisionSettings(
              app,
              auth,
              subscribers,
              employees,
              approvedLetters,
              admin,
              secret(env, "ADMIN_PORTAL_KEY"),
              webhook,
              secret(env, "SUPABASE_SERVICE_ROLE_KEY"),
              secret(env, "SUPABASE_ANON_KEY").orElse(Secret.of("")),
              password.orElseThrow(),
              previous));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<AccountsFile> previous(
      Path file, Map<String, String> env, List<String> problems) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(AccountsFile.read(file, LoadgateHome.display(file), env));
    } catch (AccountsFileException e) {
      problems.add(
          LoadgateHome.display(file)
              + ": the accounts file there cannot be reused ("
              + e.problems().get(0)
              + "). Fix it, or delete it to provision anew.");
      return Optional.empty();
    }
  }

  private static Optional<Secret> secret(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Secret.of(value));
  }

  /** Writes the accounts file of {@code result}: passwords by variable name only. */
  public static void write(Path file, URI app, Provisioner.Result result) {
    AccountsFileWriter.write(
        file,
        AccountsFileWriter.toYaml(
            List.of(
                "Synthetic accounts loadgate provision created on " + app + ".",
                "Passwords: "
                    + ACCOUNT_PASSWORD_ENV
                    + " (subscribers, employees), "
                    + ADMIN_PASSWORD_ENV
                    + " (admin). loadgate cleanup removes them."),
            result.admin(),
            ADMIN_PASSWORD_ENV,
            result.accounts(),
            ACCOUNT_PASSWORD_ENV));
  }

  /** What a provisioning did, one line per kind of data, for the console. */
  public static List<String> summary(Provisioner.Result r) {
    int subscribers = r.accounts("subscriber").size();
    int employees = r.accounts("employee").size();
    long readers =
        r.accounts("subscriber").stream().filter(a -> !a.approvedLetterIds().isEmpty()).count();
    int letters = r.lettersApproved() + r.lettersReused();
    return List.of(
        String.format(
            Locale.ROOT,
            "  %-17s %4d  (created %d, reused %d)",
            "users",
            subscribers + employees,
            r.usersCreated(),
            r.usersReused()),
        String.format(
            Locale.ROOT,
            "  %-17s %4d  (%d subscribers with approved letters)",
            "subscribers",
            subscribers,
            readers),
        String.format(
            Locale.ROOT,
            "  %-17s %4d  (coupons %s)",
            "employees",
            employees,
            String.join(", ", r.accounts("employee").stream().map(Account::couponCode).toList())),
        String.format(
            Locale.ROOT,
            "  %-17s %4d  (bought %d through checkout and a signed test-mode webhook, %d had"
                + " %d+ credits)",
            "annual plans",
            r.plansBought() + r.plansKept(),
            r.plansBought(),
            r.plansKept(),
            Provisioner.MIN_CREDITS),
        String.format(
            Locale.ROOT,
            "  %-17s %4d  (generated and approved %d, reused %d)",
            "approved letters",
            letters,
            r.lettersApproved(),
            r.lettersReused()),
        r.createdAnything()
            ? "created what was missing; a second provision reuses it"
            : "nothing created: every account, plan and approved letter was already there");
  }
}
