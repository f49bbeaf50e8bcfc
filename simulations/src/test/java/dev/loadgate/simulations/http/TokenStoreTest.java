package dev.loadgate.simulations.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenStoreTest {
  private static final String SESSION =
      "{\"access_token\":\"a.b.c\",\"token_type\":\"bearer\",\"expires_in\":3600,"
          + "\"refresh_token\":\"r1\",\"user\":{\"id\":\"u-1\",\"email\":\"s@loadgate.test\"}}";

  @Test
  void storesASupabaseSessionAndWritesTheBrowserCookie() {
    TokenStore store = new TokenStore();

    assertThat(store.store("k", SESSION)).isTrue();
    assertThat(store.hasFresh("k")).isTrue();
    assertThat(store.bearer("k")).isEqualTo("Bearer a.b.c");
    assertThat(store.refreshToken("k")).isEqualTo("r1");
    assertThat(store.userId("k")).contains("u-1");
    String cookie = store.cookieValue("k");
    assertThat(cookie).startsWith("base64-");
    assertThat(
            new String(Base64.getUrlDecoder().decode(cookie.substring(7)), StandardCharsets.UTF_8))
        .isEqualTo(SESSION);
  }

  @Test
  void rejectsBodiesThatAreNotASession() {
    TokenStore store = new TokenStore();

    assertThat(store.store("k", "{\"error\":\"Invalid login credentials\"}")).isFalse();
    assertThat(store.store("k", "not json")).isFalse();
    assertThat(store.store("k", SESSION.replace("bearer", "mac"))).isFalse();
    assertThat(store.hasFresh("k")).isFalse();
  }

  @Test
  void treatsAnAlmostExpiredSessionAsStale() {
    TokenStore store = new TokenStore();

    store.store("k", SESSION.replace("3600", "30"));

    assertThat(store.hasFresh("k")).isFalse();
  }
}
