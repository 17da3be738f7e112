package io.containercodes.lab.repl;

import io.containercodes.lab.render.Glyphs;
import io.containercodes.lab.render.Style;
import io.containercodes.lab.render.Wrapper;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.jline.terminal.Terminal;

/**
 * Where the REPL writes: the terminal, in the characters it can show ({@link Glyphs}), and the
 * lab's own sentences wrapped at word boundaries to its width (issue #25.6: exercise statements,
 * predictions, quiz explanations broke mid-word at 80 and 120 columns).
 */
final class Screen {
  /** Lab text is read more easily in lines no longer than this, on however wide a window. */
  static final int MAX_WIDTH = 100;

  /** The width for a terminal that does not say (a pipe, a dumb terminal). */
  static final int DEFAULT_WIDTH = 80;

  private final Terminal terminal;
  private final Style style;
  private final PrintWriter out;

  Screen(Terminal terminal, Style style) {
    this.terminal = terminal;
    this.style = style;
    this.out =
        Glyphs.unicode(terminal.encoding())
            ? terminal.writer()
            : new PrintWriter(new AsciiWriter(terminal.writer()), true);
  }

  Style style() {
    return style;
  }

  /** The writer for text already laid out (lessons, demo runs). */
  PrintWriter writer() {
    return out;
  }

  /** The terminal's own width; {@value #DEFAULT_WIDTH} when it does not say. */
  int terminalWidth() {
    int w = terminal.getWidth();
    return w > 0 ? w : DEFAULT_WIDTH;
  }

  /** The width the lab's sentences wrap to. */
  int width() {
    return Math.min(terminalWidth(), MAX_WIDTH);
  }

  /** The lab's own text, wrapped; a newline in it starts a new line. */
  void say(String text) {
    say("", "", text);
  }

  /** Wrapped with a first-line prefix and a hanging indent for the rest. */
  void say(String first, String rest, String text) {
    Wrapper.wrap(text, width(), first, rest).forEach(out::println);
    out.flush();
  }

  /** A line laid out already (a table row, a prompt's echo). */
  void line(String text) {
    out.println(text);
  }

  void blank() {
    out.println();
  }

  void flush() {
    out.flush();
  }

  /** Text on its way to a terminal that is not UTF-8: every glyph as its ASCII stand-in. */
  private static final class AsciiWriter extends FilterWriter {
    AsciiWriter(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      out.write(Glyphs.ascii(String.valueOf((char) c)));
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
      out.write(Glyphs.ascii(new String(chars, off, len)));
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      out.write(Glyphs.ascii(s.substring(off, off + len)));
    }
  }
}
