package dev.loadgate.refapp.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void driverMessagesLoseTheUrlAndPasswords() {
    String url = "jdbc:postgresql://db:5432/app?user=u&password=hunter2";
    assertThat(Database.redact("Unable to connect to " + url + " (refused)", url))
        .isEqualTo("Unable to connect to <database-url> (refused)");
    assertThat(Database.redact("bad option password=hunter2&x=1", url))
        .isEqualTo("bad option password=****&x=1");
    assertThat(Database.redact(null, url)).isEqualTo("no detail");
  }
}
