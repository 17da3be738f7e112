package io.containercodes.lab.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What a terminal showed of the lab, judged as a reader sees it (issue #25.4, #25.6). */
final class ScreenText {
  private ScreenText() {}

  /** Box drawing sent in the DEC line-drawing set without designating it: ─ ┌ ┐ └ ┘ as letters. */
  private static final Pattern LINE_DRAWING_AS_LETTERS = Pattern.compile("qqq|lqk|mqj|lqq|mqq");

  private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");

  static boolean lineDrawingAsLetters(String screen) {
    return LINE_DRAWING_AS_LETTERS.matcher(screen).find();
  }

  /**
   * Lines the lab wrote that were wider than the window, broken by the terminal inside a word.
   * Exempt: what the learner typed (its line holds a prompt), run lines and their continuations,
   * and container output, which is indented and kept byte-true, however long.
   */
  static List<String> brokenByTheTerminal(String history, int width) {
    List<String> broken = new ArrayList<>();
    for (String line : history.split("\n")) {
      int[] cps = line.stripTrailing().codePoints().toArray();
      if (cps.length <= width
          || line.contains("› ")
          || line.startsWith("    ")
          || line.startsWith("  $ ")) {
        continue;
      }
      for (int at = width; at < cps.length; at += width) {
        if (Character.isLetterOrDigit(cps[at - 1]) && Character.isLetterOrDigit(cps[at])) {
          broken.add(line);
          break;
        }
      }
    }
    return broken;
  }

  /**
   * Two lines where the first ends in letters and the next starts with letters that are no word of
   * the lab's, while both together are one: a word the lab broke.
   */
  static List<String> brokenWords(String screen, Set<String> vocabulary) {
    List<String> broken = new ArrayList<>();
    String[] lines = screen.split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      String end = trailingLetters(lines[i].stripTrailing());
      String start = leadingLetters(lines[i + 1].strip());
      if (end.isEmpty() || start.isEmpty()) {
        continue;
      }
      String word = (end + start).toLowerCase(Locale.ROOT);
      if (vocabulary.contains(word) && !vocabulary.contains(start.toLowerCase(Locale.ROOT))) {
        broken.add(lines[i].stripTrailing() + "⏎" + lines[i + 1].strip());
      }
    }
    return broken;
  }

  private static String trailingLetters(String s) {
    int i = s.length();
    while (i > 0 && Character.isLetter(s.charAt(i - 1))) {
      i--;
    }
    return s.substring(i);
  }

  private static String leadingLetters(String s) {
    int i = 0;
    while (i < s.length() && Character.isLetter(s.charAt(i))) {
      i++;
    }
    return s.substring(0, i);
  }

  /** Every word of the lab's text: lessons, demos, and the strings of its code. */
  static Set<String> vocabulary(Path root) throws IOException {
    Set<String> words = new HashSet<>();
    for (Path dir :
        List.of(root.resolve("lessons"), root.resolve("demos"), root.resolve("src/main"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String name = f.getFileName().toString();
          if (name.endsWith(".md") || name.endsWith(".yaml") || name.endsWith(".java")) {
            Matcher m = LETTERS.matcher(Files.readString(f));
            while (m.find()) {
              // single letters of code (k, s of %s) are no words: "networ|k" must count as broken
              if (m.group().length() > 1 || "aAI".contains(m.group())) {
                words.add(m.group().toLowerCase(Locale.ROOT));
              }
            }
          }
        }
      }
    }
    return words;
  }
}
