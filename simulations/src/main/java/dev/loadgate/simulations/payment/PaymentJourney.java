package dev.loadgate.simulations.payment;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadgate.simulations.Journey;
import dev.loadgate.simulations.JourneyContext;
import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.accounts.AccountPool;
import dev.loadgate.simulations.recording.Instrument;
import dev.loadgate.targets.Secret;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber buys a plan: checkout (with or without an employee's {@code EMP-} coupon), then
 * Stripe's {@code checkout.session.completed} webhook, signed as Stripe signs it, then the success
 * page's payment verification. Refuses to run against a target with a live Stripe key.
 */
public final class PaymentJourney implements Journey {
  public static final String CHECKOUT = "POST /api/create-checkout";
  public static final String WEBHOOK = "POST /api/stripe/webhook";
  public static final String VERIFY = "POST /api/verify-payment";

  private static final String PLAN = "loadgate_plan";
  private static final String COUPON = "loadgate_coupon";
  private static final String CHECKOUT_SESSION = "loadgate_checkoutSession";
  private static final String EVENT = "loadgate_webhookEvent";
  private static final String SIGNATURE = "loadgate_webhookSignature";

  private final AtomicLong planTurn = new AtomicLong();
  private final AtomicLong couponTurn = new AtomicLong();

  @Override
  public String name() {
    return Journeys.PAYMENT;
  }

  @Override
  public List<String> unmetRequirements(JourneyContext context) {
    List<String> unmet = new ArrayList<>();
    var target = context.targetHttp().target();
    if (target.hasLiveStripeKey()) {
      unmet.add(
          "payment: refusing to send synthetic payments to a target with a live Stripe key"
              + " (expected a test key sk_test_..., got sk_live_...). Point loadgate at a"
              + " staging deployment with Stripe test keys.");
    }
    if (target.stripeWebhookSecret().isEmpty()) {
      unmet.add(
          "payment: no Stripe webhook signing secret is configured (expected"
              + " STRIPE_WEBHOOK_SECRET, got nothing). Set it to the target's test-mode secret.");
    }
    if (context.pools().buyers().isEmpty()) {
      unmet.add(
          "payment: the target has no subscriber accounts to buy plans (expected at least 1,"
              + " got 0). Seed subscribers.");
    }
    for (String plan : context.client().checkoutPlans()) {
      if (Plans.named(plan).isEmpty()) {
        unmet.add(
            "payment: unknown plan \""
                + plan
                + "\" in client.checkoutPlans (expected one_time, monthly_membership or annual).");
      }
    }
    return unmet;
  }

  @Override
  public ChainBuilder chain(JourneyContext context) {
    if (context.targetHttp().target().hasLiveStripeKey()) {
      throw new IllegalStateException(unmetRequirements(context).get(0));
    }
    AccountPool buyers = context.pools().buyers();
    Secret signingSecret = context.targetHttp().target().stripeWebhookSecret().orElseThrow();
    Instrument instrument = context.instrument();
    ChainBuilder purchase =
        instrument
            .request(
                CHECKOUT,
                context
                    .sessionCookie(http(CHECKOUT).post("/api/create-checkout"))
                    .body(StringBody(PaymentJourney::checkoutJson))
                    .asJson()
                    .check(
                        jsonPath("$.sessionId").saveAs(CHECKOUT_SESSION),
                        jsonPath("$.url").exists()),
                200)
            .exec(
                doIfHealthy(
                    session -> {
                      String event = webhookEvent(context, session);
                      long now = System.currentTimeMillis() / 1000;
                      return session
                          .set(EVENT, event)
                          .set(SIGNATURE, StripeSignature.header(signingSecret, now, event));
                    }))
            .exec(
                instrument.request(
                    WEBHOOK,
                    http(WEBHOOK)
                        .post("/api/stripe/webhook")
                        .header("Stripe-Signature", "#{" + SIGNATURE + "}")
                        .body(StringBody("#{" + EVENT + "}"))
                        .asJson()
                        .check(jsonPath("$.received").ofBoolean().is(true)),
                    200))
            .exec(
                instrument.request(
                    VERIFY,
                    context
                        .sessionCookie(http(VERIFY).post("/api/verify-payment"))
                        .body(
                            StringBody(
                                session ->
                                    JourneyContext.json(
                                        Map.of("sessionId", session.getString(CHECKOUT_SESSION)))))
                        .asJson()
                        .check(
                            jsonPath("$.success").ofBoolean().is(true),
                            jsonPath("$.subscriptionId").exists()),
                    200));
    return context
        .takeAccount(buyers)
        .exec(context.signInShared(buyers))
        .exec(session -> choosePlan(context, session))
        .exec(instrument.journey(Journeys.PAYMENT, purchase))
        .exec(context.releaseAccount(buyers));
  }

  private static ChainBuilder doIfHealthy(java.util.function.Function<Session, Session> step) {
    return exec(session -> Instrument.healthy(session) ? step.apply(session) : session);
  }

  private Session choosePlan(JourneyContext context, Session session) {
    List<String> plans = context.client().checkoutPlans();
    String plan = plans.get(Math.floorMod(planTurn.getAndIncrement(), plans.size()));
    List<String> coupons = context.pools().couponCodes();
    boolean withCoupon =
        !coupons.isEmpty()
            && ThreadLocalRandom.current().nextDouble() < context.client().couponShare();
    String coupon =
        withCoupon ? coupons.get(Math.floorMod(couponTurn.getAndIncrement(), coupons.size())) : "";
    return session.set(PLAN, plan).set(COUPON, coupon);
  }

  private static String checkoutJson(Session session) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("planType", session.getString(PLAN));
    String coupon = session.getString(COUPON);
    body.put("couponCode", coupon == null || coupon.isEmpty() ? null : coupon);
    return JourneyContext.json(body);
  }

  /**
   * The {@code checkout.session.completed} event Stripe would send for this checkout, with the
   * metadata the app's checkout attaches (prices as strings, as Stripe metadata are).
   */
  static String webhookEvent(JourneyContext context, Session session) {
    Plans.Plan plan = Plans.named(session.getString(PLAN)).orElseThrow();
    String coupon = session.getString(COUPON);
    boolean withCoupon = coupon != null && !coupon.isEmpty();
    double discount = withCoupon ? plan.basePriceUsd() * Plans.COUPON_DISCOUNT_SHARE : 0;
    String userId = context.tokens().userId(JourneyContext.accountKey(session)).orElse("");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("user_id", userId);
    metadata.put("plan_type", plan.planType());
    metadata.put("letters", String.valueOf(plan.letters()));
    metadata.put("base_price", money(plan.basePriceUsd()));
    metadata.put("discount", money(discount));
    metadata.put("final_price", money(plan.basePriceUsd() - discount));
    metadata.put("coupon_code", withCoupon ? coupon : "");
    Map<String, Object> checkoutSession = new LinkedHashMap<>();
    checkoutSession.put("id", session.getString(CHECKOUT_SESSION));
    checkoutSession.put("object", "checkout.session");
    checkoutSession.put("payment_status", "paid");
    checkoutSession.put(
        "customer",
        "cus_loadgate_"
            + userId.replace("-", "").substring(0, Math.min(12, userId.replace("-", "").length())));
    checkoutSession.put("client_reference_id", userId);
    checkoutSession.put("metadata", metadata);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", "evt_loadgate_" + UUID.randomUUID().toString().replace("-", ""));
    event.put("object", "event");
    event.put("type", "checkout.session.completed");
    event.put("created", System.currentTimeMillis() / 1000);
    event.put("api_version", "2024-06-20");
    event.put("data", Map.of("object", checkoutSession));
    return JourneyContext.json(event);
  }

  private static String money(double usd) {
    return String.format(java.util.Locale.ROOT, "%.2f", usd);
  }
}
