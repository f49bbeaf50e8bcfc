package dev.loadgate.refapp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.targets.Secret;
import org.junit.jupiter.api.Test;

class CsrfTest {
  final Csrf csrf = new Csrf(Secret.of("csrf-secret"));
  final long now = 1_800_000_000_000L;

  @Test
  void issuedTokenHasTheRealFormatAndVerifies() {
    String token = csrf.issue(now);
    assertThat(token).matches("[0-9a-f]{64}:" + now + ":[0-9a-f]{64}");
    assertThat(csrf.problem(token, now + 1_000)).isNull();
  }

  @Test
  void rejectsExpiredForgedAndMissingTokens() {
    String token = csrf.issue(now);
    assertThat(csrf.problem(token, now + Csrf.VALIDITY.toMillis() + 1)).isEqualTo("token expired");
    assertThat(new Csrf(Secret.of("other")).problem(token, now)).isEqualTo("bad signature");
    assertThat(csrf.problem(null, now)).isEqualTo("missing x-csrf-token header");
    assertThat(csrf.problem("abc", now)).startsWith("malformed token");
  }
}
