package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultSpecTest {

  @Test
  void parsesFixedLatency() {
    FaultSpec f = FaultSpec.parse("download=+2500ms");
    assertThat(f.target()).isEqualTo("download");
    assertThat(f.effect()).isEqualTo(new FaultSpec.AddedLatency(Duration.ofMillis(2500)));
    assertThat(f.sharePercent()).isEqualTo(100);
  }

  @Test
  void parsesDistributionsErrorsStallsAndShares() {
    assertThat(FaultSpec.parse("letter_generation=+lognormal(200ms,2)").effect())
        .isEqualTo(new FaultSpec.LognormalLatency(Duration.ofMillis(200), 2));
    assertThat(FaultSpec.parse("auth=+uniform(100ms,0.3s)").effect())
        .isEqualTo(new FaultSpec.UniformLatency(Duration.ofMillis(100), Duration.ofMillis(300)));
    assertThat(FaultSpec.parse("payment=error:5%").effect())
        .isEqualTo(new FaultSpec.ErrorRate(5, 500));
    assertThat(FaultSpec.parse("payment=error:2.5%:503").effect())
        .isEqualTo(new FaultSpec.ErrorRate(2.5, 503));
    assertThat(FaultSpec.parse("auth=stall:10s").effect())
        .isEqualTo(new FaultSpec.Stall(Duration.ofSeconds(10)));
    assertThat(FaultSpec.parse("*=+1m@10%").sharePercent()).isEqualTo(10);
  }

  @Test
  void acceptsRouteTargets() {
    FaultSpec f = FaultSpec.parse("GET /api/letters/{id}/pdf=+50ms");
    assertThat(f.target()).isEqualTo("GET /api/letters/{id}/pdf");
    assertThat(f.matches("GET /api/letters/{id}/pdf", "download")).isTrue();
    assertThat(f.matches("GET /api/health", "health")).isFalse();
  }

  @Test
  void pathTargetMatchesEveryRouteOfThePath() {
    FaultSpec f = FaultSpec.parse("payment=+1ms");
    assertThat(f.matches("POST /api/stripe/webhook", "payment")).isTrue();
    assertThat(f.matches("POST /api/generate-letter", "letter_generation")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "download=+2500ms",
        "letter_generation=+lognormal(200ms,0.5)",
        "auth=+uniform(100ms,300ms)@25%",
        "payment=error:5%",
        "payment=error:5%:503",
        "health=stall:10000ms",
        "GET /api/health=+1ms"
      })
  void textFormRoundTrips(String text) {
    assertThat(FaultSpec.parse(text).toString()).isEqualTo(text);
    assertThat(FaultSpec.parse(FaultSpec.parse(text).toString())).isEqualTo(FaultSpec.parse(text));
  }

  @Test
  void parseListSplitsOnSemicolons() {
    assertThat(FaultSpec.parseList("download=+1s; payment=error:1% ;")).hasSize(2);
    assertThat(FaultSpec.parseList("")).isEmpty();
  }

  @Test
  void unknownTargetSuggestsTheClosestPath() {
    assertThatThrownBy(() -> FaultSpec.parse("paymnet=+1s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "fault \"paymnet=+1s\": unknown target (expected one of auth, letter_generation,"
                + " payment, download, admin_dashboard, email, health, * or \"<METHOD> /<route>\","
                + " got \"paymnet\"). Did you mean \"payment\"?");
  }

  @Test
  void unknownEffectListsTheSyntax() {
    assertThatThrownBy(() -> FaultSpec.parse("payment=eror:5%"))
        .hasMessageStartingWith("fault \"payment=eror:5%\": unknown effect (expected +<duration>")
        .hasMessageEndingWith("got \"eror:5%\"). Example: payment=error:5%");
  }

  @Test
  void rejectsBadNumbers() {
    assertThatThrownBy(() -> FaultSpec.parse("download=+fast"))
        .hasMessageContaining("bad duration (expected a number with ms, s or m")
        .hasMessageContaining("got \"fast\"");
    assertThatThrownBy(() -> FaultSpec.parse("payment=error:150%"))
        .hasMessageContaining("error percent must be in (0, 100] (got 150%)");
    assertThatThrownBy(() -> FaultSpec.parse("payment=error:5%:404"))
        .hasMessageContaining("error status must be 500, 502, 503 or 504 (got 404)");
    assertThatThrownBy(() -> FaultSpec.parse("download=+0ms"))
        .hasMessageContaining("duration must be above zero");
    assertThatThrownBy(() -> FaultSpec.parse("download=+1ms@0%"))
        .hasMessageContaining("share must be in (0, 100] percent (got 0%)");
    assertThatThrownBy(() -> FaultSpec.parse("download=+20m"))
        .hasMessageContaining("duration must be at most 10m");
    assertThatThrownBy(() -> FaultSpec.parse("auth=+uniform(300ms,100ms)"))
        .hasMessageContaining("uniform max must not be below min");
    assertThatThrownBy(() -> FaultSpec.parse("payment=error:5%@50%"))
        .hasMessageContaining("an error effect carries its own percentage");
  }

  @Test
  void missingEqualsSignGivesAnExample() {
    assertThatThrownBy(() -> FaultSpec.parse("download"))
        .hasMessage(
            "fault \"download\": missing \"=\" (expected <target>=<effect>, got \"download\")."
                + " Example: download=+2500ms");
  }

  @Test
  void parsesACapacityLimitAndPrintsItBack() {
    FaultSpec f = FaultSpec.parse("download=capacity:8/s");

    assertThat(f.effect()).isEqualTo(new FaultSpec.CapacityLimit(8));
    assertThat(f).hasToString("download=capacity:8/s");
  }

  @Test
  void refusesACapacityOfZero() {
    assertThatThrownBy(() -> FaultSpec.parse("download=capacity:0/s"))
        .hasMessage(
            "fault \"download=capacity:0/s\": capacity rate must be in (0, 10000] per second (got"
                + " 0/s).");
  }
}
