package dev.loadgate.refapp.auth;

import dev.loadgate.refapp.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Row-level helpers that create users, profiles and employee coupons (the signup triggers). */
public final class Accounts {
  private Accounts() {}

  /**
   * Inserts {@code auth.users} and {@code profiles} rows; false if the e-mail is taken.
   *
   * @param adminSubRole super_admin or attorney_admin for admins, else null
   */
  public static boolean createUser(
      Connection c,
      UUID id,
      String email,
      String passwordHash,
      String fullName,
      String role,
      String adminSubRole)
      throws SQLException {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("full_name", fullName);
    metadata.put("role", role);
    return createUser(
        c,
        id,
        email,
        passwordHash,
        fullName,
        role,
        adminSubRole,
        Json.MAPPER.valueToTree(metadata).toString());
  }

  /**
   * As {@link #createUser(Connection, UUID, String, String, String, String, String)}, keeping
   * {@code metadataJson} (the sign-up's {@code data} object) as {@code raw_user_meta_data}.
   */
  public static boolean createUser(
      Connection c,
      UUID id,
      String email,
      String passwordHash,
      String fullName,
      String role,
      String adminSubRole,
      String metadataJson)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into auth.users (id, email, encrypted_password, raw_user_meta_data)"
                + " values (?, ?, ?, ?::jsonb) on conflict (email) do nothing")) {
      ps.setObject(1, id);
      ps.setString(2, email);
      ps.setString(3, passwordHash);
      ps.setString(4, metadataJson);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into profiles (id, email, full_name, role, admin_sub_role)"
                + " values (?, ?, ?, ?::user_role, ?::admin_sub_role)")) {
      ps.setObject(1, id);
      ps.setString(2, email);
      ps.setString(3, fullName);
      ps.setString(4, role);
      ps.setString(5, adminSubRole);
      ps.executeUpdate();
    }
    return true;
  }

  /** Creates the employee's {@code EMP-} coupon (20 % off), as the real trigger does. */
  public static String createEmployeeCoupon(Connection c, UUID employeeId) throws SQLException {
    String code = couponCode(employeeId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into employee_coupons (id, employee_id, code, description, discount_percent)"
                + " values (?, ?, ?, 'Employee referral code', 20) on conflict do nothing")) {
      ps.setObject(
          1, UUID.nameUUIDFromBytes(("coupon:" + employeeId).getBytes(StandardCharsets.UTF_8)));
      ps.setObject(2, employeeId);
      ps.setString(3, code);
      ps.executeUpdate();
    }
    return code;
  }

  /** {@code EMP-} plus the first 6 upper-case hex characters of md5(id). */
  public static String couponCode(UUID employeeId) {
    try {
      byte[] md5 =
          MessageDigest.getInstance("MD5")
              .digest(employeeId.toString().getBytes(StandardCharsets.UTF_8));
      return "EMP-" + HexFormat.of().formatHex(md5).substring(0, 6).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 missing", e);
    }
  }
}
