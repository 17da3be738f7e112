package io.containercodes.lab.repl;

import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * The terminal the shell runs on: the real one when there is a console, a dumb one on pipes and in
 * tests.
 */
public final class Shells {
  private Shells() {}

  /**
   * Box drawing goes to the terminal as the Unicode characters the lab wrote. JLine otherwise turns
   * {@code ─ │ ┌ ┐ └ ┘ ├ ┤ ┬ ┴ ┼} into the DEC line-drawing set, switched on with the terminfo's
   * {@code smacs} ({@code AttributedCharSequence.toAnsi}, {@code LineReaderImpl}), but never sends
   * {@code enacs}, which designates that set: where {@code smacs} is a shift to G1 ({@code ^N} on
   * tmux-256color, screen, linux, vt100), lines came out as {@code qqqq}, {@code lqk} (issue
   * #25.4). JLine reads the switch once, when those classes are first used: so it is set before any
   * terminal exists (here and in the launcher).
   */
  public static void drawWithoutAlternateCharset() {
    if (System.getProperty(TerminalBuilder.PROP_DISABLE_ALTERNATE_CHARSET) == null) {
      System.setProperty(TerminalBuilder.PROP_DISABLE_ALTERNATE_CHARSET, "true");
    }
  }

  public static Terminal terminal(boolean systemStreams, InputStream in, PrintWriter out) {
    drawWithoutAlternateCharset();
    try {
      if (systemStreams && interactive()) {
        return TerminalBuilder.builder().system(true).name("cclab").build();
      }
      return new DumbTerminal(
          "cclab", "dumb", in, new WriterOutputStream(out), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EnvironmentProblem("Cannot open the terminal: " + e.getMessage(), null, e);
    }
  }

  /**
   * Whether a person is at the other end. Up to JDK 21 that is {@code System.console() != null};
   * from JDK 22 on (the launcher prefers the newest JDK) the console exists on pipes too, and only
   * its {@code isTerminal()}, absent from 17's API, tells.
   */
  @SuppressWarnings("SystemConsoleNull") // null is the JDK 17–21 answer, and isTerminal() follows
  static boolean interactive() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // JDK 17–21: a console means a terminal
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
