package io.containercodes.lab.check;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * {@code stdout-contains}, {@code stderr-lacks}, {@code output-matches}…: what the container
 * printed.
 *
 * <p>Patterns come from lesson packs, which are someone else's code: they are compiled with RE2/J,
 * whose matching takes time linear in the input (java.util.regex backtracks: {@code ^((a+)+)+$}
 * held the lab at full CPU until killed). The work of one check is bounded by construction: at most
 * {@link #MAX_INPUT_CHARS} characters of output are read, each a bounded number of times, against a
 * program of at most {@link #MAX_PROGRAM_SIZE} instructions.
 */
record TextCheck(Stream stream, Mode mode, String text, Pattern pattern) implements Check {
  /** The longest pattern or text a check may carry. */
  static final int MAX_TEXT_CHARS = 1000;

  /** RE2/J's compiled program size bound: the per-character cost of a match. */
  static final int MAX_PROGRAM_SIZE = 5000;

  /**
   * What a check reads of the output: more than the runner keeps (256 KiB per stream), so in
   * practice all of it.
   */
  static final int MAX_INPUT_CHARS = 1 << 20;

  enum Stream {
    STDOUT,
    STDERR,
    OUTPUT
  }

  enum Mode {
    CONTAINS,
    LACKS,
    MATCHES
  }

  /**
   * @throws IllegalArgumentException for a text or pattern over the bounds, with the reason
   * @throws com.google.re2j.PatternSyntaxException for a pattern RE2 cannot read (backreferences
   *     and lookaround among them)
   */
  static TextCheck of(Stream stream, Mode mode, String text) {
    if (text.length() > MAX_TEXT_CHARS) {
      throw new IllegalArgumentException(
          "at most " + MAX_TEXT_CHARS + " characters, not " + text.length());
    }
    Pattern p = mode == Mode.MATCHES ? Pattern.compile(text, Pattern.MULTILINE) : null;
    if (p != null && p.programSize() > MAX_PROGRAM_SIZE) {
      throw new IllegalArgumentException(
          "the pattern compiles to "
              + p.programSize()
              + " instructions, over the "
              + MAX_PROGRAM_SIZE
              + " a check may use (a large counted repeat such as {1000} is the usual cause)");
    }
    return new TextCheck(stream, mode, text, p);
  }

  @Override
  public List<String> risks() {
    return mode == Mode.MATCHES ? RegexRisk.nestedRepetition(text).stream().toList() : List.of();
  }

  /** At most {@link #MAX_INPUT_CHARS} of what was seen: the bound the work of a check rests on. */
  static CharSequence bounded(String seen) {
    return seen.length() <= MAX_INPUT_CHARS ? seen : seen.substring(0, MAX_INPUT_CHARS);
  }

  /** The text check a kind names, e.g. STDOUT_CONTAINS; null for a kind that is none. */
  static TextCheck of(CheckKind kind, String text) {
    for (Stream stream : Stream.values()) {
      for (Mode mode : Mode.values()) {
        if (kind.name().equals(stream + "_" + mode)) {
          return of(stream, mode, text);
        }
      }
    }
    return null;
  }

  @Override
  public CheckKind kind() {
    return CheckKind.valueOf(stream + "_" + mode);
  }

  private String where() {
    return switch (stream) {
      case STDOUT -> "its output";
      case STDERR -> "its error output";
      case OUTPUT -> "its output (stdout or stderr)";
    };
  }

  @Override
  public String expectation() {
    return where()
        + (switch (mode) {
          case CONTAINS -> " contains ";
          case LACKS -> " does not contain ";
          case MATCHES -> " matches ";
        })
        + "\""
        + text
        + "\"";
  }

  @Override
  public CheckResult evaluate(Evidence e) {
    String seen =
        switch (stream) {
          case STDOUT -> e.outcome().stdout().text();
          case STDERR -> e.outcome().stderr().text();
          case OUTPUT -> e.outcome().stdout().text() + "\n" + e.outcome().stderr().text();
        };
    CharSequence input = bounded(seen);
    boolean found =
        mode == Mode.MATCHES ? pattern.matcher(input).find() : input.toString().contains(text);
    boolean ok = mode == Mode.LACKS ? !found : found;
    String quoted = "\"" + text + "\"";
    if (mode == Mode.MATCHES) {
      // the pattern is for authors (--verbose and JSON show it): the learner reads what was seen
      return ok
          ? CheckResult.pass(
              this, capitalized(where()) + " shows \"" + matched(seen) + "\", as expected.")
          : CheckResult.fail(
              this, capitalized(where()) + " has no line of the expected form" + excerpt(seen));
    }
    if (ok) {
      return CheckResult.pass(
          this,
          mode == Mode.LACKS
              ? "As expected, " + where() + " never shows " + quoted + "."
              : "Found " + quoted + " in " + where() + ".");
    }
    return CheckResult.fail(
        this,
        mode == Mode.LACKS
            ? capitalized(where()) + " shows " + quoted + ", which it should not."
            : quoted + " is not in " + where() + excerpt(seen));
  }

  /** The line the pattern found (the whole line, not just the match), shortened if long. */
  private String matched(String seen) {
    com.google.re2j.Matcher m = pattern.matcher(seen);
    if (!m.find()) {
      return "";
    }
    int start = seen.lastIndexOf('\n', m.start() - 1) + 1;
    int end = seen.indexOf('\n', m.start());
    String line = seen.substring(start, end < 0 ? seen.length() : end).strip();
    return line.length() > 120 ? line.substring(0, 117) + "…" : line;
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String excerpt(String seen) {
    String s = seen.strip();
    if (s.isEmpty()) {
      return " (it printed nothing).";
    }
    String last = s.substring(Math.max(0, s.length() - 160)).replace('\n', ' ');
    return ", which ends: \"" + last + "\".";
  }
}
