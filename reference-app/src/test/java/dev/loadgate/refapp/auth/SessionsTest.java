package dev.loadgate.refapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.targets.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SessionsTest {

  @Test
  void joinsChunkedSessionCookiesInOrder() {
    Map<String, String> cookies = new TreeMap<>();
    cookies.put("sb-app-auth-token.1", "DEF");
    cookies.put("sb-app-auth-token.0", "ABC");
    cookies.put("other", "x");
    assertThat(Sessions.sessionCookie(cookies)).isEqualTo("ABCDEF");
    assertThat(Sessions.sessionCookie(Map.of("sb-app-auth-token", "WHOLE"))).isEqualTo("WHOLE");
    assertThat(Sessions.sessionCookie(Map.of("admin_session", "x"))).isNull();
  }

  @Test
  void tokensVerifyOnlyWithTheirKeyAndUntilExpiry() {
    Tokens tokens = new Tokens(Secret.of("k".repeat(32)));
    String jwt = tokens.sign("user-1", Map.of("email", "a@loadgate.test"), Duration.ofMinutes(1));
    assertThat(tokens.verify(jwt)).get().extracting(c -> c.getSubject()).isEqualTo("user-1");
    assertThat(new Tokens(Secret.of("x".repeat(32))).verify(jwt)).isEmpty();
    String expired = tokens.sign("user-1", Map.of(), Duration.ofSeconds(-1));
    assertThat(tokens.verify(expired)).isEmpty();
    assertThat(tokens.verify("not.a.jwt")).isEmpty();
  }

  @Test
  void constantTimeEqualsComparesLengthAndContent() {
    assertThat(Tokens.constantTimeEquals("abc", "abc")).isTrue();
    assertThat(Tokens.constantTimeEquals("abc", "abd")).isFalse();
    assertThat(Tokens.constantTimeEquals("abc", "abcd")).isFalse();
    assertThat(Tokens.constantTimeEquals("abc", null)).isFalse();
  }

  @Test
  void couponCodeIsEmpPlusSixHexOfMd5() {
    java.util.UUID id = java.util.UUID.fromString("00000000-0000-0000-0000-000000000001");
    assertThat(Accounts.couponCode(id)).isEqualTo("EMP-C96589"); // python: md5(str(id))[:6].upper()
  }
}
