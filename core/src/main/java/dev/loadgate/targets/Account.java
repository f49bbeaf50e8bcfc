package dev.loadgate.targets;

import java.util.List;
import java.util.Objects;

/**
 * A synthetic account on the target, provisioned before load.
 *
 * @param email the sign-in e-mail; synthetic accounts use the {@code loadgate.test} domain
 * @param password its password
 * @param role {@code "subscriber"}, {@code "employee"} or {@code "admin"}
 * @param couponCode the employee's {@code EMP-} coupon, or empty
 * @param approvedLetterIds ids of this account's approved letters (downloadable PDFs)
 */
public record Account(
    String email, Secret password, String role, String couponCode, List<String> approvedLetterIds) {
  /** The e-mail domain of every synthetic account, so that cleanup can find what a run created. */
  public static final String SYNTHETIC_DOMAIN = "loadgate.test";

  public Account {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(role, "role");
    couponCode = couponCode == null ? "" : couponCode;
    approvedLetterIds = approvedLetterIds == null ? List.of() : List.copyOf(approvedLetterIds);
  }
}
