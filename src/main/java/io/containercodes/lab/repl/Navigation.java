package io.containercodes.lab.repl;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.progress.LessonStatus;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Style;
import io.containercodes.lab.render.Wrapper;
import java.util.List;

/** Moving between lessons: toc, show, next, back, goto. */
final class Navigation {
  private final ShellContext shell;
  private final LessonView view;
  private boolean quizOffered;

  Navigation(ShellContext shell, LessonView view) {
    this.shell = shell;
    this.view = view;
  }

  /** {@code show [N|slug]}: this lesson again, or another without moving there. */
  void show(String arg) {
    view.show(arg.isEmpty() ? shell.lesson() : shell.episode().lessons().get(indexOfOrFail(arg)));
  }

  /** {@code next}, but a lesson's unanswered quiz is offered once before moving on. */
  void next() {
    Lesson lesson = shell.lesson();
    int questions = lesson.quiz().size();
    int answered = shell.progress().answers(lesson.id()).size();
    if (questions > 0 && answered < questions && !quizOffered) {
      quizOffered = true;
      shell
          .screen()
          .say(
              "This lesson has "
                  + questions
                  + " quiz question"
                  + (questions == 1 ? "" : "s")
                  + ": type quiz, or next again to go on.");
      return;
    }
    move(shell.position() + 1);
  }

  void back() {
    move(shell.position() - 1);
  }

  void goTo(String arg) {
    move(indexOfOrFail(arg));
  }

  void move(int to) {
    if (to < 0) {
      shell.screen().say("This is the first lesson.");
      return;
    }
    if (to >= shell.episode().lessons().size()) {
      shell.screen().say("That was the last lesson. Type toc to see what is left, or quit.");
      return;
    }
    quizOffered = false;
    shell.moveTo(to);
    view.show(shell.lesson());
  }

  int indexOfOrFail(String arg) {
    int i = shell.indexOf(arg);
    if (i < 0) {
      throw new InvalidInput(
          "No lesson '" + SafeText.escapeLine(arg) + "'.",
          "Type toc to see them; goto takes a number or a name.");
    }
    return i;
  }

  /**
   * The episode's lessons, one row each: mark, number, title (wrapped in its column when the window
   * is narrow), minutes, and where the learner is.
   */
  void toc() {
    Screen screen = shell.screen();
    Style style = shell.style();
    List<Lesson> lessons = shell.episode().lessons();
    screen.line(style.bold("Episode " + episodeTitle(shell.episode().id())));
    int longest = lessons.stream().mapToInt(l -> l.title().length()).max().orElse(10);
    int titleWidth = Math.max(12, Math.min(longest, screen.width() - ROW_START - MINUTES));
    for (int i = 0; i < lessons.size(); i++) {
      tocRow(lessons.get(i), titleWidth, i == shell.position());
    }
    screen.flush();
  }

  /** " ✓ 01 ", the columns before a title. */
  private static final int ROW_START = 7;

  /** " 12 min", the column after it. */
  private static final int MINUTES = 8;

  private void tocRow(Lesson l, int titleWidth, boolean here) {
    Screen screen = shell.screen();
    Style style = shell.style();
    LessonStatus status = LessonStatus.of(l, shell.progress());
    String mark = status == LessonStatus.DONE ? style.green(status.mark()) : status.mark();
    List<String> title = Wrapper.wrap(SafeText.escapeLine(l.title()), titleWidth, "", "");
    String minutes = style.dim(String.format("%6s", l.minutes() + " min"));
    String first =
        String.format("  %s %02d %s  %s", mark, l.number(), pad(title.get(0), titleWidth), minutes);
    String marker = style.cyan("  ← you are here");
    boolean fits = Style.width(first) + Style.width(marker) <= screen.width();
    screen.line(first + (here && fits ? marker : ""));
    for (String more : title.subList(1, title.size())) {
      screen.line(" ".repeat(ROW_START) + more);
    }
    if (here && !fits) {
      screen.line(" ".repeat(ROW_START) + style.cyan("← you are here"));
    }
  }

  private static String pad(String s, int width) {
    int w = Style.width(s);
    return w >= width ? s : s + " ".repeat(width - w);
  }

  /** "000-container-defense" → "000: Container Defense". */
  static String episodeTitle(String episodeId) {
    String[] parts = episodeId.split("-");
    StringBuilder sb = new StringBuilder(parts[0]).append(':');
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].isEmpty()) {
        sb.append(' ')
            .append(Character.toUpperCase(parts[i].charAt(0)))
            .append(parts[i].substring(1));
      }
    }
    return sb.toString();
  }
}
