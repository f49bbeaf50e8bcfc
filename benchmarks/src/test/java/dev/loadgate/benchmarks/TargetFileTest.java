package dev.loadgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.targets.Account;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetFileTest {
  @TempDir Path dir;

  static TargetProfile profile() {
    return TargetProfile.builder(URI.create("http://127.0.0.1:4000"))
        .admin(new Account("admin@loadgate.test", Secret.of("admin-pw"), "admin", "", null))
        .adminPortalKey("portal-key")
        .stripeWebhookSecret("whsec_test")
        .accounts(
            List.of(
                new Account(
                    "sub-0001@loadgate.test", Secret.of("pw1"), "subscriber", "", List.of()),
                new Account(
                    "sub-0002@loadgate.test", Secret.of("pw2"), "subscriber", "", List.of("l-1"))))
        .build();
  }

  @Test
  void writesAnOwnerOnlyFileWithTheSubscriberThatOwnsALetter() throws Exception {
    Path file = TargetFile.write(profile(), Optional.of("jdbc:postgresql://x/db?password=p"), dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    assertThat(p)
        .containsEntry("app.url", "http://127.0.0.1:4000")
        .containsEntry("subscriber.email", "sub-0002@loadgate.test")
        .containsEntry("subscriber.password", "pw2")
        .containsEntry("subscriber.letter", "l-1")
        .containsEntry("admin.portal_key", "portal-key")
        .containsEntry("stripe.webhook_secret", "whsec_test")
        .containsEntry("stripe.live", "false")
        .containsEntry("jdbc.url", "jdbc:postgresql://x/db?password=p");
  }

  @Test
  void aMissingKeyIsNamedInTheMessage() {
    TargetFile file = TargetFile.of(new Properties());

    assertThatThrownBy(() -> file.get("admin.portal_key"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "benchmarks: the target file has no admin.portal_key (expected a value, got none).");
  }

  @Test
  void secretsAreMaskedWhenPrinted() {
    Properties p = new Properties();
    p.setProperty("admin.password", "hunter2");
    TargetFile file = TargetFile.of(p);

    assertThat(file.secret("admin.password").toString()).isEqualTo("****");
    assertThat(file.toString()).doesNotContain("hunter2");
  }
}
