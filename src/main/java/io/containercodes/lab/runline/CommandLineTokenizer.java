package io.containercodes.lab.runline;

import io.containercodes.lab.InvalidInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell would for the subset a lesson uses: single
 * and double quotes, backslash escapes, backslash-newline continuations and {@code #} comments. No
 * shell ever runs: {@code $(pwd)} (and {@code $PWD}) is replaced by the demo's directory, and every
 * other expansion is an error rather than a surprise.
 */
public final class CommandLineTokenizer {
  private final String workingDirectory;

  /**
   * @param workingDirectory what {@code $(pwd)} means, or null when it is not allowed
   */
  public CommandLineTokenizer(Path workingDirectory) {
    this.workingDirectory =
        workingDirectory == null ? null : workingDirectory.toAbsolutePath().normalize().toString();
  }

  /** Words back into one line a shell would split the same way, for display. */
  public static String join(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if (!w.isEmpty()
          && w.chars()
              .allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,@%+".indexOf(c) >= 0)) {
        sb.append(w);
      } else if (!w.contains("'")) {
        sb.append('\'').append(w).append('\'');
      } else {
        sb.append('"')
            .append(
                w.replace("\\", "\\\\")
                    .replace("\"", "\\\"")
                    .replace("$", "\\$")
                    .replace("`", "\\`"))
            .append('"');
      }
    }
    return sb.toString();
  }

  public List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\n') {
        i += 2; // continuation
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
        continue;
      }
      if (c == '#' && !inWord) {
        while (i < n && line.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      inWord = true;
      i = wordChar(line, i, word);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** One character of a word (or a quoted run of them); returns where the next one starts. */
  private int wordChar(String line, int i, StringBuilder word) {
    char c = line.charAt(i);
    switch (c) {
      case '\'' -> {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new InvalidInput(
              "Unterminated single quote at column " + (i + 1) + ".", "Close the quote.");
        }
        word.append(line, i + 1, end);
        return end + 1;
      }
      case '"' -> {
        return doubleQuoted(line, i + 1, word);
      }
      case '\\' -> {
        if (i + 1 < line.length()) {
          word.append(line.charAt(i + 1));
        }
        return i + 2;
      }
      case '$' -> {
        return expansion(line, i, word);
      }
      case '|', '&', ';', '<', '>', '`' ->
          throw new InvalidInput(
              "'"
                  + c
                  + "' at column "
                  + (i + 1)
                  + " is shell syntax; the lab runs one container command, not a shell.",
              "Quote it if it belongs to an argument, or put the pipeline inside the container:"
                  + " sh -c '…'.");
      default -> {
        word.append(c);
        return i + 1;
      }
    }
  }

  private int doubleQuoted(String line, int i, StringBuilder word) {
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < n && "$`\"\\\n".indexOf(line.charAt(i + 1)) >= 0) {
        if (line.charAt(i + 1) != '\n') {
          word.append(line.charAt(i + 1));
        }
        i += 2;
      } else if (c == '$') {
        i = expansion(line, i, word);
      } else if (c == '`') {
        throw new InvalidInput("Command substitution with backquotes is not supported.", null);
      } else {
        word.append(c);
        i++;
      }
    }
    throw new InvalidInput("Unterminated double quote.", "Close the quote.");
  }

  private int expansion(String line, int i, StringBuilder word) {
    for (String pwd : new String[] {"$(pwd)", "${PWD}", "$PWD"}) {
      if (line.startsWith(pwd, i)) {
        if (workingDirectory == null) {
          throw new InvalidInput(pwd + " has no meaning here.", "Write the full path.");
        }
        word.append(workingDirectory);
        return i + pwd.length();
      }
    }
    int end = i + 1;
    while (end < line.length()
        && (Character.isLetterOrDigit(line.charAt(end))
            || "_{}()".indexOf(line.charAt(end)) >= 0)) {
      end++;
    }
    if (end == i + 1) {
      word.append('$');
      return i + 1;
    }
    throw new InvalidInput(
        "'"
            + line.substring(i, end)
            + "' would be expanded by a shell, and the lab runs no shell "
            + "(only $(pwd) is replaced, by the demo's directory).",
        "Write the value itself, or single-quote it so the container's shell expands it: sh -c"
            + " 'echo $HOME'.");
  }
}
