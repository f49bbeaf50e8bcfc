package dev.loadgate.refapp.db;

import dev.loadgate.refapp.auth.Accounts;
import dev.loadgate.refapp.auth.AuthRoutes;
import dev.loadgate.refapp.letters.LetterRoutes;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.Secret;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Deterministic synthetic data, scaled by {@code seedScale}: per unit of scale 40 subscribers (each
 * with an active annual plan of {@link #SUBSCRIBER_CREDITS} letters and 5 letters: 2 approved, 1
 * completed, 1 pending_review and one of draft, generating, under_review, rejected, failed), 8
 * employees with their {@code EMP-} coupons and a coupon sale each (commission pending or paid);
 * plus 2 admins (a super admin and an attorney admin). Ids are name-based UUIDs, so a second run
 * against the same database changes nothing but the password hash. All e-mails are in the {@code
 * loadgate.test} domain.
 */
public final class Seeder {
  /** Subscribers per unit of seed scale. */
  public static final int SUBSCRIBERS_PER_SCALE = 40;

  /** Employees per unit of seed scale. */
  public static final int EMPLOYEES_PER_SCALE = 8;

  /** Letter credits of each seeded subscriber, enough for any bounded load run. */
  public static final int SUBSCRIBER_CREDITS = 10_000;

  private static final String[] TYPES = {
    "demand_letter",
    "cease_desist",
    "contract_breach",
    "eviction_notice",
    "employment_dispute",
    "consumer_complaint"
  };
  private static final String[] EXTRA_STATUS = {
    "draft", "generating", "under_review", "rejected", "failed"
  };

  private Seeder() {}

  /** The synthetic accounts as a client sees them. */
  public record Seeded(List<Account> accounts, Account admin) {}

  public static UUID idFor(String key) {
    return UUID.nameUUIDFromBytes(("loadgate:" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** Seeds the database; returns the accounts (subscribers, employees, admins). */
  public static Seeded seed(Database db, int scale, Secret password) throws SQLException {
    String hash = BCrypt.hashpw(password.reveal(), BCrypt.gensalt(AuthRoutes.BCRYPT_COST));
    return db.inTransaction(c -> seed(c, scale, password, hash));
  }

  private static Seeded seed(Connection c, int scale, Secret password, String hash)
      throws SQLException {
    List<Account> accounts = new ArrayList<>();
    int subscribers = SUBSCRIBERS_PER_SCALE * scale;
    int employees = EMPLOYEES_PER_SCALE * scale;
    UUID admin = null;
    Account adminAccount = null;
    try (PreparedStatement users =
            c.prepareStatement(
                "insert into auth.users (id, email, encrypted_password, raw_user_meta_data)"
                    + " values (?, ?, ?, jsonb_build_object('role', ?::text))"
                    + " on conflict (id) do update set encrypted_password = excluded.encrypted_password");
        PreparedStatement profiles =
            c.prepareStatement(
                "insert into profiles (id, email, full_name, role, admin_sub_role,"
                    + " is_licensed_attorney, created_at) values (?, ?, ?, ?::user_role,"
                    + " ?::admin_sub_role, ?, now() - make_interval(days => ?))"
                    + " on conflict (id) do nothing")) {
      for (int a = 1; a <= 2; a++) {
        String email = String.format(Locale.ROOT, "admin-%02d@loadgate.test", a);
        UUID id = idFor(email);
        String sub = a == 1 ? "super_admin" : "attorney_admin";
        addUser(
            users, profiles, id, email, "Synthetic Admin " + a, "admin", sub, hash, a == 2, 120);
        Account acc = new Account(email, password, "admin", "", List.of());
        accounts.add(acc);
        if (a == 1) {
          admin = id;
          adminAccount = acc;
        }
      }
      for (int e = 1; e <= employees; e++) {
        String email = String.format(Locale.ROOT, "emp-%04d@loadgate.test", e);
        addUser(
            users,
            profiles,
            idFor(email),
            email,
            "Synthetic Employee " + e,
            "employee",
            null,
            hash,
            false,
            60 + e % 30);
      }
      for (int s = 1; s <= subscribers; s++) {
        String email = String.format(Locale.ROOT, "sub-%04d@loadgate.test", s);
        addUser(
            users,
            profiles,
            idFor(email),
            email,
            "Synthetic Subscriber " + s,
            "subscriber",
            null,
            hash,
            false,
            s % 90);
      }
      users.executeBatch();
      profiles.executeBatch();
    }
    List<String> coupons = new ArrayList<>();
    for (int e = 1; e <= employees; e++) {
      String email = String.format(Locale.ROOT, "emp-%04d@loadgate.test", e);
      String code = Accounts.createEmployeeCoupon(c, idFor(email));
      coupons.add(code);
      accounts.add(new Account(email, password, "employee", code, List.of()));
    }
    seedSubscribers(c, subscribers, coupons, employees, admin, password, accounts);
    return new Seeded(accounts, adminAccount);
  }

  private static void addUser(
      PreparedStatement users,
      PreparedStatement profiles,
      UUID id,
      String email,
      String name,
      String role,
      String subRole,
      String hash,
      boolean attorney,
      int ageDays)
      throws SQLException {
    users.setObject(1, id);
    users.setString(2, email);
    users.setString(3, hash);
    users.setString(4, role);
    users.addBatch();
    profiles.setObject(1, id);
    profiles.setString(2, email);
    profiles.setString(3, name);
    profiles.setString(4, role);
    profiles.setString(5, subRole);
    profiles.setBoolean(6, attorney);
    profiles.setInt(7, ageDays);
    profiles.addBatch();
  }

  private static void seedSubscribers(
      Connection c,
      int subscribers,
      List<String> coupons,
      int employees,
      UUID admin,
      Secret password,
      List<Account> accounts)
      throws SQLException {
    try (PreparedStatement subs =
            c.prepareStatement(
                "insert into subscriptions (id, user_id, status, plan, plan_type, price, discount,"
                    + " coupon_code, remaining_letters, stripe_session_id, current_period_start,"
                    + " current_period_end, created_at) values (?, ?, 'active', ?, ?, ?, ?, ?, ?, ?,"
                    + " now() - make_interval(days => ?), now() + interval '335 days',"
                    + " now() - make_interval(days => ?)) on conflict (id) do nothing");
        PreparedStatement commissions =
            c.prepareStatement(
                "insert into commissions (id, employee_id, subscription_id, subscription_amount,"
                    + " commission_amount, status, paid_at, created_at) values (?, ?, ?, ?, ?,"
                    + " ?::commission_status, ?, now() - make_interval(days => ?))"
                    + " on conflict (id) do nothing");
        PreparedStatement letters =
            c.prepareStatement(
                "insert into letters (id, user_id, title, status, letter_type, intake_data,"
                    + " ai_draft_content, final_content, reviewed_by, reviewed_at, approved_at,"
                    + " sender_state, recipient_state, created_at, updated_at)"
                    + " values (?, ?, ?, ?::letter_status, ?, '{}'::jsonb, ?, ?, ?,"
                    + " case when ? then now() - make_interval(days => ?) + interval '1 day' end,"
                    + " case when ? then now() - make_interval(days => ?) + interval '1 day' end,"
                    + " 'CA', 'NY', now() - make_interval(days => ?),"
                    + " now() - make_interval(days => ?)) on conflict (id) do nothing")) {
      for (int s = 1; s <= subscribers; s++) {
        String email = String.format(Locale.ROOT, "sub-%04d@loadgate.test", s);
        UUID user = idFor(email);
        int age = s % 90;
        addSubscription(
            subs,
            idFor("sub:" + email),
            user,
            "annual",
            "2000.00",
            "0.00",
            null,
            Seeder.SUBSCRIBER_CREDITS,
            age);
        if (s <= employees) {
          // one coupon sale per employee: 20 % off a one-time letter, 5 % commission
          String emp = String.format(Locale.ROOT, "emp-%04d@loadgate.test", s);
          UUID sale = idFor("sale:" + email);
          addSubscription(
              subs, sale, user, "one_time", "160.00", "40.00", coupons.get(s - 1), 0, age);
          commissions.setObject(1, idFor("commission:" + email));
          commissions.setObject(2, idFor(emp));
          commissions.setObject(3, sale);
          commissions.setBigDecimal(4, new java.math.BigDecimal("160.00"));
          commissions.setBigDecimal(5, new java.math.BigDecimal("8.00"));
          boolean paid = s % 2 == 0;
          commissions.setString(6, paid ? "paid" : "pending");
          commissions.setTimestamp(
              7, paid ? new java.sql.Timestamp(System.currentTimeMillis()) : null);
          commissions.setInt(8, age);
          commissions.addBatch();
        }
        List<String> downloadable = new ArrayList<>();
        String[] statuses = {
          "approved",
          "approved",
          "completed",
          "pending_review",
          EXTRA_STATUS[s % EXTRA_STATUS.length]
        };
        for (int n = 0; n < statuses.length; n++) {
          UUID letter = idFor("letter:" + email + ":" + n);
          String status = statuses[n];
          String type = TYPES[(s + n) % TYPES.length];
          boolean reviewed =
              status.equals("approved") || status.equals("completed") || status.equals("rejected");
          boolean approved = status.equals("approved") || status.equals("completed");
          String draft =
              status.equals("draft") || status.equals("generating")
                  ? null
                  : "Dear Recipient,\n\nThis synthetic "
                      + type.replace('_', ' ')
                      + " was seeded by loadgate for subscriber "
                      + s
                      + ".\n\nSincerely,\nSender";
          int letterAge = (s * 7 + n * 11) % 90 + 2;
          letters.setObject(1, letter);
          letters.setObject(2, user);
          letters.setString(3, LetterRoutes.displayName(type) + " - seeded " + n);
          letters.setString(4, status);
          letters.setString(5, type);
          letters.setString(6, draft);
          letters.setString(7, approved ? draft : null);
          letters.setObject(8, reviewed ? admin : null);
          letters.setBoolean(9, reviewed);
          letters.setInt(10, letterAge);
          letters.setBoolean(11, approved);
          letters.setInt(12, letterAge);
          letters.setInt(13, letterAge);
          letters.setInt(14, letterAge);
          letters.addBatch();
          if (approved) {
            downloadable.add(letter.toString());
          }
        }
        accounts.add(new Account(email, password, "subscriber", "", downloadable));
      }
      subs.executeBatch();
      commissions.executeBatch();
      letters.executeBatch();
    }
  }

  private static void addSubscription(
      PreparedStatement subs,
      UUID id,
      UUID user,
      String planType,
      String price,
      String discount,
      String coupon,
      int letters,
      int ageDays)
      throws SQLException {
    subs.setObject(1, id);
    subs.setObject(2, user);
    subs.setString(3, planType.equals("annual") ? "Annual Plan" : "Single Letter");
    subs.setString(4, planType);
    subs.setBigDecimal(5, new java.math.BigDecimal(price));
    subs.setBigDecimal(6, new java.math.BigDecimal(discount));
    subs.setString(7, coupon);
    subs.setInt(8, letters);
    subs.setString(9, "cs_seed_" + id.toString().replace("-", ""));
    subs.setInt(10, ageDays);
    subs.setInt(11, ageDays);
    subs.addBatch();
  }
}
