package io.containercodes.lab.audit;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Finds the {@code podman run} / {@code docker run} line in a file a project keeps (a script, a
 * README, a Makefile), so an audit in CI judges the line that is committed and a SARIF result can
 * point at it. Backslash continuations are joined; what comes before {@code podman}/{@code docker}
 * (a prompt, exec, sudo) is dropped; comment lines are skipped.
 */
public final class RunLineFile {
  /** A run line and where it starts. */
  public record Located(String path, int line, String text) {}

  private static final java.util.regex.Pattern RUN =
      java.util.regex.Pattern.compile(
          "(?:^|\\s)((?:\\S*/)?(?:podman|docker)\\s+(?:container\\s+)?run\\s.*)");

  private RunLineFile() {}

  /**
   * Finds the run line in the file, or the chosen one when there are several.
   *
   * @param choose the line number to take when the file has several run lines, or null
   */
  public static Located find(Path file, Integer choose) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new InvalidInput("Cannot read " + Quote.input(file) + ": " + e.getMessage(), null);
    }
    List<Located> found = runLines(file, lines);
    if (found.isEmpty()) {
      throw new InvalidInput(
          Quote.input(file) + " has no podman run / docker run line.",
          "Point --line-from at the file that holds it.");
    }
    if (choose != null) {
      return found.stream()
          .filter(l -> l.line() == choose)
          .findFirst()
          .orElseThrow(
              () ->
                  new InvalidInput(
                      Quote.input(file)
                          + ":"
                          + choose
                          + " is not the start of a run line; run lines start at "
                          + starts(found)
                          + ".",
                      null));
    }
    if (found.size() > 1) {
      throw new InvalidInput(
          Quote.input(file)
              + " has "
              + found.size()
              + " run lines (at lines "
              + starts(found)
              + ").",
          "Choose one with --line N.");
    }
    return found.get(0);
  }

  /** Every run line of the file, with the line it starts at (a line may continue with \\). */
  private static List<Located> runLines(Path file, List<String> lines) {
    List<Located> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int start = i;
      StringBuilder text = new StringBuilder(lines.get(i).strip());
      while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
        String joined =
            text.substring(0, text.length() - 1).stripTrailing() + " " + lines.get(++i).strip();
        text.setLength(0);
        text.append(joined);
      }
      // the run line may follow a prompt, exec or sudo: it starts where podman/docker does
      Matcher m = RUN.matcher(text);
      if (!text.toString().strip().startsWith("#") && m.find()) {
        found.add(new Located(file.toString(), start + 1, m.group(1).strip()));
      }
    }
    return found;
  }

  private static String starts(List<Located> found) {
    return String.join(", ", found.stream().map(l -> String.valueOf(l.line())).toList());
  }
}
