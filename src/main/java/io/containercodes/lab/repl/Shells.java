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
      if (systemStreams && System.console() != null) {
        return TerminalBuilder.builder().system(true).name("cclab").build();
      }
      return new DumbTerminal(
          "cclab", "dumb", in, new WriterOutputStream(out), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EnvironmentProblem("Cannot open the terminal: " + e.getMessage(), null, e);
    }
  }
}
