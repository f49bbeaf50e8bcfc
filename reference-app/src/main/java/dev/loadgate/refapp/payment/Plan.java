package dev.loadgate.refapp.payment;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/** The plans of the real app's {@code PLAN_CONFIG} (USD, one-off Stripe Checkout payments). */
public enum Plan {
  ONE_TIME("one_time", "Single Letter", new BigDecimal("200.00"), 1),
  MONTHLY_MEMBERSHIP("monthly_membership", "Monthly Membership", new BigDecimal("200.00"), 0),
  ANNUAL("annual", "Annual Plan", new BigDecimal("2000.00"), 48);

  /** The commission an employee earns on a sale with their coupon: 5 % of the final price. */
  public static final BigDecimal COMMISSION_RATE = new BigDecimal("0.05");

  private final String type;
  private final String displayName;
  private final BigDecimal price;
  private final int letters;

  Plan(String type, String displayName, BigDecimal price, int letters) {
    this.type = type;
    this.displayName = displayName;
    this.price = price;
    this.letters = letters;
  }

  public String type() {
    return type;
  }

  public String displayName() {
    return displayName;
  }

  public BigDecimal price() {
    return price;
  }

  public int letters() {
    return letters;
  }

  public static Optional<Plan> of(String type) {
    return Arrays.stream(values()).filter(p -> p.type.equals(type)).findFirst();
  }
}
