package dev.loadgate.dbprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementStatsTest {
  @Test
  void onlyDataStatementsCount() {
    assertThat(StatementStats.isDataStatement("SELECT 1")).isTrue();
    assertThat(StatementStats.isDataStatement("/* app */ update letters set status = $1")).isTrue();
    assertThat(StatementStats.isDataStatement("-- note\nwith x as (select 1) select * from x"))
        .isTrue();
    assertThat(StatementStats.isDataStatement("BEGIN")).isFalse();
    assertThat(StatementStats.isDataStatement("COMMIT")).isFalse();
    assertThat(StatementStats.isDataStatement("SET statement_timeout = 5")).isFalse();
    assertThat(StatementStats.isDataStatement("selection")).isFalse();
  }

  @Test
  void deltaSubtractsTheStartReadingAndSortsByMean() {
    StatementStats start =
        StatementStats.of(
            Map.of(
                "a", new StatementStats.Entry("select a", 10, 100.0),
                "b", new StatementStats.Entry("select b", 5, 5.0)));
    StatementStats stop =
        StatementStats.of(
            Map.of(
                "a", new StatementStats.Entry("select a", 14, 300.0),
                "b", new StatementStats.Entry("select b", 5, 5.0),
                "c", new StatementStats.Entry("select c", 2, 4.0)));

    List<StatementStats.Entry> delta = stop.since(start);

    assertThat(delta)
        .containsExactly(
            new StatementStats.Entry("select a", 4, 200.0),
            new StatementStats.Entry("select c", 2, 4.0));
  }

  @Test
  void aStatementResetDuringTheRunCountsItsCurrentTotals() {
    StatementStats start =
        StatementStats.of(Map.of("a", new StatementStats.Entry("select a", 100, 50.0)));
    StatementStats stop =
        StatementStats.of(Map.of("a", new StatementStats.Entry("select a", 3, 9.0)));

    assertThat(stop.since(start)).containsExactly(new StatementStats.Entry("select a", 3, 9.0));
  }

  @Test
  void slowestRowsCarryCallsAndMillisWithTwoDecimals() {
    List<Map<String, String>> rows =
        StatementStats.slowest(
            List.of(
                new StatementStats.Entry("select   slow\nfrom t", 3, 1000.0),
                new StatementStats.Entry("select fast", 10, 1.0)),
            1);

    assertThat(rows)
        .containsExactly(
            Map.of(
                "statement", "select slow from t",
                "calls", "3",
                "mean_ms", "333.33",
                "total_ms", "1000.00"));
  }
}
