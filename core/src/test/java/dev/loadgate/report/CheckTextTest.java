package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckTextTest {
  @Test
  void numbersKeepDecimalsByMagnitudeAndIgnoreTheDefaultLocale() {
    java.util.Locale before = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.GERMANY);
    try {
      assertThat(CheckText.number(612)).isEqualTo("612");
      assertThat(CheckText.number(612.44)).isEqualTo("612.4");
      assertThat(CheckText.number(29850.7)).isEqualTo("29851");
      assertThat(CheckText.number(99.95)).isEqualTo("99.95");
      assertThat(CheckText.number(0.1234)).isEqualTo("0.123");
      assertThat(CheckText.number(-0.0001)).isEqualTo("0");
      assertThat(CheckText.number(Double.NaN)).isEqualTo("n/a");
      assertThat(CheckText.number(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @Test
  void requirementReadsLikeTheJunitFailureMessage() {
    assertThat(CheckText.requirement(ReportFixtures.authFail()))
        .isEqualTo(
            "required < 500 ms, actual 612 ms (95 % CI 590–640, n=2400);"
                + " regressed +27.5 % (+132 ms) against accepted run 20261128T200000Z-smoke");
  }

  @Test
  void requirementWithoutDataSaysSo() {
    Check download = byId("latency.download.p95");
    assertThat(CheckText.requirement(download)).isEqualTo("required < 2 s, no data (n=12)");
  }

  @Test
  void requirementWithoutIntervalOmitsIt() {
    assertThat(CheckText.requirement(byId("db.index_hit.ratio")))
        .isEqualTo("required > 99 %, actual 99.72 % (n=1)");
  }

  @Test
  void failuresComeFirstThenWarningsThenUngatedNoDataThenPasses() {
    List<String> order =
        CheckText.failuresFirst(ReportFixtures.checks()).stream().map(Check::id).toList();
    assertThat(order)
        .containsExactly(
            "latency.auth.p95",
            "latency.download.p95",
            "latency.payment.p95",
            "email.delivery.p95",
            "latency.letter_generation.p95",
            "errors.all.rate",
            "db.index_hit.ratio",
            "service.auth.p95");
  }

  @Test
  void tallyCountsGatedFailuresAndWarnings() {
    assertThat(CheckText.tally(ReportFixtures.checks()))
        .isEqualTo("2 of 6 gated checks failed, 1 warning, 1 ungated without data");
    assertThat(CheckText.tally(List.of(byId("errors.all.rate"))))
        .isEqualTo("all 1 gated checks passed");
  }

  @Test
  void deltaShowsPercentAndAbsoluteChange() {
    assertThat(CheckText.delta(byId("latency.letter_generation.p95")))
        .isEqualTo("-2.08 % (-89.5 ms)");
    assertThat(CheckText.delta(byId("latency.payment.p95"))).isEmpty();
  }

  @Test
  void groupIsTheFirstSegmentOfTheId() {
    assertThat(CheckText.group(byId("db.index_hit.ratio"))).isEqualTo("db");
    assertThat(byId("latency.download.p95").status()).isEqualTo(Status.NO_DATA);
  }

  static Check byId(String id) {
    return ReportFixtures.checks().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
