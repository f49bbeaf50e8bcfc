package dev.loadgate.cli.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {
  private static final List<String> PROD = List.of(TargetPolicy.DEFAULT_PRODUCTION_DOMAIN);

  private static TargetPolicy policy(List<String> allowed, boolean acknowledged, boolean capped) {
    return new TargetPolicy(allowed, PROD, acknowledged, capped);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080",
        "http://localhost:1234",
        "http://127.1.2.3",
        "http://[::1]:8080",
        "https://LOCALHOST."
      })
  void allowsLoopbackWithoutAnyOption(String url) {
    assertThat(policy(List.of(), false, false).problems("--target", URI.create(url))).isEmpty();
  }

  @Test
  void refusesAHostThatIsNotAllowListed() {
    assertThat(
            policy(List.of(), false, false)
                .problems("--target", URI.create("https://staging.example.com")))
        .containsExactly(
            "--target: staging.example.com is not on the allow-list (expected loopback or a host"
                + " named by --allow-host or --allow-list, got staging.example.com). Add"
                + " --allow-host staging.example.com if this target is yours to load.");
  }

  @Test
  void allowsAnAllowListedHostAndWildcards() {
    TargetPolicy policy =
        policy(List.of("Staging.Example.com", "*.preview.example.com"), false, false);
    assertThat(policy.problems("--target", URI.create("https://staging.example.com"))).isEmpty();
    assertThat(policy.problems("--target", URI.create("https://pr-12.preview.example.com")))
        .isEmpty();
    assertThat(policy.problems("--target", URI.create("https://preview.example.com"))).hasSize(1);
    assertThat(policy.problems("--target", URI.create("https://evilpreview.example.com")))
        .hasSize(1);
  }

  @Test
  void productionNeedsTheFlagAndARateCapEvenWhenAllowListed() {
    URI prod = URI.create("https://app.talk-to-my-lawyer.com");
    List<String> problems =
        policy(List.of("app.talk-to-my-lawyer.com"), false, false).problems("--target", prod);
    assertThat(problems)
        .containsExactly(
            "--target: app.talk-to-my-lawyer.com is a production host (domain"
                + " talk-to-my-lawyer.com); loadgate refuses to load it (expected"
                + " --i-know-this-is-production, got no such flag). Point --target at staging or a"
                + " preview deployment instead.",
            "--target: a production host needs an explicit rate cap (expected --max-rate"
                + " <users/s>, got none). Choose a rate production can absorb on top of real"
                + " traffic.");
    assertThat(policy(List.of("app.talk-to-my-lawyer.com"), true, true).problems("--target", prod))
        .isEmpty();
  }

  @Test
  void theBareProductionDomainIsProductionAndLookalikesAreNot() {
    TargetPolicy policy = policy(List.of(), false, false);
    assertThat(policy.isProduction("talk-to-my-lawyer.com")).isTrue();
    assertThat(policy.isProduction("WWW.Talk-To-My-Lawyer.com.")).isTrue();
    assertThat(policy.isProduction("not-talk-to-my-lawyer.com")).isFalse();
    assertThat(policy.isProduction("talk-to-my-lawyer.com.evil.example")).isFalse();
  }

  @Test
  void rejectsNonHttpSchemes() {
    assertThat(policy(List.of(), false, false).problems("--target", URI.create("ftp://127.0.0.1")))
        .containsExactly(
            "--target: the target must be an http or https URL (expected e.g."
                + " https://staging.example.com, got \"ftp://127.0.0.1\").");
  }
}
