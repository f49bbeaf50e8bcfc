package dev.loadgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.cli.Main;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code loadgate cleanup} against the reference app's seeded database. */
class CleanupIT {
  private static RunningReferenceApp app;
  private static String jdbcUrl;

  @BeforeAll
  static void start() {
    app = ReferenceApp.start(ReferenceAppSettings.defaults());
    jdbcUrl = app.targetProfile().databaseUrl().orElseThrow().reveal();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private record Result(int code, String out, String err) {}

  private static Result cleanup(String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[4 + extra.length];
    args[0] = "cleanup";
    args[1] = "--target";
    args[2] = app.baseUrl().toString();
    args[3] = "--db-url=" + jdbcUrl;
    System.arraycopy(extra, 0, args, 4, extra.length);
    int code =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aDryRunCountsThenTheCleanupDeletesEverySyntheticRowAndNothingElse() throws Exception {
    long synthetic = count("select count(*) from profiles where email like '%@loadgate.test'");
    long letters = count("select count(*) from letters");
    assertThat(synthetic).isPositive();
    assertThat(letters).isPositive();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute(
          "insert into email_queue (id, \"to\", subject, html, text) values"
              + " (gen_random_uuid(), 'someone@example.com', 'kept', '<p>kept</p>', 'kept')");
    }

    Result dry = cleanup("--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out())
        .startsWith(
            "would delete (dry run, nothing changed): synthetic rows of @loadgate.test users")
        .containsPattern("profiles +" + synthetic + "\\b")
        .containsPattern("letters +" + letters + "\\b");
    assertThat(count("select count(*) from profiles where email like '%@loadgate.test'"))
        .isEqualTo(synthetic);

    Result real = cleanup();
    assertThat(real.code()).as(real.err()).isZero();
    assertThat(real.out()).startsWith("deleted: synthetic rows of @loadgate.test users");
    assertThat(count("select count(*) from profiles where email like '%@loadgate.test'")).isZero();
    assertThat(count("select count(*) from auth.users where email like '%@loadgate.test'"))
        .isZero();
    assertThat(count("select count(*) from letters")).isZero();
    assertThat(count("select count(*) from email_queue where \"to\" = 'someone@example.com'"))
        .isEqualTo(1);
    assertThat(real.out() + real.err()).doesNotContain(jdbcUrl);

    Result again = cleanup("--dry-run");
    assertThat(again.out()).containsPattern("total +0\\b");
  }

  @Test
  void aHostThatIsNotAllowedIsRefused() {
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
            .execute(
                "cleanup",
                "--target",
                "https://staging.example.com",
                "--db-url",
                "jdbc:postgresql://db.example.com/app?password=hunter2");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--target: staging.example.com is not on the allow-list")
        .contains("--db-url: db.example.com is not on the allow-list")
        .doesNotContain("hunter2");
  }
}
