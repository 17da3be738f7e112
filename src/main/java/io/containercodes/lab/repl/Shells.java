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

  public static Terminal terminal(boolean systemStreams, InputStream in, PrintWriter out) {
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
