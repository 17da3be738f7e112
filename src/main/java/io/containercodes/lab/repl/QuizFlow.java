package io.containercodes.lab.repl;

import io.containercodes.lab.content.Question;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Style;
import java.util.List;

/**
 * {@code quiz}: this lesson's questions, each answer kept and explained, right or not. Taken again,
 * a question skipped keeps the earlier answer, and the tally counts it (issue #25.9: a re-take with
 * skips said "0 of 2 right" and the earlier answers vanished from view).
 */
final class QuizFlow {
  private final ShellContext shell;
  private final Questions questions;

  QuizFlow(ShellContext shell, Questions questions) {
    this.shell = shell;
    this.questions = questions;
  }

  void quiz() {
    Lesson lesson = shell.lesson();
    List<Question> quiz = lesson.quiz();
    if (quiz.isEmpty()) {
      shell.screen().say("This lesson has no quiz. Type next to go on.");
      return;
    }
    int right = 0;
    int kept = 0;
    for (int i = 0; i < quiz.size(); i++) {
      Answered a = ask(lesson, i, quiz.size());
      if (a.answer() != null) {
        right += a.answer().right() ? 1 : 0;
        kept += a.kept() ? 1 : 0;
      }
    }
    shell
        .screen()
        .say(
            right
                + " of "
                + quiz.size()
                + " right"
                + (kept > 0 ? " (" + kept + " kept from before)" : "")
                + ". Type next for the next lesson.");
  }

  /** The answer a question has after asking: given just now, or kept from before; or none. */
  private record Answered(Progress.Answer answer, boolean kept) {}

  private Answered ask(Lesson lesson, int i, int count) {
    Question q = lesson.quiz().get(i);
    Style style = shell.style();
    Integer chosen =
        questions.ask(
            style.bold("Question " + (i + 1) + " of " + count + ": "), q.text(), q.choices());
    Progress.Answer before = shell.progress().answers(lesson.id()).get(Integer.toString(i + 1));
    if (chosen == null) {
      shell
          .screen()
          .say(
              before == null
                  ? "Skipped."
                  : "Skipped; your earlier answer stays: "
                      + before.chosen()
                      + (before.right() ? " (right)." : " (not right)."));
      return new Answered(before, before != null);
    }
    boolean ok = q.isRight(chosen);
    shell.progress().answer(lesson.id(), i + 1, chosen, ok);
    shell.save();
    String verdict =
        ok
            ? style.green("✓ Right. ")
            : style.red("✗ Not quite: the answer is " + (q.answer() + 1) + ". ");
    shell.screen().say(verdict, "  ", SafeText.escape(q.why()));
    return new Answered(shell.progress().answers(lesson.id()).get(Integer.toString(i + 1)), false);
  }
}
