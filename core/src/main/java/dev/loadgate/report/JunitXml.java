package dev.loadgate.report;

import dev.loadgate.measure.Figure;
import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code junit.xml} in the common JUnit/Ant schema that Jenkins, GitLab and GitHub render:
 * one {@code <testcase>} per check ({@code classname} = the check's group, {@code name} = its id);
 * a {@code <failure>} for a FAIL and for a gated NO_DATA, a {@code <skipped>} for an ungated
 * NO_DATA; the evidence in {@code <system-out>}. An incomplete run adds a failing {@code
 * run.complete} case so that CI cannot read it as green.
 */
public final class JunitXml {
  /** The file name inside a run folder. */
  public static final String FILE = "junit.xml";

  private JunitXml() {}

  /** The document for {@code result}. */
  public static String render(RunResult result) {
    List<Check> checks = result.checks();
    long failures = checks.stream().filter(JunitXml::isFailure).count();
    long skipped = checks.stream().filter(JunitXml::isSkipped).count();
    int tests = checks.size();
    if (!result.complete()) {
      failures++;
      tests++;
    }
    RunMetadata meta = result.metadata();
    String seconds = seconds(Duration.between(meta.startedAt(), meta.finishedAt()));
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    String counts = " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\"";
    String time = " time=\"" + seconds + "\"";
    // junit-10.xsd (Jenkins xUnit) allows "skipped" on <testsuite> only, not on <testsuites>.
    xml.append("<testsuites name=\"loadgate\"").append(counts).append(time).append(">\n");
    xml.append("  <testsuite name=\"loadgate.")
        .append(attr(meta.runId()))
        .append('"')
        .append(counts)
        .append(" skipped=\"")
        .append(skipped)
        .append('"')
        .append(time)
        .append(" timestamp=\"")
        .append(meta.startedAt().toString().replaceFirst("Z$", ""))
        .append("\" hostname=\"loadgate\">\n");
    properties(xml, result);
    if (!result.complete()) {
      xml.append("    <testcase classname=\"run\" name=\"run.complete\" time=\"0\">\n")
          .append("      <failure message=\"")
          .append(attr("run incomplete: " + result.incompleteReason()))
          .append("\" type=\"INCOMPLETE\"/>\n")
          .append("    </testcase>\n");
    }
    for (Check check : checks) {
      testcase(xml, check, result);
    }
    xml.append("  </testsuite>\n</testsuites>\n");
    return xml.toString();
  }

  /** Writes {@link #render} to {@code file}. */
  public static void write(Path file, RunResult result) {
    try {
      Files.writeString(file, render(result), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static void properties(StringBuilder xml, RunResult result) {
    Map<String, String> props = new TreeMap<>();
    props.put("loadgate.verdict", result.verdict().name());
    props.put("loadgate.exitCode", Integer.toString(result.exitCode()));
    Environment env = result.metadata().environment();
    if (env != null) {
      props.put("loadgate.suite", env.suite());
      props.put("loadgate.target", env.target());
      props.put("loadgate.gitCommit", env.gitCommit());
      props.put("loadgate.jdk", env.jdk());
      props.put("loadgate.cores", Integer.toString(env.cores()));
    }
    if (result.metadata().acceptedRunId() != null) {
      props.put("loadgate.acceptedRunId", result.metadata().acceptedRunId());
    }
    xml.append("    <properties>\n");
    props.forEach(
        (name, value) ->
            xml.append("      <property name=\"")
                .append(attr(name))
                .append("\" value=\"")
                .append(attr(value))
                .append("\"/>\n"));
    xml.append("    </properties>\n");
  }

  private static void testcase(StringBuilder xml, Check check, RunResult result) {
    xml.append("    <testcase classname=\"")
        .append(attr(CheckText.group(check)))
        .append("\" name=\"")
        .append(attr(check.id()))
        .append("\" time=\"0\">\n");
    if (isFailure(check)) {
      xml.append("      <failure message=\"")
          .append(attr(CheckText.requirement(check)))
          .append("\" type=\"")
          .append(check.status().name())
          .append("\">")
          .append(text(check.reason()))
          .append("</failure>\n");
    } else if (isSkipped(check)) {
      xml.append("      <skipped message=\"")
          .append(attr("not gated: " + check.reason()))
          .append("\"/>\n");
    }
    xml.append("      <system-out>")
        .append(text(evidence(check, result)))
        .append("</system-out>\n");
    xml.append("    </testcase>\n");
  }

  private static String evidence(Check check, RunResult result) {
    StringBuilder out = new StringBuilder();
    out.append(check.title()).append('\n');
    out.append("status: ")
        .append(check.status())
        .append(check.gated() ? " (gated)" : " (not gated)")
        .append('\n');
    out.append(CheckText.requirement(check)).append('\n');
    if (!check.reason().isEmpty()) {
      out.append("reason: ").append(check.reason()).append('\n');
    }
    if (check.comparison() != null) {
      out.append("vs accepted run ")
          .append(check.comparison().acceptedRunId())
          .append(": ")
          .append(CheckText.quantity(check.comparison().acceptedValue(), check.unit()))
          .append(", delta ")
          .append(CheckText.delta(check))
          .append(check.comparison().regressed() ? ", regressed" : "")
          .append('\n');
    }
    if (!check.guideSection().isEmpty()) {
      out.append("guide: ").append(check.guideSection()).append('\n');
    }
    Figure figure = result.measurements().figures().get(check.id());
    if (figure != null) {
      out.append("source: ").append(figure.source()).append('\n');
      if (!figure.note().isEmpty()) {
        out.append("note: ").append(figure.note()).append('\n');
      }
      for (Map<String, String> row : figure.evidence()) {
        out.append("  ").append(new TreeMap<>(row)).append('\n');
      }
    }
    return out.toString();
  }

  private static boolean isFailure(Check check) {
    return check.status() == Status.FAIL || check.failsGate();
  }

  private static boolean isSkipped(Check check) {
    return check.status() == Status.NO_DATA && !check.gated();
  }

  private static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
  }

  /** Escapes for an attribute value; characters XML 1.0 forbids are dropped. */
  static String attr(String value) {
    return text(value).replace("\"", "&quot;").replace("\n", "&#10;").replace("\t", "&#9;");
  }

  /** Escapes for element text; characters XML 1.0 forbids are dropped. */
  static String text(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                  if (isXmlChar(c)) {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }

  private static boolean isXmlChar(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
