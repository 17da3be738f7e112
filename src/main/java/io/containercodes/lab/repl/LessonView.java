package io.containercodes.lab.repl;

import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.render.DemoCard;
import io.containercodes.lab.render.Glyphs;
import io.containercodes.lab.render.TerminalRenderer;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jline.builtins.Less;
import org.jline.builtins.Source;
import org.jline.terminal.Terminal;

/**
 * A lesson on the screen: rendered for the terminal's width, with a card for each demo it places,
 * and paged when it is longer than the window (JLine's {@link Less}).
 */
final class LessonView {
  private final ShellContext shell;
  private final Terminal terminal;

  LessonView(ShellContext shell, Terminal terminal) {
    this.shell = shell;
    this.terminal = terminal;
  }

  void show(Lesson lesson) {
    Screen screen = shell.screen();
    String text =
        new TerminalRenderer(screen.width(), shell.style(), this::card).render(lesson.body());
    if (paged(text) && page(text, lesson.title())) {
      return;
    }
    screen.writer().print(text);
    screen.flush();
  }

  private boolean paged(String text) {
    long lines = text.chars().filter(c -> c == '\n').count();
    return shell.style().on()
        && terminal.getHeight() > 0
        && lines > terminal.getHeight() - 2
        && !"0".equals(shell.env().get("CCLAB_PAGER"));
  }

  /** True when the pager showed it; false when it could not, and the text is to be printed. */
  private boolean page(String text, String title) {
    // Less draws through JLine's Display, never through the Screen's writer: the text goes in the
    // characters the terminal shows, and the line-drawing set stays off (Shells). Less decodes its
    // source in the JVM's default charset (Less.java: new InputStreamReader(in)), ASCII on JDK 17
    // under a POSIX locale: then the text goes as ASCII too.
    Charset platform = Charset.defaultCharset();
    String forTerminal =
        Glyphs.unicode(platform)
            ? Glyphs.forTerminal(text, terminal.encoding())
            : Glyphs.ascii(text);
    byte[] shown = forTerminal.getBytes(platform);
    try {
      new Less(terminal, Path.of(""))
          .run(new Source.InputStreamSource(new ByteArrayInputStream(shown), true, title));
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** An exercise's card states the task, never the line that solves it. */
  private Optional<DemoCard> card(String id) {
    return shell.episode().demo(id).map(this::card);
  }

  private DemoCard card(Demo d) {
    var progress = shell.progress();
    return new DemoCard(
        d.id(),
        d.title(),
        d.isExercise() ? d.proves() + " Exercise: " + d.exercise() : d.proves(),
        d.isExercise()
            ? List.of()
            : d.steps().stream().map(s -> s.run().replaceAll("\\s+", " ")).toList(),
        progress.passed(d.id())
            ? shell.style().green("✓ done")
            : progress.touched(d.id()) ? "• tried" : null,
        howToRun(d));
  }

  /** What typing run does for this demo, in the order the learner will see it. */
  static String howToRun(Demo d) {
    String predict = d.prediction() == null ? "" : "predict, then ";
    if (d.isExercise()) {
      return "run " + d.id() + " — " + predict + "write your line; hint helps";
    }
    if (!d.without().isEmpty()) {
      return "run "
          + d.id()
          + " — "
          + predict
          + "see it first without "
          + String.join(" ", d.without())
          + ", then with it";
    }
    return "run " + d.id() + (predict.isEmpty() ? "" : " — predict first");
  }
}
