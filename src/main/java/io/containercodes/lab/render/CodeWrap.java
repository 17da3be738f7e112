package io.containercodes.lab.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A line of a lesson's code block laid out for the room the window leaves it (issue #25.6: a line
 * wider than the window was broken by the terminal, or the pager, inside a word: {@code
 * --read-o|nly}). A line that fits stays as it is. A command line is broken as {@link CommandWrap}
 * breaks one — at spaces outside quotes, each piece but the last ending in {@code \} — so the
 * pieces still paste as the one command they are, into a shell or into the REPL, which reads a
 * {@code \}-continued line whole. Any other line (a comment, Python, YAML) is broken at a space and
 * its continuations are marked in the gutter instead: no continuation syntax means the same in
 * every language, so the lab adds none. A word longer than the room is cut; nothing else is.
 */
final class CodeWrap {
  private CodeWrap() {}

  /** A command line's pieces, each but the last ending in {@code \}; its indentation kept. */
  static List<String> command(String line, int room) {
    if (Style.width(line) <= room) {
      return List.of(line);
    }
    String indent = line.substring(0, line.length() - line.stripLeading().length());
    return CommandWrap.wrap(line.strip(), room, indent, indent + "    ");
  }

  /** Any other line's pieces: the first as written, then each continuation. */
  static List<String> text(String line, int room) {
    List<String> pieces = new ArrayList<>();
    String indent = line.substring(0, line.length() - line.stripLeading().length());
    String continued = indent.length() + 2 < room / 2 ? indent + "  " : "";
    String prefix = "";
    String left = line;
    while (Style.width(prefix + left) > room) {
      int avail = room - prefix.length();
      // a space to break at, after the line's own indentation
      int cut = left.lastIndexOf(' ', avail);
      int from = pieces.isEmpty() ? indent.length() : 0;
      if (cut <= from) {
        pieces.add(prefix + left.substring(0, avail));
        left = left.substring(avail);
      } else {
        pieces.add(prefix + left.substring(0, cut).stripTrailing());
        left = left.substring(cut + 1).stripLeading();
      }
      prefix = continued;
    }
    pieces.add(prefix + left);
    return pieces;
  }
}
