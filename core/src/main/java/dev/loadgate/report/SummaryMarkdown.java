package dev.loadgate.report;

import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code summary.md}: GitHub-flavoured Markdown a pull request can show as is (e.g. as a job
 * summary or a sticky comment). A verdict line, one table row per check with failures first, then
 * notes.
 */
public final class SummaryMarkdown {
  /** The file name inside a run folder. */
  public static final String FILE = "summary.md";

  private SummaryMarkdown() {}

  /** The document for {@code result}. */
  public static String render(RunResult result) {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(verdictLine(result)).append("\n\n");
    if (!result.checks().isEmpty()) {
      md.append("| Check | Limit | Measured (95 % CI) | Samples | Δ vs accepted | Status |\n");
      md.append("|---|---|---|--:|--:|---|\n");
      for (Check check : CheckText.failuresFirst(result.checks())) {
        md.append("| ")
            .append(cell(check.title().equals(check.id()) ? "`" + check.id() + "`" : label(check)))
            .append(" | ")
            .append(cell(CheckText.limit(check)))
            .append(" | ")
            .append(cell(CheckText.measured(check)))
            .append(" | ")
            .append(check.samples())
            .append(" | ")
            .append(cell(deltaCell(check)))
            .append(" | ")
            .append(statusCell(check))
            .append(" |\n");
      }
      md.append('\n');
    }
    List<String> notes = notes(result);
    if (!notes.isEmpty()) {
      md.append("**Notes**\n\n");
      notes.forEach(note -> md.append("- ").append(inline(note)).append('\n'));
      md.append('\n');
    }
    md.append(footer(result)).append('\n');
    return md.toString();
  }

  /** Writes {@link #render} to {@code file}. */
  public static void write(Path file, RunResult result) {
    try {
      Files.writeString(file, render(result), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** {@code "❌ loadgate FAIL: 2 of 14 gated checks failed"} and the like. */
  public static String verdictLine(RunResult result) {
    if (!result.complete()) {
      return "⛔ loadgate INCOMPLETE: " + inline(result.incompleteReason());
    }
    if (result.checks().isEmpty()) {
      return "❌ loadgate FAIL: no checks were evaluated";
    }
    return switch (result.verdict()) {
      case PASS -> "✅ loadgate PASS: " + CheckText.tally(result.checks());
      case WARN -> "⚠️ loadgate PASS with warnings: " + CheckText.tally(result.checks());
      default -> "❌ loadgate FAIL: " + CheckText.tally(result.checks());
    };
  }

  private static String label(Check check) {
    return check.title() + " `" + check.id() + "`";
  }

  private static String deltaCell(Check check) {
    if (check.comparison() == null) {
      return "—";
    }
    String delta = CheckText.delta(check);
    return check.comparison().regressed() ? "**" + delta + " regressed**" : delta;
  }

  private static String statusCell(Check check) {
    String icon =
        switch (check.status()) {
          case PASS -> "✅";
          case WARN -> "⚠️";
          case FAIL -> "❌";
          case NO_DATA -> check.gated() ? "❌" : "➖";
        };
    String text = icon + " " + CheckText.statusLabel(check);
    if (check.failsGate()) {
      return "**" + text + "**";
    }
    return check.gated() ? text : text + " (not gated)";
  }

  private static List<String> notes(RunResult result) {
    List<String> notes = new ArrayList<>();
    List<String> unmeasured = new ArrayList<>();
    for (Check check : CheckText.failuresFirst(result.checks())) {
      if (CheckText.isUngatedNoData(check)) {
        unmeasured.add("`" + check.id() + "`");
      } else if (check.status() != Status.PASS && !check.reason().isEmpty()) {
        notes.add("`" + check.id() + "`: " + check.reason());
      }
    }
    if (!unmeasured.isEmpty()) {
      notes.add("not gated and not measured in this run: " + String.join(", ", unmeasured));
    }
    notes.addAll(result.notes());
    return notes;
  }

  private static String footer(RunResult result) {
    RunMetadata meta = result.metadata();
    Environment env = meta.environment();
    StringBuilder text = new StringBuilder("<sub>run `").append(meta.runId()).append('`');
    if (env != null) {
      text.append(" · suite ")
          .append(inline(env.suite()))
          .append(" · target ")
          .append(inline(env.target()))
          .append(" · commit ")
          .append(inline(shortCommit(env.gitCommit())))
          .append(" · JDK ")
          .append(inline(env.jdk()))
          .append(" · ")
          .append(env.cores())
          .append(" cores");
    }
    if (meta.acceptedRunId() != null) {
      text.append(" · against accepted run `").append(meta.acceptedRunId()).append('`');
    }
    return text.append("</sub>").toString();
  }

  static String shortCommit(String commit) {
    return commit.length() == 40 ? commit.substring(0, 12) : commit;
  }

  /** Text safe inside a table cell: pipes escaped, line breaks folded. */
  private static String cell(String text) {
    return inline(text).replace("|", "\\|");
  }

  /** Text safe on one Markdown line: no raw HTML, no line breaks. */
  private static String inline(String text) {
    // "< 500 ms" stays readable; only a "<" that could open an HTML tag is escaped.
    return text.replace("\r", " ").replace("\n", " ").replaceAll("<(?=[A-Za-z/!?])", "&lt;");
  }
}
