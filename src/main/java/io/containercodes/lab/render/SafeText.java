package io.containercodes.lab.render;

/**
 * Makes text from someone else — a container's output, lesson content, a learner's name in an
 * export — safe to print to a terminal: every control character is shown escaped instead of obeyed.
 * {@code ESC ] 0 ; … BEL} would retitle the window, {@code ESC [ 2 J} clear it, OSC 52 write the
 * clipboard; a lone carriage return or backspace can hide what was printed before it; bidirectional
 * overrides can make text read differently from what it is ("Trojan Source", CVE-2021-42574).
 * Newlines and tabs stay, as do CR LF line ends (shown as a plain newline). The lab's own colours
 * are added after this, so they still work.
 */
public final class SafeText {
  private SafeText() {}

  /**
   * The text with control characters made visible: ESC as {@code \e}, others as {@code \xNN} or
   * {@code \u2066}.
   */
  public static String escape(String text) {
    if (text == null || text.isEmpty() || isClean(text)) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
        continue; // CR LF is an ordinary line end
      }
      if (!unsafe(c)) {
        b.append(c);
      } else if (c == 0x1b) {
        b.append("\\e");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\b') {
        b.append("\\b");
      } else if (c == 0x07) {
        b.append("\\a");
      } else if (c < 0x100) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** For a single-line field (a name, a title): newlines and tabs are escaped too. */
  public static String escapeLine(String text) {
    if (text == null) {
      return null;
    }
    return escape(text).replace("\n", "\\n").replace("\t", "\\t");
  }

  /** True when the text holds nothing a terminal would act on. */
  public static boolean isClean(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (unsafe(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean unsafe(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    return c < 0x20 // C0 controls, ESC among them
        || c == 0x7f // DEL
        || (c >= 0x80 && c < 0xa0) // C1 controls: 0x9b is a one-byte CSI to some terminals
        || (c >= 0x202a && c <= 0x202e) // bidi embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069) // bidi isolates
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c; // direction marks
  }
}
