package dev.loadgate.refapp.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.refapp.auth.Caller;
import dev.loadgate.refapp.auth.Sessions;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.db.Rpc;
import dev.loadgate.refapp.email.EmailQueue;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.ClientIp;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import dev.loadgate.targets.Secret;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment: checkout creation, the signed Stripe webhook (idempotent on the event id) and payment
 * verification. Webhook and verification race for one session; {@link #activate} locks the
 * subscription row so that exactly one of them activates it and writes the commission.
 */
public final class PaymentRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentRoutes.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final Sessions sessions;
  private final Secret webhookSecret;

  public PaymentRoutes(Database db, Sessions sessions, Secret webhookSecret) {
    this.db = db;
    this.sessions = sessions;
    this.webhookSecret = webhookSecret;
  }

  public void register(Router r) {
    r.post("/api/create-checkout", "payment", "subscription", this::createCheckout);
    r.post("/api/stripe/webhook", "payment", null, this::webhook);
    r.post("/api/verify-payment", "payment", "subscription", this::verifyPayment);
  }

  private static ApiError unauthorized() {
    return ApiError.plain(401, "Unauthorized");
  }

  private void createCheckout(Context ctx) throws SQLException {
    Caller caller = sessions.require(ctx, unauthorized());
    ObjectNode body = Json.object(ctx);
    String planType = Json.text(body, "planType");
    Plan plan = Plan.of(planType).orElseThrow(() -> ApiError.plain(400, "Invalid plan type"));
    String couponCode = Json.text(body, "couponCode");
    String ip = ClientIp.of(ctx);
    String userAgent = ctx.header("User-Agent");
    Map<String, Object> result =
        db.inTransaction(c -> checkout(c, caller, plan, blankToNull(couponCode), ip, userAgent));
    Json.send(ctx, 200, result);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private Map<String, Object> checkout(
      Connection c, Caller caller, Plan plan, String couponCode, String ip, String userAgent)
      throws SQLException {
    BigDecimal base = plan.price();
    int discountPercent = 0;
    UUID employeeId = null;
    UUID couponId = null;
    if (couponCode != null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "select id, employee_id, discount_percent, usage_count, max_uses, expires_at"
                  + " from employee_coupons where code = ? and is_active")) {
        ps.setString(1, couponCode);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ApiError.plain(400, "Invalid coupon code");
          }
          couponId = rs.getObject(1, UUID.class);
          employeeId = rs.getObject(2, UUID.class);
          discountPercent = rs.getInt(3);
          int maxUses = rs.getInt(5);
          boolean limited = !rs.wasNull();
          java.sql.Timestamp expires = rs.getTimestamp(6);
          if ((limited && rs.getInt(4) >= maxUses)
              || (expires != null && expires.toInstant().isBefore(Instant.now()))
              || discountPercent >= 100) {
            throw ApiError.plain(400, "This coupon code is not valid");
          }
        }
      }
    }
    BigDecimal discount =
        base.multiply(BigDecimal.valueOf(discountPercent))
            .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    BigDecimal finalPrice = base.subtract(discount);
    if (finalPrice.signum() <= 0) {
      throw ApiError.plain(400, "Invalid final price");
    }
    UUID subscriptionId = UUID.randomUUID();
    String sessionId = "cs_test_" + randomId();
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into subscriptions (id, user_id, status, plan, plan_type, price, discount,"
                + " coupon_code, remaining_letters, credits_remaining, stripe_session_id,"
                + " current_period_start, current_period_end)"
                + " values (?, ?, 'trialing', ?, ?, ?, ?, ?, 0, 0, ?, now(),"
                + " now() + interval '30 days')")) {
      ps.setObject(1, subscriptionId);
      ps.setObject(2, caller.id());
      ps.setString(3, plan.displayName());
      ps.setString(4, plan.type());
      ps.setBigDecimal(5, finalPrice);
      ps.setBigDecimal(6, discount);
      ps.setString(7, couponCode);
      ps.setString(8, sessionId);
      ps.executeUpdate();
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("user_id", caller.id().toString());
    metadata.put("subscription_id", subscriptionId.toString());
    metadata.put("plan_type", plan.type());
    metadata.put("letters", Integer.toString(plan.letters()));
    metadata.put("base_price", base.toPlainString());
    metadata.put("discount", discount.toPlainString());
    metadata.put("final_price", finalPrice.toPlainString());
    metadata.put("coupon_code", couponCode == null ? "" : couponCode);
    metadata.put("employee_id", employeeId == null ? "" : employeeId.toString());
    metadata.put("coupon_id", couponId == null ? "" : couponId.toString());
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into stripe_checkout_sessions (id, user_id, subscription_id, metadata)"
                + " values (?, ?, ?, ?::jsonb)")) {
      ps.setString(1, sessionId);
      ps.setObject(2, caller.id());
      ps.setObject(3, subscriptionId);
      ps.setString(4, Json.MAPPER.valueToTree(metadata).toString());
      ps.executeUpdate();
    }
    if (couponCode != null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into coupon_usage (id, user_id, employee_id, coupon_code, discount_percent,"
                  + " amount_before, amount_after, subscription_id, plan_type, ip_address,"
                  + " user_agent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setObject(1, UUID.randomUUID());
        ps.setObject(2, caller.id());
        ps.setObject(3, employeeId);
        ps.setString(4, couponCode);
        ps.setInt(5, discountPercent);
        ps.setBigDecimal(6, base);
        ps.setBigDecimal(7, finalPrice);
        ps.setObject(8, subscriptionId);
        ps.setString(9, plan.type());
        ps.setString(10, ip);
        ps.setString(11, userAgent);
        ps.executeUpdate();
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sessionId", sessionId);
    out.put("url", "https://checkout.stripe.com/c/pay/" + sessionId);
    return out;
  }

  private static String randomId() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private void webhook(Context ctx) throws SQLException {
    String signature = ctx.header("Stripe-Signature");
    byte[] raw = Json.rawBody(ctx);
    if (signature == null || signature.isBlank()) {
      throw ApiError.plain(400, "No signature");
    }
    if (!StripeSignature.verify(signature, raw, webhookSecret.reveal(), Instant.now())) {
      throw ApiError.plain(401, "Invalid signature");
    }
    JsonNode event;
    try {
      event = Json.MAPPER.readTree(new String(raw, StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw ApiError.of(400, "BAD_REQUEST", "Invalid JSON in request body");
    }
    if (event == null
        || !event.isObject()
        || !event.path("id").isTextual()
        || !event.path("type").isTextual()) {
      throw ApiError.of(400, "BAD_REQUEST", "Event must have a string id and type");
    }
    String eventId = event.get("id").asText();
    String type = event.get("type").asText();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("created", event.path("created").asText(""));
    metadata.put("api_version", event.path("api_version").asText(""));
    String metadataJson = Json.MAPPER.valueToTree(metadata).toString();
    boolean fresh =
        !Boolean.TRUE.equals(
            db.withConnection(
                    c ->
                        Rpc.row(
                            c, "check_and_record_webhook", eventId, type, Rpc.jsonb(metadataJson)))
                .get("already_processed"));
    if (!fresh) {
      Json.send(ctx, 200, Json.obj("received", true, "already_processed", true));
      return;
    }
    JsonNode object = event.path("data").path("object");
    switch (type) {
      case "checkout.session.completed" -> {
        if (!"paid".equals(object.path("payment_status").asText())) {
          break;
        }
        JsonNode meta = object.path("metadata");
        if (!meta.path("user_id").isTextual() || !object.path("id").isTextual()) {
          throw ApiError.plain(400, "Missing metadata");
        }
        try {
          activate(object.get("id").asText(), parseUuid(meta.get("user_id").asText()));
        } catch (ApiError | SQLException e) {
          // as the real route: the RPC failure is logged and Stripe still gets 200
          LOG.warn("webhook {}: activation failed: {}", eventId, e.getMessage());
        }
      }
      case "checkout.session.expired", "payment_intent.payment_failed" -> {
        String user = object.path("metadata").path("user_id").asText(null);
        if (user != null) {
          cancelTrialing(parseUuid(user));
        }
      }
      default -> LOG.debug("webhook {}: ignored event type {}", eventId, type);
    }
    Json.send(ctx, 200, Json.obj("received", true));
  }

  private static UUID parseUuid(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.plain(400, "Missing metadata");
    }
  }

  private void cancelTrialing(UUID userId) throws SQLException {
    db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update subscriptions set status = 'canceled', updated_at = now()"
                      + " where user_id = ? and status = 'trialing'")) {
            ps.setObject(1, userId);
            return ps.executeUpdate();
          }
        });
  }

  private void verifyPayment(Context ctx) throws SQLException {
    Caller caller = sessions.require(ctx, unauthorized());
    ObjectNode body = Json.object(ctx);
    String sessionId = Json.text(body, "sessionId");
    if (sessionId == null || sessionId.isBlank()) {
      throw ApiError.plain(400, "Session ID is required");
    }
    Map<String, Object> session =
        db.withConnection(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "select user_id, payment_status from stripe_checkout_sessions where id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return null;
                  }
                  return Map.<String, Object>of(
                      "user", rs.getObject(1, UUID.class), "paid", rs.getString(2));
                }
              }
            });
    if (session == null) {
      throw ApiError.of(404, "NOT_FOUND", "Checkout session not found");
    }
    if (!caller.id().equals(session.get("user"))) {
      throw ApiError.plain(403, "Session does not belong to this user");
    }
    if (!"paid".equals(session.get("paid"))) {
      throw ApiError.plain(400, "Payment not completed");
    }
    Activation a = activate(sessionId, caller.id());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("subscriptionId", a.subscriptionId().toString());
    out.put("letters", a.letters());
    out.put(
        "message",
        a.alreadyCompleted()
            ? "Subscription already activated by webhook"
            : "Subscription activated successfully");
    Json.send(ctx, 200, out);
  }

  /**
   * The outcome of {@code verify_and_complete_subscription}.
   *
   * @param alreadyCompleted whether another caller had activated the session first
   */
  public record Activation(UUID subscriptionId, int letters, boolean alreadyCompleted) {}

  /**
   * Activates the session's subscription once: locks the row {@code FOR UPDATE}; a second caller
   * waits, then sees it active and changes nothing.
   */
  public Activation activate(String sessionId, UUID userId) throws SQLException {
    return db.inTransaction(
        c -> {
          UUID subId;
          String status;
          String planType;
          BigDecimal price;
          String coupon;
          String email;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select s.id, s.status::text, s.plan_type, s.price, s.coupon_code, p.email"
                      + " from subscriptions s join profiles p on p.id = s.user_id"
                      + " where s.stripe_session_id = ? and s.user_id = ? for update of s")) {
            ps.setString(1, sessionId);
            ps.setObject(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw ApiError.of(404, "NOT_FOUND", "Subscription for this session not found");
              }
              subId = rs.getObject(1, UUID.class);
              status = rs.getString(2);
              planType = rs.getString(3);
              price = rs.getBigDecimal(4);
              coupon = rs.getString(5);
              email = rs.getString(6);
            }
          }
          int letters = Plan.of(planType).map(Plan::letters).orElse(0);
          if (status.equals("active")) {
            return new Activation(subId, letters, true);
          }
          if (!status.equals("trialing")) {
            throw ApiError.plain(400, "Subscription cannot be activated from status " + status);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update subscriptions set status = 'active', remaining_letters = ?,"
                      + " credits_remaining = 0, current_period_start = now(),"
                      + " current_period_end = now() + interval '30 days', updated_at = now()"
                      + " where id = ?")) {
            ps.setInt(1, letters);
            ps.setObject(2, subId);
            ps.executeUpdate();
          }
          if (coupon != null) {
            commission(c, subId, coupon, price);
          }
          EmailQueue.enqueue(
              c,
              "subscription-confirmation",
              email,
              "Your Talk-To-My-Lawyer subscription is active",
              "Thank you for your purchase. Your plan " + planType + " is now active.");
          return new Activation(subId, letters, false);
        });
  }

  private static void commission(Connection c, UUID subId, String coupon, BigDecimal price)
      throws SQLException {
    UUID employee = null;
    String employeeEmail = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "update employee_coupons set usage_count = usage_count + 1, updated_at = now()"
                + " where code = ? returning employee_id,"
                + " (select email from profiles where id = employee_id)")) {
      ps.setString(1, coupon);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          employee = rs.getObject(1, UUID.class);
          employeeEmail = rs.getString(2);
        }
      }
    }
    if (employee == null) {
      return; // a promo code without an employee earns no commission
    }
    BigDecimal amount = price.multiply(Plan.COMMISSION_RATE).setScale(2, RoundingMode.HALF_UP);
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into commissions (id, employee_id, subscription_id, commission_rate,"
                + " subscription_amount, commission_amount) values (?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setObject(2, employee);
      ps.setObject(3, subId);
      ps.setBigDecimal(4, Plan.COMMISSION_RATE);
      ps.setBigDecimal(5, price);
      ps.setBigDecimal(6, amount);
      ps.executeUpdate();
    }
    EmailQueue.enqueue(
        c,
        "commission-earned",
        employeeEmail,
        "You earned a commission",
        "A customer used your coupon " + coupon + ". Commission: $" + amount.toPlainString());
  }
}
