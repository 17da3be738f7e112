package io.containercodes.lab.progress;

import static io.containercodes.lab.render.Html.escape;

import io.containercodes.lab.audit.AuditReport;
import io.containercodes.lab.audit.HostView;
import io.containercodes.lab.audit.RuleResult;
import io.containercodes.lab.engine.LineFlag;
import io.containercodes.lab.progress.ChallengeBoard.Board;
import io.containercodes.lab.progress.ChallengeBoard.Entry;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The board as one self-contained page in the class page's style and under its policy (no script,
 * nothing loaded). Everything a participant typed (name, line) and everything the probe read is
 * escaped; entries carry {@code id}s and {@code data-} attributes so a test can read the ranking
 * back from the page. Like the JSON, the page holds nothing from the clock.
 */
public final class BoardPage {
  private static final String CSS =
      """
      #board th,#board td{border:1px solid #d0d7de;padding:2px 6px;text-align:left}
      #board td.num{text-align:right}
      tr.passed td.status{background:#2da44e;color:#fff}
      tr.failed td.status{background:#f0b429;color:#1d2329}
      tr.refused td.status,tr.not-judged td.status{background:#cf222e;color:#fff}
      code.line{white-space:pre-wrap;word-break:break-all}
      """;

  private BoardPage() {}

  public static String html(Board b) {
    StringBuilder h = new StringBuilder(16_384);
    ClassPage.document(h, "Challenge board", CSS);
    h.append("<h1>Challenge board</h1>\n");
    meta(h, b);
    table(h, b);
    h.append("<h2>Entries</h2>\n<div id=\"entries\">\n");
    b.entries().forEach(e -> details(h, e));
    h.append("</div>\n");
    if (!b.skipped().isEmpty()) {
      h.append("<h2>Skipped files</h2>\n<ul id=\"skipped\">\n");
      b.skipped().forEach(s -> h.append("<li>").append(escape(s)).append("</li>\n"));
      h.append("</ul>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void meta(StringBuilder h, Board b) {
    HostView host = b.host();
    h.append("<p class=\"meta\" id=\"counts\" data-entries=\"")
        .append(b.entries().size())
        .append("\" data-judged=\"")
        .append(b.judged())
        .append("\">")
        .append(b.entries().size())
        .append(" submission(s), ")
        .append(b.judged())
        .append(" distinct line(s) judged on ")
        .append(escape(host.engine() + " " + host.engineVersion()))
        .append("; the challenge needs ")
        .append(b.minScore())
        .append(", no high-severity finding, no network, and the project's tests run.</p>\n")
        .append("<p class=\"meta\" id=\"order\">Ranked: ")
        .append(escape(ChallengeBoard.ORDER))
        .append(" Flags beyond the needed ones: the line's flags that no passed rule's fix names")
        .append(" (the /workspace mount and --rm are always needed).</p>\n");
    h.append(
        "<details id=\"engine\"><summary>Engine facts the lines were judged on</summary><ul>\n");
    for (HostView.EngineFact f : host.facts()) {
      h.append("<li>")
          .append(escape(f.topic() + ": " + f.answer() + " (" + f.basis() + ") " + f.detail()))
          .append("</li>\n");
    }
    h.append("</ul></details>\n");
  }

  private static void table(StringBuilder h, Board b) {
    h.append("<table id=\"board\"><thead><tr><th>#</th><th>Participant</th><th>Verdict</th>")
        .append("<th>Score</th><th>Flags beyond</th><th>Submitted</th></tr></thead><tbody>\n");
    for (Entry e : b.entries()) {
      h.append("<tr class=\"")
          .append(e.status().replace(' ', '-'))
          .append("\" data-rank=\"")
          .append(e.rank())
          .append("\" data-participant=\"")
          .append(escape(e.submission().participant()))
          .append("\"><td class=\"num\">")
          .append(e.rank())
          .append("</td><td><a href=\"#entry-")
          .append(e.rank())
          .append("\">")
          .append(escape(e.submission().participant()))
          .append("</a></td><td class=\"status\">")
          .append(e.status())
          .append("</td><td class=\"num\">")
          .append(e.refused() ? "–" : String.valueOf(e.result().audit().score()))
          .append("</td><td class=\"num\">")
          .append(e.refused() ? "–" : String.valueOf(e.extraFlags().size()))
          .append("</td><td>")
          .append(e.submission().modified())
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void details(StringBuilder h, Entry e) {
    h.append("<details id=\"entry-")
        .append(e.rank())
        .append("\"><summary>")
        .append(e.rank())
        .append(". ")
        .append(escape(e.submission().participant()))
        .append(" — ")
        .append(e.status())
        .append("</summary>\n<p><code class=\"line\">")
        .append(escape(e.submission().line() == null ? "" : e.submission().line()))
        .append("</code></p>\n<p class=\"file\">from ")
        .append(escape(e.submission().file()))
        .append(e.judgedWith() == null ? "" : "; the same spec as " + escape(e.judgedWith()))
        .append("</p>\n");
    if (e.refused()) {
      h.append("<p class=\"refusal\">")
          .append(e.unjudged() ? "Not judged: " : "Refused, never run: ")
          .append(escape(e.refusal()))
          .append("</p>\n");
    } else {
      judged(h, e);
    }
    h.append("</details>\n");
  }

  private static void judged(StringBuilder h, Entry e) {
    AuditReport a = e.result().audit();
    h.append("<p>Score ")
        .append(a.score())
        .append("/100; the project's tests ")
        .append(e.result().task().passed() ? "ran" : "did not run")
        .append("; flags beyond the needed ones: ")
        .append(e.extraFlags().isEmpty() ? "none" : escape(names(e.extraFlags())))
        .append(".</p>\n");
    e.result()
        .requirementsUnmet()
        .forEach(
            u ->
                h.append("<p class=\"stop\">Required whatever the score, and not met: ")
                    .append(escape(u.rule().title()))
                    .append("</p>\n"));
    h.append("<p>What the line still allows:</p>\n<ul class=\"findings\">\n");
    for (RuleResult f : a.findings()) {
      h.append("<li data-rule=\"")
          .append(escape(f.rule().id()))
          .append("\">")
          .append(escape(f.rule().severity().label() + ": " + f.rule().title()))
          .append(" — ")
          .append(escape(f.verdict().evidence()))
          .append(" (fix: ")
          .append(escape(f.rule().fix()))
          .append(")</li>\n");
    }
    h.append(a.findings().isEmpty() ? "<li>nothing the audit checks</li>\n" : "").append("</ul>\n");
    if (!a.hostSkipped().isEmpty()) {
      h.append("<p class=\"meta\">").append(escape(a.hostSkippedSentence())).append("</p>\n");
    }
  }

  private static String names(List<LineFlag> flags) {
    return flags.stream().map(LineFlag::longName).collect(Collectors.joining(" "));
  }
}
