package dev.loadgate.report;

import dev.loadgate.verdict.Status;
import java.util.Locale;

/**
 * Escaping and small helpers shared by the HTML writers. Every string goes through {@link #esc}.
 */
final class Html {
  static final String PASS_COLOR = "#1a7f37";
  static final String WARN_COLOR = "#9a6700";
  static final String FAIL_COLOR = "#cf222e";
  static final String NO_DATA_COLOR = "#6e7781";

  /** Inline CSS; system fonts only, so the page never loads anything. */
  static final String STYLE =
      """
      :root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#ffffff;--soft:#f6f8fa}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
      main{max-width:1040px;margin:0 auto;padding:0 20px 40px}
      .banner{color:#fff;padding:18px 20px}
      .banner .inner{max-width:1000px;margin:0 auto;display:flex;gap:18px;align-items:center;flex-wrap:wrap}
      .banner .word{font-size:30px;font-weight:700;letter-spacing:.04em}
      .banner .what{font-size:16px;font-weight:600}
      .banner .meta{font-size:13px;opacity:.9}
      .PASS{background:#1a7f37}.WARN{background:#9a6700}.FAIL{background:#cf222e}.NO_DATA,.INCOMPLETE{background:#57606a}
      h1{font-size:20px;margin:24px 0 4px}
      h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
      h3{font-size:14px;margin:16px 0 6px}
      table{border-collapse:collapse;width:100%;font-size:13px}
      th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      th{background:var(--soft);font-weight:600}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 4px;border-radius:4px}
      .pill{display:inline-block;white-space:nowrap;min-width:64px;text-align:center;color:#fff;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600}
      .muted{color:var(--muted)}
      .nowrap{white-space:nowrap}
      .reason{color:var(--muted);font-size:12px}
      .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:12px}
      .card{border:1px solid var(--line);border-radius:6px;padding:6px}
      .hint{color:var(--muted);font-size:12px;margin:4px 0}
      svg{display:block;max-width:100%;height:auto}
      svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
      dt{color:var(--muted)}dd{margin:0}
      """;

  private Html() {}

  /** Escapes text for HTML element content and double-quoted attributes (and SVG). */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                  if (c >= 0x20 || c == '\n' || c == '\t') {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }

  static String color(Status status) {
    return switch (status) {
      case PASS -> PASS_COLOR;
      case WARN -> WARN_COLOR;
      case FAIL -> FAIL_COLOR;
      case NO_DATA -> NO_DATA_COLOR;
    };
  }

  /** A coordinate for SVG: one decimal, locale-independent. */
  static String px(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
