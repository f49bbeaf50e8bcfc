package dev.loadgate.simulations.payment;

import java.util.Map;
import java.util.Optional;

/** The app's plans as its checkout prices them (USD), and the employee coupon's discount. */
public final class Plans {
  /** An {@code EMP-} coupon takes this share off the price. */
  public static final double COUPON_DISCOUNT_SHARE = 0.20;

  /**
   * One plan.
   *
   * @param basePriceUsd the price before any discount
   * @param letters letter credits the plan grants
   */
  public record Plan(String planType, double basePriceUsd, int letters) {}

  private static final Map<String, Plan> PLANS =
      Map.of(
          "one_time", new Plan("one_time", 200, 1),
          "monthly_membership", new Plan("monthly_membership", 200, 0),
          "annual", new Plan("annual", 2000, 48));

  private Plans() {}

  public static Optional<Plan> named(String planType) {
    return Optional.ofNullable(PLANS.get(planType));
  }
}
