package io.containercodes.lab.check;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code stdout-contains}, {@code stderr-lacks}, {@code output-matches}…: what the container
 * printed.
 */
record TextCheck(Stream stream, Mode mode, String text, Pattern pattern) implements Check {
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

  static TextCheck of(Stream stream, Mode mode, String text) {
    return new TextCheck(
        stream, mode, text, mode == Mode.MATCHES ? Pattern.compile(text, Pattern.MULTILINE) : null);
  }

  @Override
  public String type() {
    return stream.name().toLowerCase(Locale.ROOT) + "-" + mode.name().toLowerCase(Locale.ROOT);
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
    boolean found = mode == Mode.MATCHES ? pattern.matcher(seen).find() : seen.contains(text);
    boolean ok = mode == Mode.LACKS ? !found : found;
    String quoted = "\"" + text + "\"";
    if (mode == Mode.MATCHES) {
      return ok
          ? CheckResult.pass(this, capitalized(where()) + " matches /" + text + "/.")
          : CheckResult.fail(
              this, capitalized(where()) + " does not match /" + text + "/" + excerpt(seen));
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
