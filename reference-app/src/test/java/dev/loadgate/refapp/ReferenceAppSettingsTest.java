package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceAppSettingsTest {

  @Test
  void defaultsAreLoopbackPortZeroFastAndRealLimits() {
    ReferenceAppSettings s = ReferenceAppSettings.defaults();
    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.port()).isZero();
    assertThat(s.databaseUrl()).isEmpty();
    assertThat(s.aiLatency()).isEqualTo(AiLatency.FAST);
    assertThat(s.seedScale()).isEqualTo(1);
    assertThat(s.faults()).isEmpty();
    assertThat(s.rateLimits().enabled()).isTrue();
    assertThat(s.rateLimits().windows().get("letter-gen").limit()).isEqualTo(5);
  }

  @Test
  void parsesCommandLineOptions() {
    ReferenceAppSettings s =
        ReferenceApp.parseArgs(
            new String[] {
              "--port", "8080", "--ai-latency", "realistic", "--seed-scale", "10",
              "--inject", "download=+2500ms", "--inject", "payment=error:5%", "--rate-limits", "off"
            },
            ReferenceAppSettings.defaults());
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.aiLatency()).isEqualTo(AiLatency.REALISTIC);
    assertThat(s.seedScale()).isEqualTo(10);
    assertThat(s.faults())
        .extracting(FaultSpec::toString)
        .containsExactly("download=+2500ms", "payment=error:5%");
    assertThat(s.rateLimits().enabled()).isFalse();
  }

  @Test
  void rejectsOutOfRangeValuesWithTheRule() {
    assertThatThrownBy(() -> ReferenceAppSettings.defaults().withPort(70000))
        .hasMessage("--port: out of range (expected 0 to 65535, got 70000). 0 picks a free port");
    assertThatThrownBy(() -> ReferenceAppSettings.defaults().withSeedScale(0))
        .hasMessageStartingWith("--seed-scale: out of range (expected 1 to 100, got 0).");
    assertThatThrownBy(
            () ->
                ReferenceApp.parseArgs(
                    new String[] {"--port", "x"}, ReferenceAppSettings.defaults()))
        .hasMessage("--port: not a whole number (expected digits, got \"x\").");
    assertThatThrownBy(
            () ->
                ReferenceApp.parseArgs(
                    new String[] {"--colour", "x"}, ReferenceAppSettings.defaults()))
        .hasMessageStartingWith("--colour: unknown option");
    assertThatThrownBy(() -> AiLatency.parse("slow"))
        .hasMessage("--ai-latency: unknown profile (expected fast or realistic, got \"slow\").");
    assertThatThrownBy(() -> RateLimits.parse("maybe"))
        .hasMessage("--rate-limits: unknown mode (expected on or off, got \"maybe\").");
  }

  @Test
  void secretsComeFromTheRealVariableNamesAndNeverPrint() {
    AppSecrets s =
        AppSecrets.fromEnvironment(
            Map.of(
                "ADMIN_PORTAL_KEY",
                "pk-1",
                "CRON_SECRET",
                "cron-1",
                "STRIPE_WEBHOOK_SECRET",
                "whsec_1"));
    assertThat(s.adminPortalKey().reveal()).isEqualTo("pk-1");
    assertThat(s.cronSecret().reveal()).isEqualTo("cron-1");
    assertThat(s.stripeWebhookSecret().reveal()).isEqualTo("whsec_1");
    assertThat(s.jwtSecret().reveal()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(s.toString()).doesNotContain("pk-1").doesNotContain("cron-1");
    assertThat(ReferenceAppSettings.defaults().withSecrets(s).toString())
        .doesNotContain("pk-1")
        .doesNotContain("whsec_1");
    AppSecrets generated = AppSecrets.generated();
    assertThat(generated.adminPortalKey()).isNotEqualTo(AppSecrets.generated().adminPortalKey());
  }

  @Test
  void shortJwtSecretIsRejected() {
    assertThatThrownBy(() -> AppSecrets.fromEnvironment(Map.of("SUPABASE_JWT_SECRET", "short")))
        .hasMessageStartingWith("SUPABASE_JWT_SECRET: too short for HS256 (expected at least 32");
  }
}
