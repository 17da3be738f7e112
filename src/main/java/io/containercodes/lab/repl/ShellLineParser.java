package io.containercodes.lab.repl;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * Tells JLine when a line is complete, by the rules of a POSIX shell, and changes nothing in it.
 *
 * <p>The line a learner types reaches the lab's own tokenizer ({@code
 * runline.CommandLineTokenizer}) exactly as typed: that tokenizer is the one place where quotes and
 * backslashes mean something. JLine's {@code LineReaderImpl.finish} drops every escape character of
 * the line ("event expansion"), in quotes or not, unless {@code Option.DISABLE_EVENT_EXPANSION} is
 * set — that is how {@code printf "x\101y\n"} became {@code x101yn} (issue #25.1); {@link
 * LineInput} sets the option. JLine's {@code DefaultParser} cannot judge completeness either: it
 * lets a backslash escape inside single quotes, where POSIX keeps it literal (XCU 2.2.2), so {@code
 * 'a\'} would look unclosed.
 *
 * <p>A line is incomplete, and JLine asks for the next one as part of it, when it ends in a
 * backslash that continues it (outside single quotes, XCU 2.2.1) or inside an open quote: a pasted
 * line continued with {@code \} is one line, at every prompt. Tab completion only needs the words
 * and the word under the cursor, which {@link DefaultParser} gives.
 */
final class ShellLineParser implements Parser {
  private final DefaultParser words = new DefaultParser();

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE || context == ParseContext.SECONDARY_PROMPT) {
      String missing = missing(line);
      if (missing != null) {
        throw new EOFError(-1, -1, "the line goes on", missing);
      }
    }
    return words.parse(
        line, cursor, context == ParseContext.ACCEPT_LINE ? ParseContext.UNSPECIFIED : context);
  }

  /**
   * What keeps the line open, as the continuation prompt says it; null when the line is complete.
   */
  static String missing(String line) {
    char quote = 0;
    boolean wordStart = true;
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        quote = c == '\'' ? 0 : quote;
      } else if (c == '\\') {
        if (i + 1 == n) {
          return quote == '"' ? "  … \"" : "  …";
        }
        i++;
      } else if (quote == '"') {
        quote = c == '"' ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && wordStart) {
        while (i + 1 < n && line.charAt(i + 1) != '\n') {
          i++;
        }
      }
      wordStart = quote == 0 && Character.isWhitespace(c);
    }
    return quote == 0 ? null : "  … " + quote;
  }

  /**
   * The line without the blanks around it, but with a blank a backslash escapes: {@code echo a\ }
   * ends in a space that is part of its last word, as a shell reads it.
   */
  static String trimmed(String line) {
    int end = line.length();
    while (end > 0 && Character.isWhitespace(line.charAt(end - 1)) && !escaped(line, end - 1)) {
      end--;
    }
    return line.substring(0, end).stripLeading();
  }

  /** Whether the character at {@code i} follows an odd number of backslashes. */
  private static boolean escaped(String line, int i) {
    int backslashes = 0;
    while (i - 1 - backslashes >= 0 && line.charAt(i - 1 - backslashes) == '\\') {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}
