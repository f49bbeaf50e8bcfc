package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXParseException;

/**
 * junit.xml as its consumer reads it: validated against {@code junit-10.xsd}, the schema the
 * Jenkins xUnit plugin checks JUnit reports with (copied into the test resources, source noted in
 * the file).
 */
class JunitXmlSchemaTest {
  private static final Schema SCHEMA = schema();

  @Test
  void aRunWithFailuresSkipsAndEvidenceIsValidForJenkinsXunit() {
    assertThatCode(() -> validate(JunitXml.render(ReportFixtures.result())))
        .doesNotThrowAnyException();
  }

  @Test
  void anIncompleteRunIsValidForJenkinsXunit() {
    assertThatCode(() -> validate(JunitXml.render(ReportFixtures.incomplete())))
        .doesNotThrowAnyException();
  }

  @Test
  void theSchemaRejectsSkippedOnTestsuitesAsTheOldWriterPutIt() {
    String old =
        JunitXml.render(ReportFixtures.result())
            .replaceFirst(
                "<testsuites name=\"loadgate\"", "<testsuites name=\"loadgate\" skipped=\"1\"");
    assertThatThrownBy(() -> validate(old))
        .isInstanceOf(SAXParseException.class)
        .hasMessageContaining("skipped")
        .hasMessageContaining("testsuites");
  }

  private static void validate(String xml) throws Exception {
    Validator validator = SCHEMA.newValidator();
    validator.validate(new StreamSource(new StringReader(xml)));
  }

  private static Schema schema() {
    try {
      URL xsd = JunitXmlSchemaTest.class.getResource("/xsd/junit-10.xsd");
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      return factory.newSchema(xsd);
    } catch (Exception e) {
      throw new IllegalStateException("junit-10.xsd cannot be loaded", e);
    }
  }
}
