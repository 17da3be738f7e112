package io.containercodes.lab.progress;

import static io.containercodes.lab.render.Html.escape;

import java.util.List;

/**
 * {@link Room} as a section of the class page ({@link ClassPage}): who is stuck now at the top,
 * then the funnels, the wrong lines per exercise and hint use. Every string from an export — names,
 * lines, reasons, ids — goes through {@link io.containercodes.lab.render.Html#escape}; numbers are
 * the model's, carried in {@code data-} attributes too so tests and tools can read them back.
 */
final class RoomPage {
  private RoomPage() {}

  /** The stuck learners, near the top of the page where an instructor looks first. */
  static void stuck(StringBuilder h, Room room) {
    h.append("<section id=\"stuck\" class=\"stuck\" data-count=\"")
        .append(room.stuck().size())
        .append("\" data-after-minutes=\"")
        .append(room.stuckAfter().toMinutes())
        .append("\"><h2>Stuck now</h2>\n");
    if (room.stuck().isEmpty()) {
      h.append("<p>Nobody: no learner's last act is a failed attempt ")
          .append(room.stuckAfter().toMinutes())
          .append(" minutes old or more.</p></section>\n");
      return;
    }
    h.append("<p>Their last act is a failed attempt at least ")
        .append(room.stuckAfter().toMinutes())
        .append(" minutes old:</p>\n<ul>\n");
    for (StuckLearners.Stuck s : room.stuck()) {
      h.append("<li data-minutes=\"")
          .append(s.minutes())
          .append("\" data-demo=\"")
          .append(escape(s.demoId()))
          .append("\"><span class=\"name\">")
          .append(escape(s.learner()))
          .append("</span> — ")
          .append(escape(s.demoId()))
          .append(", ")
          .append(s.minutes())
          .append(" min")
          .append(s.line() == null ? "" : ": <code>" + escape(s.line()) + "</code>")
          .append("</li>\n");
    }
    h.append("</ul></section>\n");
  }

  /** The funnels, the wrong lines and hint use. */
  static void room(StringBuilder h, Room room) {
    h.append("<h2>Where the room got stuck</h2>\n");
    funnel(h, "funnel-lessons", "lesson", room.lessons(), true);
    funnel(h, "funnel-demos", "demo", room.demos(), false);
    h.append("<div id=\"wrong-lines\">\n");
    room.wrongLines().forEach(e -> wrongLines(h, e));
    h.append("</div>\n");
    hints(h, room.hints());
  }

  private static void funnel(
      StringBuilder h, String id, String what, List<Room.Step> steps, boolean title) {
    h.append("<table id=\"")
        .append(id)
        .append("\" class=\"funnel\"><thead><tr><th>")
        .append(what)
        .append("</th><th>reached</th><th>attempted</th><th>solved</th></tr></thead><tbody>\n");
    for (Room.Step s : steps) {
      h.append("<tr data-id=\"")
          .append(escape(s.id()))
          .append("\" data-reached=\"")
          .append(s.reached())
          .append("\" data-attempted=\"")
          .append(s.attempted())
          .append("\" data-solved=\"")
          .append(s.solved())
          .append("\" data-of=\"")
          .append(s.of())
          .append("\"><td>")
          .append(escape(title ? s.id() + " " + s.title() : s.id()))
          .append("</td>");
      cell(h, s.reached(), s.of());
      cell(h, s.attempted(), s.of());
      cell(h, s.solved(), s.of());
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  /** A count with a bar of its share: a funnel read at a glance. */
  private static void cell(StringBuilder h, int n, int of) {
    h.append("<td class=\"num\"><span class=\"fbar\" style=\"width:")
        .append(of == 0 ? 0 : n * 80 / of)
        .append("px\"></span> ")
        .append(n)
        .append("</td>");
  }

  private static void wrongLines(StringBuilder h, WrongLines.Exercise e) {
    h.append("<h3>Wrong lines for ")
        .append(escape(e.demoId()))
        .append("</h3>\n<p>")
        .append(e.lines())
        .append(" wrong line(s) from ")
        .append(e.learners())
        .append(" learner(s); one row per answer, however it was spelled.</p>\n")
        .append("<table class=\"wrong\" data-exercise=\"")
        .append(escape(e.demoId()))
        .append("\" data-lines=\"")
        .append(e.lines())
        .append("\" data-learners=\"")
        .append(e.learners())
        .append("\"><thead><tr><th>answer (its most used spelling)</th><th>lines</th>")
        .append("<th>learners</th><th>spellings</th><th>the lab said</th></tr></thead><tbody>\n");
    for (WrongLines.Group g : e.groups()) {
      h.append("<tr class=\"group\" data-lines=\"")
          .append(g.lines())
          .append("\" data-learners=\"")
          .append(g.learners())
          .append("\" data-spellings=\"")
          .append(g.spellings())
          .append("\"><td><code>")
          .append(escape(g.example()))
          .append("</code></td><td class=\"num\">")
          .append(g.lines())
          .append("</td><td class=\"num\">")
          .append(g.learners())
          .append("</td><td class=\"num\">")
          .append(g.spellings())
          .append("</td><td>")
          .append(escape(RoomText.explanation(g)))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
    if (e.more() > 0) {
      h.append("<p class=\"meta\">and ").append(e.more()).append(" more answer(s)</p>\n");
    }
  }

  private static void hints(StringBuilder h, List<Room.HintUse> hints) {
    h.append("<h3>Hints</h3>\n");
    if (hints.isEmpty()) {
      h.append("<p id=\"hints\">No hint taken.</p>\n");
      return;
    }
    h.append("<table id=\"hints\"><thead><tr><th>demo</th><th>learners</th><th>hints</th>")
        .append("<th>then passed</th></tr></thead><tbody>\n");
    for (Room.HintUse u : hints) {
      h.append("<tr data-id=\"")
          .append(escape(u.demoId()))
          .append("\"><td>")
          .append(escape(u.demoId()))
          .append("</td><td class=\"num\">")
          .append(u.learners())
          .append("</td><td class=\"num\">")
          .append(u.hints())
          .append("</td><td class=\"num\">")
          .append(u.passedAfter())
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }
}
