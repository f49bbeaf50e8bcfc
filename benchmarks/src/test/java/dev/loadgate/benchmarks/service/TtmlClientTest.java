package dev.loadgate.benchmarks.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.targets.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TtmlClientTest {
  @Test
  void signsWebhooksWithHmacSha256OfTimestampDotBody() {
    // RFC-style known vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog")
    String hex =
        TtmlClient.hmacSha256Hex(
            Secret.of("key"),
            "The quick brown fox ",
            "jumps over the lazy dog".getBytes(StandardCharsets.UTF_8));

    assertThat(hex).isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void namesTheSessionCookieAfterTheFirstLabelOfTheAuthHost() {
    try (TtmlClient onCustomDomain =
            new TtmlClient(
                URI.create("https://www.talk-to-my-lawyer.com"),
                URI.create("https://app.talk-to-my-lawyer.com"),
                Secret.of(""));
        TtmlClient onLoopback =
            new TtmlClient(
                URI.create("http://127.0.0.1:4000"),
                URI.create("http://127.0.0.1:4000"),
                Secret.of(""))) {
      assertThat(onCustomDomain.cookieName()).isEqualTo("sb-app-auth-token");
      assertThat(onLoopback.cookieName()).isEqualTo("sb-127-auth-token");
    }
  }

  @Test
  void sessionsDoNotPrintTheirTokens() {
    TtmlClient.Session session =
        new TtmlClient.Session(
            "user-1", Secret.of("eyJ.access"), "sb-127-auth-token", Secret.of("base64-xyz"));

    assertThat(session.toString()).isEqualTo("Session[user-1]");
  }
}
