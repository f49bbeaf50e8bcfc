package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.measure.Measurements;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {
  @Test
  void matchesTheGoldenFile() {
    ReportFixtures.assertGolden("junit.xml", JunitXml.render(ReportFixtures.result()));
  }

  @Test
  void hasOneTestcasePerCheckWithGroupAsClassname() throws Exception {
    Document doc = parse(JunitXml.render(ReportFixtures.result()));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("8");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    List<String> cases = new ArrayList<>();
    NodeList testcases = doc.getElementsByTagName("testcase");
    for (int i = 0; i < testcases.getLength(); i++) {
      Element tc = (Element) testcases.item(i);
      cases.add(tc.getAttribute("classname") + "/" + tc.getAttribute("name"));
    }
    assertThat(cases)
        .containsExactly(
            "latency/latency.letter_generation.p95",
            "latency/latency.auth.p95",
            "latency/latency.payment.p95",
            "latency/latency.download.p95",
            "errors/errors.all.rate",
            "db/db.index_hit.ratio",
            "email/email.delivery.p95",
            "service/service.auth.p95");
  }

  @Test
  void failureMessageReadsRequiredThenActual() throws Exception {
    Element auth = testcase(parse(JunitXml.render(ReportFixtures.result())), "latency.auth.p95");
    Element failure = (Element) auth.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo(
            "required < 500 ms, actual 612 ms (95 % CI 590–640, n=2400);"
                + " regressed +27.5 % (+132 ms) against accepted run 20261128T200000Z-smoke");
    assertThat(failure.getAttribute("type")).isEqualTo("FAIL");
    assertThat(auth.getElementsByTagName("system-out").item(0).getTextContent())
        .contains("guide: Performance Baselines / API Response Times");
  }

  @Test
  void gatedNoDataFailsAndUngatedNoDataIsSkipped() throws Exception {
    Document doc = parse(JunitXml.render(ReportFixtures.result()));
    Element download = testcase(doc, "latency.download.p95");
    assertThat(download.getElementsByTagName("failure").item(0))
        .isInstanceOfSatisfying(
            Element.class,
            f -> assertThat(f.getAttribute("message")).isEqualTo("required < 2 s, no data (n=12)"));
    Element email = testcase(doc, "email.delivery.p95");
    assertThat(email.getElementsByTagName("failure").getLength()).isZero();
    assertThat(((Element) email.getElementsByTagName("skipped").item(0)).getAttribute("message"))
        .isEqualTo("not gated: email_queue is empty: no e-mail was sent <during> the run");
    Element payment = testcase(doc, "latency.payment.p95");
    assertThat(payment.getElementsByTagName("failure").getLength()).isZero();
    assertThat(payment.getElementsByTagName("skipped").getLength()).isZero();
  }

  @Test
  void figureEvidenceGoesToSystemOut() throws Exception {
    Element db = testcase(parse(JunitXml.render(ReportFixtures.result())), "db.index_hit.ratio");
    assertThat(db.getElementsByTagName("system-out").item(0).getTextContent())
        .contains("source: db-probe")
        .contains("query=update profiles set credits = credits - $1 where id = $2");
  }

  @Test
  void incompleteRunAddsAFailingRunCompleteCase() throws Exception {
    Document doc = parse(JunitXml.render(ReportFixtures.incomplete()));
    Element run = testcase(doc, "run.complete");
    assertThat(((Element) run.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .isEqualTo("run incomplete: target unhealthy: GET /api/health answered 503 three times");
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
  }

  @Test
  void charactersXmlCannotHoldAreDroppedNotFatal() throws Exception {
    Check odd =
        new Check(
            "errors.all.rate",
            "bad \u0001 title & <tag>",
            Status.FAIL,
            true,
            3,
            "<",
            2,
            "%",
            100,
            null,
            null,
            "reason with \u0000 nul and \"quotes\"",
            "");
    RunResult result =
        new RunResult(
            ReportFixtures.metadata(ReportFixtures.RUN_ID),
            true,
            "",
            List.of(odd),
            Measurements.EMPTY,
            List.of());
    Element tc = testcase(parse(JunitXml.render(result)), "errors.all.rate");
    assertThat(tc.getElementsByTagName("failure").item(0).getTextContent())
        .isEqualTo("reason with  nul and \"quotes\"");
    assertThat(tc.getElementsByTagName("system-out").item(0).getTextContent())
        .startsWith("bad  title & <tag>\n");
  }

  private static Element testcase(Document doc, String name) {
    NodeList testcases = doc.getElementsByTagName("testcase");
    for (int i = 0; i < testcases.getLength(); i++) {
      Element tc = (Element) testcases.item(i);
      if (tc.getAttribute("name").equals(name)) {
        return tc;
      }
    }
    throw new AssertionError("no testcase " + name);
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
