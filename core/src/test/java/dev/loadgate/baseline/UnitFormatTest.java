package dev.loadgate.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one formatter: the unit a person would choose. */
class UnitFormatTest {
  @ParameterizedTest
  @CsvSource({
    "500, 500 ms",
    "61.24, 61.24 ms",
    "0.25, 0.25 ms",
    "999, 999 ms",
    "1000, 1 s",
    "2521, 2.52 s",
    "30000, 30 s",
    "66900, 66.9 s",
    "60000, 1 min",
    "90000, 90 s",
    "120000, 2 min",
    "300000, 5 min",
    "7200000, 120 min"
  })
  void showsADurationInTheUnitAPersonWouldChoose(double millis, String shown) {
    assertThat(Unit.MILLISECONDS.format(millis)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource({"2, 2 %", "99.9, 99.9 %", "1.666, 1.67 %", "0, 0 %", "100, 100 %"})
  void showsAPercentage(double percent, String shown) {
    assertThat(Unit.PERCENT.format(percent)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource({
    "590, 640, 612, 590–640",
    "2517, 2523, 2521, 2.517–2.523",
    "2510, 2530, 2521, 2.51–2.53",
    "100, 100, 100, 100–100"
  })
  void showsAnIntervalInItsValuesScaleWithBoundsThatReadApart(
      double lower, double upper, double value, String shown) {
    Unit.Scale scale = Unit.MILLISECONDS.scaleFor(value);
    assertThat(Unit.range(lower, upper, scale)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource({"NaN", "Infinity"})
  void aMissingValueReadsAsNotAvailable(double value) {
    assertThat(Unit.MILLISECONDS.format(value)).isEqualTo("n/a");
  }
}
