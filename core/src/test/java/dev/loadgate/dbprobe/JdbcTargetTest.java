package dev.loadgate.dbprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class JdbcTargetTest {
  @Test
  void redactionDropsQueryParametersThatCarryCredentials() {
    assertThat(
            JdbcTarget.redacted(
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=app&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
  }

  @Test
  void redactionDropsUserInfo() {
    assertThat(JdbcTarget.redacted("jdbc:postgresql://app:hunter2@db.example:5432/ttml"))
        .isEqualTo("jdbc:postgresql://db.example:5432/ttml");
  }

  @Test
  void describeMasksPasswordsAndUrlsInDriverMessages() {
    String url = "jdbc:postgresql://127.0.0.1:1/x?password=hunter2";
    SQLException e = new SQLException("Connection to " + url + " refused", "08001");
    assertThat(JdbcTarget.describe(e, url))
        .doesNotContain("hunter2")
        .contains("jdbc:postgresql://127.0.0.1:1/x")
        .endsWith("[SQLSTATE 08001]");
    assertThat(JdbcTarget.describe(new SQLException("bad password=hunter2 given"), null))
        .doesNotContain("hunter2");
  }

  @Test
  void rejectsNonPostgresUrlsWithoutEchoingCredentials() {
    assertThatThrownBy(
            () -> JdbcTarget.requireJdbcUrl("postgres://app:hunter2@db/ttml", "db-probe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("db-probe: the database URL must be a PostgreSQL JDBC URL")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void truncateKeepsOneLineAndMarksTheCut() {
    assertThat(JdbcTarget.truncate("select *\n  from   letters", 100))
        .isEqualTo("select * from letters");
    assertThat(JdbcTarget.truncate("abcdefghij", 5)).isEqualTo("abcd…");
  }
}
