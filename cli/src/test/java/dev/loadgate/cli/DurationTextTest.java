package dev.loadgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
  @ParameterizedTest
  @CsvSource({
    "90s,90000",
    "2m,120000",
    "1m30s,90000",
    "500ms,500",
    "1h,3600000",
    "PT2M,120000",
    "1.5s,1500",
    "2min,120000"
  })
  void parsesDurationsWithUnits(String text, long millis) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "fast", "", "10 s", "-5s", "5x"})
  void rejectsDurationsWithoutAKnownUnit(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected a duration with a unit such as 90s, 2m, 1m30s or 500ms (got \""
                + text
                + "\")");
  }
}
