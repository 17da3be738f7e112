package io.containercodes.lab.render;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The lab's drawing characters for the terminal it has: Unicode where the terminal's charset is
 * UTF-8, plain ASCII stand-ins otherwise. Box drawing is never sent as the DEC line-drawing set:
 * that needs the terminal to have designated the set first ({@code enacs}), which JLine never
 * sends, so on tmux, screen, the Linux console and vt100 lines came out as the letters {@code q x l
 * k m j} (issue #25.4).
 */
public final class Glyphs {
  private Glyphs() {}

  /** One column in, one column out: tables and cards keep their alignment. */
  private static final Map<Character, Character> ASCII =
      Map.ofEntries(
          Map.entry('─', '-'),
          Map.entry('━', '-'),
          Map.entry('═', '='),
          Map.entry('│', '|'),
          Map.entry('┆', ':'),
          Map.entry('┃', '|'),
          Map.entry('║', '|'),
          Map.entry('┌', '+'),
          Map.entry('┐', '+'),
          Map.entry('└', '+'),
          Map.entry('┘', '+'),
          Map.entry('├', '+'),
          Map.entry('┤', '+'),
          Map.entry('┬', '+'),
          Map.entry('┴', '+'),
          Map.entry('┼', '+'),
          Map.entry('╭', '+'),
          Map.entry('╮', '+'),
          Map.entry('╯', '+'),
          Map.entry('╰', '+'),
          Map.entry('▶', '>'),
          Map.entry('›', '>'),
          Map.entry('→', '>'),
          Map.entry('←', '<'),
          Map.entry('•', '*'),
          Map.entry('·', '.'),
          Map.entry('○', 'o'),
          Map.entry('✓', '+'),
          Map.entry('✗', 'x'),
          Map.entry('⚠', '!'),
          Map.entry('×', 'x'),
          Map.entry('—', '-'),
          Map.entry('–', '-'),
          Map.entry('…', '.'),
          Map.entry('▕', '['),
          Map.entry('▏', ']'),
          Map.entry('█', '#'),
          Map.entry('░', '.'),
          Map.entry('“', '"'),
          Map.entry('”', '"'),
          Map.entry('‘', '\''),
          Map.entry('’', '\''),
          Map.entry('≤', '<'),
          Map.entry('≥', '>'));

  /** True when the terminal shows Unicode: its charset is UTF-8. */
  public static boolean unicode(Charset terminal) {
    return terminal != null && terminal.equals(StandardCharsets.UTF_8);
  }

  /** The text as the terminal can show it: as is on UTF-8, in ASCII otherwise. */
  public static String forTerminal(String text, Charset terminal) {
    return unicode(terminal) ? text : ascii(text);
  }

  /**
   * Every character outside ASCII as a one-column ASCII stand-in ({@code ?} when there is none);
   * escape sequences and control characters are left to whoever made the text safe.
   */
  public static String ascii(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(text.length()).append(text, 0, i);
      }
      if ((c >= '\ufe00' && c <= '\ufe0f') || (c >= '\u200b' && c <= '\u200d')) {
        continue; // variation selectors and zero-width joiners take no column
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
        i++; // one character, one stand-in
      }
      b.append(ASCII.getOrDefault(c, c == '\u00a0' ? ' ' : '?'));
    }
    return b == null ? text : b.toString();
  }
}
