package dev.loadgate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.config.Suggestions;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void percentileRejectsAFractionAndSaysWhatWasMeant() {
    assertThatThrownBy(() -> new Percentile(0.99))
        .hasMessage(
            "percentile 0.99 looks like a fraction; percentiles are given in percent (expected 99,"
                + " got 0.99)");
    assertThatThrownBy(() -> new Percentile(100))
        .hasMessage(
            "percentile must be in percent, at least 1 and below 100 (expected e.g. 95, got 100)");
    assertThat(new Percentile(99.9).label()).isEqualTo("p99.9");
    assertThat(Percentile.P95.fraction()).isEqualTo(0.95);
  }

  @Test
  void durationsCarryTheirUnits() {
    assertThat(TimeAmount.parse("500ms").millis()).isEqualTo(500.0);
    assertThat(TimeAmount.parse("30s").millis()).isEqualTo(30_000.0);
    assertThat(TimeAmount.parse("2min").millis()).isEqualTo(120_000.0);
    assertThat(TimeAmount.parse("1.5h").millis()).isEqualTo(5_400_000.0);
    assertThat(TimeAmount.parse("250us").millis()).isEqualTo(0.25);
    assertThat(TimeAmount.parse("30s")).hasToString("30 s");
    assertThat(TimeAmount.parse("2min")).hasToString("2 min");
    assertThat(TimeAmount.parse("1500ms")).hasToString("1.5 s");
    assertThatThrownBy(() -> TimeAmount.parse("0s"))
        .hasMessage("a duration must be positive (expected e.g. \"500ms\", got \"0s\")");
  }

  @Test
  void percentagesNeedTheirSignAndARange() {
    assertThat(Percent.parse("99.5%").value()).isEqualTo(99.5);
    assertThat(Percent.parse("2 %").fraction()).isEqualTo(0.02);
    assertThatThrownBy(() -> Percent.parse("120%"))
        .hasMessage(
            "a percentage must be above 0 and at most 100 (expected e.g. \"2%\", got \"120%\")");
  }

  @Test
  void suggestsOnlyCloseNames() {
    assertThat(Suggestions.closest("atuh", Baselines.REQUIRED_PATHS)).contains("auth");
    assertThat(Suggestions.closest("paymnet", Baselines.REQUIRED_PATHS)).contains("payment");
    assertThat(Suggestions.closest("zzz", Baselines.REQUIRED_PATHS)).isEmpty();
  }
}
