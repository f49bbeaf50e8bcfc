package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPointsCsvTest {
  @Test
  void readsRowsAfterTheHeaderSkippingBlanksAndComments() {
    List<LoadPoint> points =
        LoadPointsCsv.parse(
            List.of("concurrency,throughput", "# steps", "1,10", "", "2, 19.5", "4,35", "8,52"),
            "steps.csv");

    assertThat(points)
        .containsExactly(
            new LoadPoint(1, 10),
            new LoadPoint(2, 19.5),
            new LoadPoint(4, 35),
            new LoadPoint(8, 52));
  }

  @Test
  void namesEveryBadLine() {
    assertThatThrownBy(
            () ->
                LoadPointsCsv.parse(
                    List.of("concurrency,throughput", "1,10", "two,19", "4,-3", "8", "0,5"),
                    "steps.csv"))
        .isInstanceOf(CapacityException.class)
        .hasMessage(
            String.join(
                System.lineSeparator(),
                "steps.csv:3: concurrency is not a number (expected e.g. 12.5, got \"two\").",
                "steps.csv:4: throughput must be 0 or a positive number (expected e.g. 12.5, got"
                    + " -3).",
                "steps.csv:5: a row has two numbers (expected concurrency,throughput, got \"8\").",
                "steps.csv:6: concurrency must be above 0 (expected e.g. 4, got 0)."));
  }

  @Test
  void refusesFewerThanFourRows() {
    assertThatThrownBy(
            () -> LoadPointsCsv.parse(List.of("concurrency,throughput", "1,10", "2,19"), "s.csv"))
        .hasMessage(
            "s.csv: too few rows (expected at least 4 concurrency,throughput rows after the"
                + " header, got 2). Three parameters need four points.");
  }

  @Test
  void refusesAMissingHeader() {
    assertThatThrownBy(
            () -> LoadPointsCsv.parse(List.of("1,10", "2,19", "4,35", "8,52", "16,60"), "s.csv"))
        .hasMessage(
            "s.csv:1: the first line must be a header (expected concurrency,throughput, got"
                + " \"1,10\"). Add the header line.");
  }
}
