package dev.loadgate.cli.cleanup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes loadgate's synthetic users (e-mail domain {@value #DOMAIN}) and every row that belongs to
 * them, children before parents, in one transaction. Tables the database does not have are skipped,
 * so the same cleanup serves the real TTML schema and the reference app's.
 */
public final class SyntheticDataCleanup {
  /** The e-mail domain that marks synthetic users and data. */
  public static final String DOMAIN = dev.loadgate.targets.Account.SYNTHETIC_DOMAIN;

  private static final String USERS = "(select id from loadgate_cleanup_users)";
  private static final String LETTERS = "(select id from letters where user_id in " + USERS + ")";
  private static final String SUBSCRIPTIONS =
      "(select id from subscriptions where user_id in " + USERS + ")";

  /** One delete: a table and the condition that selects synthetic rows. */
  record Step(String table, String where) {}

  /** In order: a table's rows go before the rows they reference. */
  static final List<Step> STEPS =
      List.of(
          new Step(
              "commissions", "employee_id in " + USERS + " or subscription_id in " + SUBSCRIPTIONS),
          new Step("coupon_usage", "user_id in " + USERS + " or employee_id in " + USERS),
          new Step(
              "letter_audit_trail", "letter_id in " + LETTERS + " or performed_by in " + USERS),
          new Step("letters", "user_id in " + USERS),
          new Step("subscriptions", "user_id in " + USERS),
          new Step("employee_coupons", "employee_id in " + USERS),
          new Step("email_queue", "lower(\"to\") like '%@" + DOMAIN + "'"),
          new Step("profiles", "id in " + USERS),
          new Step("auth.users", "lower(email) like '%@" + DOMAIN + "'"));

  private SyntheticDataCleanup() {}

  /**
   * Deletes (or, with {@code dryRun}, counts) the synthetic rows.
   *
   * @return rows per table, in deletion order; tables the database lacks are absent
   */
  public static Map<String, Long> run(Connection connection, boolean dryRun) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    Map<String, Long> deleted = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "create temp table loadgate_cleanup_users on commit drop as select id from profiles"
              + " where lower(email) like '%@"
              + DOMAIN
              + "'");
      for (Step step : STEPS) {
        if (exists(statement, step.table())) {
          deleted.put(
              step.table(),
              (long)
                  statement.executeUpdate(
                      "delete from " + step.table() + " where " + step.where()));
        }
      }
      if (dryRun) {
        connection.rollback();
      } else {
        connection.commit();
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return deleted;
  }

  private static boolean exists(Statement statement, String table) throws SQLException {
    String qualified = table.contains(".") ? table : "public." + table;
    try (ResultSet rs = statement.executeQuery("select to_regclass('" + qualified + "')")) {
      return rs.next() && rs.getString(1) != null;
    }
  }
}
