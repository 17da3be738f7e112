package io.containercodes.lab.progress;

import io.containercodes.lab.content.Question;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Style;
import io.containercodes.lab.render.Wrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a learner did, shown back to them lesson by lesson: each demo's runs, the prediction they
 * made and whether it held, how each exercise was solved (first try, after hints, with the solution
 * shown), their quiz answers — the latest, and the first when they answered again — and the
 * community challenge (issue #25.9). The REPL's {@code progress} and {@code cclab progress} show
 * the same report.
 */
public final class ProgressReport {
  private static final String DEMO_INDENT = "       ";
  private static final String DETAIL_INDENT = "         ";

  private final Episode episode;
  private final Progress progress;
  private final Style style;
  private final int width;

  public ProgressReport(Episode episode, Progress progress, Style style, int width) {
    this.episode = episode;
    this.progress = progress;
    this.style = style;
    this.width = width;
  }

  /** The report's lines, laid out for the width. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Lesson l : episode.lessons()) {
      lesson(l, out);
    }
    Progress.DemoProgress challenge = progress.demos().get(ClassReport.CHALLENGE);
    out.add(
        "  Community challenge: "
            + (challenge == null
                ? style.dim("not taken yet")
                : SafeText.escapeLine(challenge.lastOutcome())
                    + ", "
                    + challenge.attempts()
                    + " attempt(s)"));
    return out;
  }

  private void lesson(Lesson l, List<String> out) {
    LessonStatus status = LessonStatus.of(l, progress);
    String here = l.id().equals(progress.position()) ? style.cyan("  ← you are here") : "";
    String mark = status == LessonStatus.DONE ? style.green(status.mark()) : status.mark();
    out.addAll(
        Wrapper.wrap(
            String.format("%s %02d %s", mark, l.number(), SafeText.escapeLine(l.title())) + here,
            width,
            "  ",
            "       "));
    for (Lesson.DemoRef r : l.demos()) {
      demo(r.demoId(), out);
    }
    quiz(l, out);
  }

  private void demo(String id, List<String> out) {
    Progress.DemoProgress d = progress.demos().get(id);
    String summary = d == null ? style.dim("not run") : SafeText.escapeLine(d.summary());
    String row = DEMO_INDENT + String.format("%-20s ", id) + summary;
    if (Style.width(row) <= width) {
      out.add(row);
    } else {
      out.add(DEMO_INDENT + id);
      detail(summary, out);
    }
    if (d == null) {
      return;
    }
    Demo demo = episode.demo(id).orElse(null);
    if (d.prediction() != null && demo != null && demo.prediction() != null) {
      detail("predicted: " + choice(demo.prediction(), d.prediction()), out);
    }
    if (!d.lines().isEmpty()) {
      detail("your lines: " + exercise(d), out);
    }
    if (d.lastOutcome() != null && d.lastOutcome().startsWith("could not start")) {
      detail("last run " + SafeText.escapeLine(d.lastOutcome()), out);
    }
  }

  /** How an exercise went: solved first try, after hints, with the solution, or not yet. */
  static String exercise(Progress.DemoProgress d) {
    List<Progress.Attempt> lines = d.lines();
    int n = lines.size();
    for (int i = 0; i < n; i++) {
      Progress.Attempt a = lines.get(i);
      if (a.passed()) {
        String of = " (line " + (i + 1) + " of " + n + ")";
        if (a.solutionSeen()) {
          return "solved with the solution shown" + of;
        }
        if (a.hintsBefore() > 0) {
          return "solved after " + a.hintsBefore() + " hint(s)" + of;
        }
        return i == 0 ? "solved on the first try" + (n > 1 ? of : "") : "solved" + of;
      }
    }
    long refused = lines.stream().filter(a -> a.notStarted() != null).count();
    return "not solved yet, "
        + n
        + " line(s)"
        + (refused > 0 ? ", " + refused + " of them could not start" : "");
  }

  private void quiz(Lesson l, List<String> out) {
    List<Question> questions = l.quiz();
    if (questions.isEmpty()) {
      return;
    }
    Map<String, Progress.Answer> answers = progress.answers(l.id());
    if (answers.isEmpty()) {
      out.add(DEMO_INDENT + "quiz: " + style.dim(questions.size() + " question(s), not answered"));
      return;
    }
    for (int i = 0; i < questions.size(); i++) {
      Progress.Answer a = answers.get(Integer.toString(i + 1));
      String text =
          a == null
              ? style.dim("not answered")
              : choice(questions.get(i), a)
                  + (a.answeredAgain()
                      ? "; first answer " + choice(questions.get(i), a.firstAnswer())
                      : "");
      out.addAll(
          Wrapper.wrap(
              "quiz " + (i + 1) + ": " + text, width, DEMO_INDENT, DEMO_INDENT + "        "));
    }
  }

  /** "2. The kernel kills it… ✓" — the choice's number and words, and whether it was right. */
  private String choice(Question q, Progress.Answer a) {
    String words =
        a.chosen() >= 1 && a.chosen() <= q.choices().size()
            ? " " + SafeText.escapeLine(q.choices().get(a.chosen() - 1))
            : "";
    return a.chosen() + "." + words + (a.right() ? " " + style.green("✓") : " " + style.red("✗"));
  }

  private void detail(String text, List<String> out) {
    out.addAll(Wrapper.wrap(text, width, DETAIL_INDENT, DETAIL_INDENT + "  "));
  }
}
