package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LocaleIndependenceTest {
  @Test
  void everyFormatIsByteForByteTheSameUnderADecimalCommaLocale() {
    RunResult result = ReportFixtures.result();
    assertSameUnderLocales(ResultsJson::render, result);
    assertSameUnderLocales(SummaryMarkdown::render, result);
    assertSameUnderLocales(JunitXml::render, result);
    assertSameUnderLocales(HtmlReport::render, result);
  }

  private static void assertSameUnderLocales(Function<RunResult, String> format, RunResult result) {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.ROOT);
      String root = format.apply(result);
      for (Locale locale :
          new Locale[] {Locale.GERMANY, new Locale("tr", "TR"), new Locale("ar")}) {
        Locale.setDefault(locale);
        assertThat(format.apply(result)).as("rendered under %s", locale).isEqualTo(root);
      }
    } finally {
      Locale.setDefault(before);
    }
  }
}
