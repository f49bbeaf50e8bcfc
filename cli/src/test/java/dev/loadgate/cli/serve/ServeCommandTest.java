package dev.loadgate.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int loadgate(String... args) {
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  @Test
  void aDatabaseUrlThatIsNotPostgresIsBadInputAndNeverEchoedWhole() {
    int code =
        loadgate("serve", "--database-url", "mysql://app:hunter2-secret@db.example.test:3306/ttml");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--database-url: not a PostgreSQL JDBC URL")
        .contains("expected jdbc:postgresql://HOST:PORT/DB")
        .contains("got the scheme \"mysql\"")
        .doesNotContain("hunter2")
        .doesNotContain("app:");
    assertThat(out.toString()).doesNotContain("reference app:");
  }

  @Test
  void everyBadOptionIsListedAtOnce() {
    int code = loadgate("serve", "--inject", "download=+fast", "--database-url", "oracle:thin:x");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--inject: ").contains("--database-url: ");
  }
}
