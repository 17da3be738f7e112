package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.Goldens;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #25.4 and #25.6: what the REPL sends to a terminal, for the terminals learners have
 * (xterm's, tmux's and screen's default TERM, the Linux console, vt100, dumb) at 40, 80 and 120
 * columns. The bytes a session writes — lessons through the pager, toc, help, a prediction, an
 * exercise's task, a quiz, a hint, progress — are compared with goldens in
 * src/test/resources/repl-goldens (control characters shown as \e, \xNN), and checked for what must
 * never be there: a shift into the DEC line-drawing set, its letters for lines, and the lab's own
 * text broken mid-word.
 */
class TerminalRenderingTest {
  private static final Path GOLDENS = Path.of("src/test/resources/repl-goldens");

  @TempDir Path state;

  /** A session that reaches every kind of the lab's own text without an engine. */
  private static String session(boolean paged) {
    String q = paged ? "q" : ""; // leaves the pager (a dumb terminal gets no pager)
    return q
        + "goto 4\n"
        + q
        + "toc\n"
        + "help\n"
        // the exercise's line, emptied with Ctrl-U where the prompt holds it: cancelled
        + "run memory-exercise\n\n"
        + (paged ? "\u0015\n" : "\n")
        + "quiz\n1\n\n"
        + "hint fork-bomb\n"
        + "progress\n"
        + "quit\n";
  }

  /**
   * The lab's files are read through a link whose path has the same length in every checkout: the
   * exercise's task names its folder, and where that line wraps must not depend on where the
   * checkout is (the goldens written in one worktree failed in every other).
   */
  private String run(String type, int width) throws Exception {
    Path lab = Path.of("/tmp", String.format("cg%08x", new SecureRandom().nextInt()));
    Files.createSymbolicLink(lab, Path.of("").toAbsolutePath());
    try {
      Episode episode = new LessonPack(lab).episode(LessonPack.DEFAULT_EPISODE);
      ReplSession repl =
          ReplSession.in(state).episode(episode).terminal(type, width, 30).env("NO_COLOR", null);
      byte[] bytes = repl.runBytes(session(!type.equals("dumb")));
      return new String(bytes, StandardCharsets.UTF_8)
          .replace(state.toString(), "<state>")
          .replace(lab.toString(), "<lab>");
    } finally {
      Files.delete(lab);
    }
  }

  @ParameterizedTest(name = "{0} at {1} columns")
  @CsvSource({
    "xterm-256color,40", "xterm-256color,80", "xterm-256color,120",
    "tmux-256color,40", "tmux-256color,80", "tmux-256color,120",
    "screen,40", "screen,80", "screen,120",
    "linux,40", "linux,80", "linux,120",
    "vt100,40", "vt100,80", "vt100,120",
    "dumb,40", "dumb,80", "dumb,120"
  })
  void aSessionDrawsTrueTextOnEveryTerminal(String type, int width) throws Exception {
    String out = run(type, width);
    // the DEC special graphics set: SO/SI shifts, or a designation of it as G0 or G1
    assertFalse(out.contains("\u000e") || out.contains("\u000f"), type + ": a charset shift");
    assertFalse(out.contains("\u001b(0") || out.contains("\u001b)0"), type + ": line drawing set");
    assertFalse(Pattern.compile("qqqq|lqqq|qqqk|mqqq|qqqj").matcher(out).find(), type + ": qqq");
    String shown = visible(out);
    assertTrue(shown.contains("──") && shown.contains("│"), type + ": lines drawn as lines");
    for (String word : LAB_WORDS) {
      assertTrue(
          shown.contains(word), type + " at " + width + ": '" + word + "' whole in\n" + shown);
    }
    Goldens.assertFile(GOLDENS.resolve(type + "-" + width + ".txt"), escaped(out));
  }

  /** Long words of the lab's own text, which a mid-word break would cut. */
  private static final String[] LAB_WORDS = {
    "Exercise:", "runaway", "predictions,", "explained", "Predict:", "spill"
  };

  /** A terminal that is not UTF-8 gets ASCII: lines as - | +, never a byte it cannot show. */
  @Test
  void aTerminalThatIsNotUtf8GetsAsciiLines() throws Exception {
    ReplSession repl = ReplSession.in(state).terminal("dumb", 80, 0).ascii();
    byte[] out = repl.runBytes("goto 4\ntoc\nquit\n");
    for (byte b : out) {
      assertTrue(b >= 0, "a byte outside ASCII: " + (b & 0xff));
    }
    String text = new String(out, StandardCharsets.US_ASCII);
    assertTrue(text.contains("+- > demo fork-bomb"), text);
    assertFalse(text.contains("?-"), text);
  }

  /** Escape sequences removed: the text as a terminal shows it, line by line. */
  static String visible(String out) {
    return out.replaceAll("\u001b\\[[0-9;?]*[ -/]*[@-~]", "")
        .replaceAll("\u001b[()][0-9A-Za-z]", "")
        .replaceAll("\u001b[=>78M]", "")
        .replace("\r", "");
  }

  /** Control characters made visible, newlines kept: a golden a person can read and diff. */
  static String escaped(String out) {
    StringBuilder b = new StringBuilder(out.length() + 256);
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (c == '\n') {
        b.append('\n');
      } else if (c == 0x1b) {
        b.append("\\e");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
