package io.containercodes.lab.progress;

import static io.containercodes.lab.render.Html.escape;

import io.containercodes.lab.progress.ClassReport.Attempt;
import io.containercodes.lab.progress.ClassReport.Column;
import io.containercodes.lab.progress.ClassReport.Completion;
import io.containercodes.lab.progress.ClassReport.Result;
import io.containercodes.lab.progress.ClassReport.Row;
import io.containercodes.lab.progress.ClassReport.Share;
import io.containercodes.lab.progress.ClassReport.Stop;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The class report as one self-contained HTML page: inline CSS, charts as inline SVG drawn here, no
 * script, font or address outside the file (classrooms are often offline). Its
 * Content-Security-Policy forbids scripts and every load, so even a mistake in escaping could not
 * run anything. Every string from an export goes through {@link
 * io.containercodes.lab.render.Html#escape}; numbers come from the {@link Result} model, the same
 * as the Markdown and CSV views. Elements carry {@code id}s and {@code data-} attributes so a test
 * (and an instructor's own tooling) can read the numbers back from the page.
 */
public final class ClassPage {
  private static final int BAR = 320;

  private ClassPage() {}

  /** The page, with who is stuck judged at {@code generated} after the default time. */
  public static String html(Result r, Instant generated) {
    return html(r, Room.of(r, generated, Room.DEFAULT_STUCK_AFTER), generated);
  }

  /** The page, with {@code room} (read from the same result) where the room got stuck. */
  public static String html(Result r, Room room, Instant generated) {
    StringBuilder h = new StringBuilder(16_384);
    head(h, r);
    counts(h, r, generated);
    stop(h, r);
    RoomPage.stuck(h, room);
    grid(h, r);
    completion(h, r);
    shares(
        h,
        new Legend(
            "demos", "Demos", "first try", "after retries or hints", null, "tried, not passed"),
        r.demoShares());
    if (!r.exerciseShares().isEmpty()) {
      shares(
          h,
          new Legend(
              "exercises",
              "Exercises",
              "solved first try",
              "after hints",
              "with the solution",
              "not solved"),
          r.exerciseShares());
    }
    if (!r.quizShares().isEmpty()) {
      quiz(h, r);
    }
    if (!r.predictionShares().isEmpty()) {
      predictions(h, r);
    }
    RoomPage.room(h, room);
    learners(h, r);
    if (!r.skipped().isEmpty()) {
      h.append("<h2>Skipped files</h2>\n<ul id=\"skipped\">\n");
      r.skipped().forEach(s -> h.append("<li>").append(escape(s)).append("</li>\n"));
      h.append("</ul>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /**
   * The page made to reload itself every {@code seconds} (for {@code report --watch}): a meta
   * refresh names no address, so the policy that forbids every load still holds.
   */
  public static String refreshing(String page, int seconds) {
    return page.replaceFirst(
        "<meta charset=\"utf-8\">\n",
        "<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"" + seconds + "\">\n");
  }

  /** The document's head (no script, nothing loaded: see the policy) and its title. */
  private static void head(StringBuilder h, Result r) {
    document(h, "Class report: " + r.episodeId(), "");
    h.append("<h1>Class report: ").append(escape(r.episodeId())).append("</h1>\n");
  }

  /**
   * The start of a page in the class page's style, up to its body: the policy that forbids scripts
   * and loads, the title (escaped here) and the shared CSS with {@code extraCss} after it. The
   * challenge board's page starts the same way.
   */
  static void document(StringBuilder h, String title, String extraCss) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
                + " 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append(extraCss)
        .append("</style>\n</head>\n<body>\n");
  }

  private static void counts(StringBuilder h, Result r, Instant generated) {
    h.append("<p class=\"meta\" id=\"counts\" data-learners=\"")
        .append(r.rows().size())
        .append("\" data-files=\"")
        .append(r.files())
        .append("\" data-skipped=\"")
        .append(r.skipped().size())
        .append("\">")
        .append(r.rows().size())
        .append(" learner(s) counted from ")
        .append(r.files())
        .append(" file(s)")
        .append(
            r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " skipped (listed at the end)")
        .append(" · generated ")
        .append(generated.truncatedTo(ChronoUnit.SECONDS))
        .append(" by cclab report</p>\n");
  }

  private static void stop(StringBuilder h, Result r) {
    Stop s = r.stop();
    h.append("<p id=\"stop\" class=\"stop\"");
    if (r.rows().isEmpty()) {
      h.append(
          " data-lesson=\"\" data-learners=\"0\">No learner counted yet: exports appear here as"
              + " they are handed in.</p>\n");
      return;
    }
    if (s.lesson() == null) {
      h.append(" data-lesson=\"\" data-learners=\"0\">Every learner has done every lesson.</p>\n");
      return;
    }
    h.append(" data-lesson=\"")
        .append(s.lesson().number2())
        .append("\" data-learners=\"")
        .append(s.learners())
        .append("\">Most learners stop at <strong>")
        .append(s.lesson().number2())
        .append(' ')
        .append(escape(s.lesson().title()))
        .append("</strong>: ")
        .append(s.learners())
        .append(" of ")
        .append(s.of())
        .append(" have not done it yet (the first lesson each has not done).</p>\n");
  }

  private static void grid(StringBuilder h, Result r) {
    h.append(
        """
        <h2>Learners × lessons</h2>
        <table id="grid">
        <thead><tr><th scope="col">learner</th>\
        """);
    for (Column c : r.columns()) {
      h.append("<th scope=\"col\" title=\"")
          .append(escape(c.number2() + " " + c.title()))
          .append("\">")
          .append(c.number2())
          .append("</th>");
    }
    h.append(
        """
        <th scope="col">demos passed</th><th scope="col">challenge</th></tr></thead>
        <tbody>
        """);
    for (Row row : r.rows()) {
      h.append("<tr class=\"learner\"><th scope=\"row\" class=\"name\" title=\"")
          .append(escape(row.learner()))
          .append("\">")
          .append(escape(row.learner()))
          .append("</th>");
      for (Column c : r.columns()) {
        LessonStatus st = row.status(c.key());
        h.append("<td class=\"st ")
            .append(ClassReport.word(st))
            .append("\" data-lesson=\"")
            .append(c.number2())
            .append("\" title=\"")
            .append(escape(c.number2() + " " + c.title() + ": " + ClassReport.word(st)))
            .append("\">")
            .append(st.mark())
            .append("</td>");
      }
      h.append("<td class=\"num passed\">")
          .append(row.demosPassed())
          .append("</td><td class=\"st ")
          .append(row.challengePassed() ? "done\">✓" : "not-started\">○")
          .append("</td></tr>\n");
    }
    h.append(
        "</tbody>\n"
            + "</table>\n"
            + "<p class=\"legend\"><span class=\"key done\">✓</span> done <span class=\"key"
            + " started\">•</span> started <span class=\"key not-started\">○</span> not"
            + " started</p>\n");
  }

  private static void completion(StringBuilder h, Result r) {
    List<Completion> all = r.completion();
    h.append("<h2>Completion per lesson</h2>\n");
    svg(h, "completion", "lessons done per lesson", all.size());
    int y = 4;
    for (Completion c : all) {
      completionBar(h, c, y);
      y += ROW;
    }
    h.append("</svg>\n");
  }

  /** The height of one bar's row in a chart. */
  private static final int ROW = 22;

  /** The opening tag of a chart of {@code rows} bars. */
  private static void svg(StringBuilder h, String id, String label, int rows) {
    int height = rows * ROW + 6;
    h.append("<svg id=\"")
        .append(id)
        .append("\" role=\"img\" aria-label=\"")
        .append(label)
        .append("\" width=\"")
        .append(BAR + 420)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(BAR + 420)
        .append(' ')
        .append(height)
        .append("\">\n");
  }

  private static void completionBar(StringBuilder h, Completion c, int y) {
    int n = Math.max(1, c.learners());
    int wDone = c.done() * BAR / n;
    int wStarted = c.started() * BAR / n;
    h.append("<g class=\"bar\" data-lesson=\"")
        .append(c.lesson().number2())
        .append("\" data-done=\"")
        .append(c.done())
        .append("\" data-started=\"")
        .append(c.started())
        .append("\" data-learners=\"")
        .append(c.learners())
        .append("\">")
        .append("<title>")
        .append(escape(c.lesson().number2() + " " + c.lesson().title()))
        .append("</title>")
        .append("<text x=\"0\" y=\"")
        .append(y + 14)
        .append("\" class=\"label\">")
        .append(c.lesson().number2())
        .append(' ')
        .append(escape(shorten(c.lesson().title(), 30)))
        .append("</text>");
    rect(h, 240, y, BAR, "track");
    rect(h, 240, y, wDone, "done");
    rect(h, 240 + wDone, y, wStarted, "started");
    h.append("<text x=\"")
        .append(250 + BAR)
        .append("\" y=\"")
        .append(y + 14)
        .append("\" class=\"n\">")
        .append(c.done())
        .append('/')
        .append(c.learners())
        .append(" done")
        .append(c.started() > 0 ? ", " + c.started() + " started" : "")
        .append("</text></g>\n");
  }

  private static void rect(StringBuilder h, int x, int y, int width, String cssClass) {
    h.append("<rect x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"18\" class=\"")
        .append(cssClass)
        .append("\"/>");
  }

  /**
   * A chart's heading and the names of its bar segments; {@code solution} is null where there is no
   * such segment.
   */
  private record Legend(
      String id, String heading, String first, String after, String solution, String notSolved) {}

  private static void shares(StringBuilder h, Legend l, List<Share> shares) {
    h.append("<h2>")
        .append(l.heading())
        .append("</h2>\n<p class=\"legend\"><span class=\"key first\"></span> ")
        .append(l.first())
        .append(" <span class=\"key after\"></span> ")
        .append(l.after())
        .append(l.solution() == null ? "" : " <span class=\"key solution\"></span> " + l.solution())
        .append(" <span class=\"key failed\"></span> ")
        .append(l.notSolved())
        .append(" <span class=\"key none\"></span> not tried</p>\n");
    svg(h, l.id(), l.heading() + " per learner", shares.size());
    int y = 4;
    for (Share s : shares) {
      shareBar(h, s, y);
      y += ROW;
    }
    h.append("</svg>\n");
  }

  private static void shareBar(StringBuilder h, Share s, int y) {
    int n = Math.max(1, s.learners());
    h.append("<g class=\"share\" data-id=\"")
        .append(escape(s.id()))
        .append("\" data-first-try=\"")
        .append(s.firstTry())
        .append("\" data-after=\"")
        .append(s.afterRetries())
        .append("\" data-solution=\"")
        .append(s.withSolution())
        .append("\" data-not-solved=\"")
        .append(s.notSolved())
        .append("\" data-not-tried=\"")
        .append(s.notTried())
        .append("\"><text x=\"0\" y=\"")
        .append(y + 14)
        .append("\" class=\"label\">")
        .append(escape(shorten(s.id(), 30)))
        .append("</text>");
    int x = 240;
    int[] counts = {s.firstTry(), s.afterRetries(), s.withSolution(), s.notSolved(), s.notTried()};
    String[] classes = {"first", "after", "solution", "failed", "none"};
    for (int i = 0; i < counts.length; i++) {
      int w = counts[i] * BAR / n;
      if (w > 0) {
        rect(h, x, y, w, classes[i]);
        x += w;
      }
    }
    h.append("<text x=\"")
        .append(250 + BAR)
        .append("\" y=\"")
        .append(y + 14)
        .append("\" class=\"n\">")
        .append(s.firstTry())
        .append(" first try, ")
        .append(s.afterRetries() + s.withSolution())
        .append(" later, ")
        .append(s.notSolved())
        .append(" not yet")
        .append("</text></g>\n");
  }

  private static void quiz(StringBuilder h, Result r) {
    h.append(
        "<h2>Quiz</h2>\n"
            + "<table"
            + " id=\"quiz\"><thead><tr><th>question</th><th>right</th><th>answered</th></tr></thead><tbody>\n");
    for (ClassReport.QuizShare q : r.quizShares()) {
      h.append("<tr data-id=\"")
          .append(escape(q.id()))
          .append("\"><td>")
          .append(escape(q.id()))
          .append("</td><td class=\"num\">")
          .append(q.right())
          .append("</td><td class=\"num\">")
          .append(q.answered())
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  /** Per prediction question, how much of the class saw the result coming. */
  private static void predictions(StringBuilder h, Result r) {
    h.append(
        "<h2>Predictions</h2>\n"
            + "<table id=\"predictions\"><thead><tr><th>prediction</th><th>demo</th>"
            + "<th>predicted right</th><th>answered</th></tr></thead><tbody>\n");
    for (ClassReport.PredictionShare p : r.predictionShares()) {
      h.append("<tr data-id=\"")
          .append(escape(p.demoId()))
          .append("\" data-right=\"")
          .append(p.right())
          .append("\" data-answered=\"")
          .append(p.answered())
          .append("\"><td>")
          .append(escape(p.question()))
          .append("</td><td>")
          .append(escape(p.demoId()))
          .append("</td><td class=\"num\">")
          .append(p.right())
          .append(" (")
          .append(p.rightPercent())
          .append(" %)</td><td class=\"num\">")
          .append(p.answered())
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void learners(StringBuilder h, Result r) {
    h.append("<h2>Each learner</h2>\n<div id=\"learners\">\n");
    for (Row row : r.rows()) {
      Column stopped = r.stoppedAt(row);
      h.append("<details class=\"learner-detail\" data-file=\"")
          .append(escape(row.file()))
          .append("\"><summary><span class=\"name\">")
          .append(escape(row.learner()))
          .append("</span> — ")
          .append(row.demosPassed())
          .append(" demo(s) passed, ")
          .append(
              stopped == null ? "every lesson done" : "first lesson not done: " + stopped.number2())
          .append(row.challengePassed() ? ", challenge passed" : "")
          .append("</summary>\n");
      if (row.demos().isEmpty()) {
        h.append("<p>No demo run yet.</p>\n");
      } else {
        h.append(
                "<table"
                    + " class=\"attempts\"><thead><tr><th>demo</th><th>status</th><th>runs</th><th>hints</th>")
            .append("<th>last run</th></tr></thead><tbody>\n");
        for (Attempt a : row.demos().values()) {
          h.append("<tr><td>")
              .append(escape(a.demoId()))
              .append("</td><td class=\"st ")
              .append(a.passed() ? "done" : a.attempts() > 0 ? "failed" : "not-started")
              .append("\">")
              .append(escape(a.status()))
              .append("</td><td class=\"num\">")
              .append(a.attempts())
              .append("</td><td class=\"num\">")
              .append(a.hintsUsed())
              .append("</td><td>")
              .append(a.lastRun() == null ? "" : escape(a.lastRun()))
              .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
      }
      h.append("<p class=\"file\">from ").append(escape(row.file())).append("</p></details>\n");
    }
    h.append("</div>\n");
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static final String CSS =
      """
      body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#1d2329;background:#fff;max-width:1100px}
      h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.4em 0 .4em}
      .meta{color:#57606a;margin:0}
      .stop{background:#fff4e5;border-left:4px solid #d97706;padding:.5em .8em}
      table{border-collapse:collapse}
      #grid th,#grid td{border:1px solid #d0d7de;padding:2px 6px;text-align:center}
      #grid th.name{text-align:left;max-width:22em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-weight:normal}
      td.done,.key.done{background:#2da44e;color:#fff}
      td.started,.key.started{background:#f0b429;color:#1d2329}
      td.not-started,.key.not-started{background:#eaeef2;color:#57606a}
      td.failed{background:#cf222e;color:#fff}
      td.num{text-align:right}
      .key{display:inline-block;min-width:1.2em;text-align:center;border-radius:2px;margin-left:.6em}
      .key.first{background:#2da44e}.key.after{background:#8fd19e}.key.solution{background:#54aeff}
      .key.failed{background:#cf222e}.key.none{background:#eaeef2}
      .legend .key:empty{height:.9em;vertical-align:middle}
      svg text{font:12px system-ui,sans-serif;fill:#1d2329}
      svg .track{fill:#eaeef2}svg .done,svg .first{fill:#2da44e}svg .started{fill:#f0b429}
      svg .after{fill:#8fd19e}svg .solution{fill:#54aeff}svg .failed{fill:#cf222e}svg .none{fill:#eaeef2}
      details{border:1px solid #d0d7de;border-radius:4px;padding:.3em .6em;margin:.3em 0}
      summary{cursor:pointer}
      .attempts th,.attempts td{border:1px solid #d0d7de;padding:1px 6px}
      .file{color:#57606a;font-size:.9em;margin:.3em 0}
      #skipped{color:#57606a}
      .stuck li .name{font-weight:bold}section.stuck{background:#ffebe9;border-left:4px solid #cf222e;padding:.2em .8em;margin:.6em 0}
      section.stuck[data-count="0"]{background:#f6f8fa;border-left-color:#2da44e}
      .funnel th,.funnel td,.wrong th,.wrong td,#hints th,#hints td{border:1px solid #d0d7de;padding:1px 6px}
      .fbar{display:inline-block;height:.7em;background:#54aeff;vertical-align:middle}
      .wrong code{white-space:pre-wrap;word-break:break-all}
      """;
}
