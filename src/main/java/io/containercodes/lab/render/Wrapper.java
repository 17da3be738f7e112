package io.containercodes.lab.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Word-wraps styled text to a width, with one prefix for the first line and another for the rest
 * (hanging indents for list items, bars for block quotes). A word longer than the line is broken
 * rather than left to overflow.
 */
public final class Wrapper {
  private Wrapper() {}

  public static List<String> wrap(String text, int width, String firstPrefix, String restPrefix) {
    List<String> lines = new ArrayList<>();
    for (String hardLine : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      int used = 0;
      String prefix = lines.isEmpty() ? firstPrefix : restPrefix;
      int room = Math.max(10, width - Style.width(prefix));
      for (String word : hardLine.split(" +")) {
        if (word.isEmpty()) {
          continue;
        }
        int w = Style.width(word);
        if (used > 0 && used + 1 + w > room) {
          lines.add(prefix + line);
          prefix = restPrefix;
          room = Math.max(10, width - Style.width(prefix));
          line.setLength(0);
          used = 0;
        }
        while (w > room && used == 0 && !word.contains("\u001b")) {
          lines.add(prefix + word.substring(0, room));
          prefix = restPrefix;
          word = word.substring(room);
          w = word.length();
        }
        if (used > 0) {
          line.append(' ');
          used++;
        }
        line.append(word);
        used += w;
      }
      lines.add(prefix + line);
    }
    return lines;
  }
}
