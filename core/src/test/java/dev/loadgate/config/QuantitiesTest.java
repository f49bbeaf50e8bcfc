package dev.loadgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one grammar: the files and the command line accept and refuse the same texts. */
class QuantitiesTest {
  @ParameterizedTest
  @CsvSource({
    "90s,90000",
    "2m,120000",
    "1m30s,90000",
    "500ms,500",
    "1h,3600000",
    "PT2M,120000",
    "1.5s,1500",
    "2min,120000",
    "10 s,10000",
    "5m,300000"
  })
  void parsesDurationsWithUnits(String text, long millis) {
    assertThat(Quantities.duration(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void keepsFractionsOfAMillisecond() {
    assertThat(Quantities.millis("250us")).isEqualTo(0.25);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fast", "", "1m30", "ms"})
  void rejectsTextThatIsNotADuration(String text) {
    assertThatThrownBy(() -> Quantities.duration(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "must be a duration such as \"500ms\", \"30s\" or \"2min\" (got \"" + text + "\")");
  }

  @Test
  void rejectsADurationWithoutOrWithAnUnknownUnit() {
    assertThatThrownBy(() -> Quantities.duration("30"))
        .hasMessage(
            "duration needs a unit, one of us, ms, s, min, h (expected e.g. \"30ms\", got \"30\")");
    assertThatThrownBy(() -> Quantities.duration("5x"))
        .hasMessage("unknown duration unit \"x\" (expected one of us, ms, s, min, h, got \"5x\")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5s", "0s", "PT0S"})
  void rejectsDurationsThatAreNotPositive(String text) {
    assertThatThrownBy(() -> Quantities.duration(text))
        .hasMessage("a duration must be positive (expected e.g. \"500ms\", got \"" + text + "\")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999h", "31d", "721h", "PT100000H"})
  void rejectsDurationsBeyondThirtyDaysWithTheRule(String text) {
    assertThatThrownBy(() -> Quantities.duration(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got \"" + text + "\")");
    if (!text.equals("31d")) {
      assertThatThrownBy(() -> Quantities.duration(text))
          .hasMessage(
              "a duration must be at most 30 days (expected e.g. \"2h\", got \"" + text + "\")");
    }
  }

  @Test
  void parsesRatesAndRejectsTheirMistakes() {
    assertThat(Quantities.ratePerSec("2/s")).isEqualTo(2.0);
    assertThat(Quantities.ratePerSec("30/min")).isEqualTo(0.5);
    assertThat(Quantities.ratePerSec("3600/h")).isEqualTo(1.0);
    assertThatThrownBy(() -> Quantities.ratePerSec("2"))
        .hasMessage("must be a rate such as \"2/s\" or \"30/min\" (got \"2\")");
    assertThatThrownBy(() -> Quantities.ratePerSec("2/day"))
        .hasMessage("unknown rate unit \"/day\" (expected one of /s, /min, /h, got \"2/day\")");
    assertThatThrownBy(() -> Quantities.ratePerSec("0/s"))
        .hasMessage("a rate must be above zero (expected e.g. \"2/s\", got \"0/s\")");
    assertThatThrownBy(() -> Quantities.ratePerSec("999999999/s"))
        .hasMessage(
            "a rate must be at most 100000/s (expected e.g. \"20/s\", got \"999999999/s\")");
  }

  @Test
  void parsesPercentagesWithTheirSign() {
    assertThat(Quantities.percent("2%")).isEqualTo(2.0);
    assertThat(Quantities.tryShare("20%")).contains(0.2);
    assertThat(Quantities.tryShare("0%")).contains(0.0);
    assertThat(Quantities.tryShare("120%")).isEmpty();
    assertThatThrownBy(() -> Quantities.percent("2"))
        .hasMessage("a percentage needs its % sign (expected \"2%\", got \"2\")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "0", "1e400", "abc", "1001"})
  void rejectsAScaleFactorOutsideItsRange(String text) {
    assertThatThrownBy(() -> Quantities.positiveNumber(text, Quantities.MAX_SCALE))
        .hasMessage(
            "must be a positive number at most 1000 (expected e.g. 0.5 or 2, got \""
                + text
                + "\")");
  }

  @Test
  void writesADurationBackAsTheFilesDo() {
    assertThat(Quantities.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Quantities.format(Duration.ofMinutes(2))).isEqualTo("2min");
    assertThat(Quantities.format(Duration.ofHours(2))).isEqualTo("2h");
  }
}
