package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private final String html = HtmlReport.render(ReportFixtures.result());

  @Test
  void isSelfContained() {
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link");
    assertThat(html).doesNotContain("@import").doesNotContain("url(");
    // The only URL allowed is the SVG namespace name, which browsers never fetch.
    Matcher urls = Pattern.compile("https?://[^\"' <]+").matcher(html);
    while (urls.find()) {
      assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
    }
  }

  @Test
  void bannerShowsTheVerdictAndTally() {
    assertThat(html)
        .contains("<header class=\"banner FAIL\" id=\"verdict\">")
        .contains("<div class=\"word\">FAIL</div>")
        .contains("2 of 6 gated checks failed, 1 warning, 1 ungated without data");
  }

  @Test
  void checksTableListsFailuresFirst() {
    int auth = html.indexOf("<code>latency.auth.p95</code>");
    int download = html.indexOf("<code>latency.download.p95</code>");
    int letters = html.indexOf("<code>latency.letter_generation.p95</code>");
    assertThat(auth).isPositive().isLessThan(download);
    assertThat(download).isLessThan(letters);
  }

  @Test
  void drawsOneLimitRowPerP95CheckAndOneCurvePerMeasuredPath() {
    String limits = section("limits");
    assertThat(count(limits, "stroke-dasharray=\"4 3\"")).isEqualTo(5);
    String curves = section("percentiles");
    assertThat(count(curves, "<polyline")).isEqualTo(3);
    assertThat(curves)
        .contains(">auth</text>")
        .contains(">letter_generation</text>")
        .contains(">payment</text>")
        .contains("p95 limit 500 ms")
        .contains(">99.9%</text>");
  }

  @Test
  void timelineHasThreePanelsAndAShadedWarmup() {
    String timeline = section("timeline");
    assertThat(count(timeline, "<polyline")).isEqualTo(2);
    assertThat(timeline)
        .contains("Throughput (req/s)")
        .contains("Errors (req/s)")
        .contains("p95 latency (ms)")
        .contains(">warm-up</text>");
  }

  @Test
  void showsEvidenceRowsWithTheLongestColumnLast() {
    String evidence = section("evidence");
    assertThat(evidence)
        .contains("<th>calls</th><th>mean_ms</th><th>query</th>")
        .contains("<td>update profiles set credits = credits - $1 where id = $2</td>");
  }

  @Test
  void environmentAndNotesAreShown() {
    assertThat(section("environment"))
        .contains("<dt>git commit</dt><dd>0123456789abcdef0123456789abcdef01234567</dd>")
        .contains("<dt>ai-latency</dt><dd>fixed:200ms</dd>")
        .contains("<dt>max heap</dt><dd>2048 MiB</dd>");
    assertThat(section("notes")).contains("cores 2 vs 4");
  }

  @Test
  void escapesEveryStringFromTheRun() {
    Check hostile =
        new Check(
            "latency.auth.p95",
            "<img src=x onerror=alert(1)>",
            Status.FAIL,
            true,
            600,
            "<",
            500,
            "ms",
            100,
            null,
            null,
            "\"><script>alert(2)</script>",
            "a & b");
    RunResult result =
        new RunResult(
            ReportFixtures.metadata(ReportFixtures.RUN_ID),
            true,
            "",
            List.of(hostile),
            Measurements.EMPTY,
            List.of("<b>note</b>"));
    String page = HtmlReport.render(result);
    assertThat(page)
        .doesNotContain("<img")
        .doesNotContain("<script")
        .doesNotContain("<b>note")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
        .contains("a &amp; b");
  }

  @Test
  void incompleteRunShowsTheReasonInTheBanner() {
    String page = HtmlReport.render(ReportFixtures.incomplete());
    assertThat(page)
        .contains("<header class=\"banner INCOMPLETE\"")
        .contains("run incomplete: target unhealthy: GET /api/health answered 503 three times")
        .contains("No checks were evaluated: the gate fails closed.");
  }

  @Test
  void isDeterministic() {
    assertThat(HtmlReport.render(ReportFixtures.result())).isEqualTo(html);
  }

  private String section(String id) {
    int start = html.indexOf("<h2 id=\"" + id + "\">");
    assertThat(start).as("section %s", id).isNotNegative();
    int end = html.indexOf("<h2 ", start + 1);
    return html.substring(start, end < 0 ? html.length() : end);
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
