package dev.loadgate.refapp.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Calls the database functions of the migrations (V3) by name, as PostgREST's {@code /rpc/<name>}
 * and supabase-js's {@code .rpc()} do; the SQL of each function lives only in its migration.
 */
public final class Rpc {
  private Rpc() {}

  /**
   * Makes the rest of the transaction run as {@code user}, as PostgREST does for a signed-in
   * request: the JWT claims go into the transaction setting {@code request.jwt.claims}, which
   * {@code auth.uid()} reads.
   */
  public static void actAs(Connection c, UUID user) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select set_config('request.jwt.claims', ?, true)")) {
      ps.setString(1, "{\"sub\":\"" + user + "\",\"role\":\"authenticated\"}");
      ps.executeQuery().close();
    }
  }

  /** A {@code jsonb} argument. */
  public static org.postgresql.util.PGobject jsonb(String json) throws SQLException {
    org.postgresql.util.PGobject value = new org.postgresql.util.PGobject();
    value.setType("jsonb");
    value.setValue(json);
    return value;
  }

  /** {@code select * from <function>(args…)}: every row, columns by name. */
  public static List<Map<String, Object>> rows(Connection c, String function, Object... args)
      throws SQLException {
    StringBuilder call = new StringBuilder("select * from ").append(function).append('(');
    for (int i = 0; i < args.length; i++) {
      call.append(i == 0 ? "?" : ", ?");
    }
    call.append(')');
    try (PreparedStatement ps = c.prepareStatement(call.toString())) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return read(rs);
      }
    }
  }

  /** The single row of a function that returns one. */
  public static Map<String, Object> row(Connection c, String function, Object... args)
      throws SQLException {
    List<Map<String, Object>> rows = rows(c, function, args);
    if (rows.size() != 1) {
      throw new SQLException(function + " returned " + rows.size() + " rows (expected 1)");
    }
    return rows.get(0);
  }

  private static List<Map<String, Object>> read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Map<String, Object>> out = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object v = rs.getObject(i);
        if (v instanceof java.sql.Timestamp t) {
          v = t.toInstant().toString();
        } else if (v instanceof UUID || v instanceof org.postgresql.util.PGobject) {
          v = v.toString();
        }
        row.put(md.getColumnLabel(i), v);
      }
      out.add(row);
    }
    return out;
  }
}
