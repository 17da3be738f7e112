package io.containercodes.lab.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line laid out for a terminal as a shell user would write it: broken only at spaces
 * outside quotes, each line but the last ending in {@code \}, so the lines still paste as the one
 * command they are (the REPL reads a {@code \}-continued paste as one line). A quoted word longer
 * than a line stays whole.
 */
public final class CommandWrap {
  private CommandWrap() {}

  public static List<String> wrap(String command, int width, String first, String rest) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    int used = Style.width(first);
    boolean empty = true;
    for (String word : words(command)) {
      int w = Style.width(word);
      if (!empty && used + 1 + w + 2 > width) {
        lines.add(line.append(" \\").toString());
        line = new StringBuilder(rest);
        used = Style.width(rest);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
        used++;
      }
      line.append(word);
      used += w;
      empty = false;
    }
    lines.add(line.toString());
    return lines;
  }

  /**
   * The words of the line as written, quotes and backslashes kept: split at spaces outside quotes.
   */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == 0 && (c == ' ' || c == '\t' || c == '\n')) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
        continue;
      }
      word.append(c);
      if (c == '\\' && quote != '\'' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}
