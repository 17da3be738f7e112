package io.containercodes.lab;

import io.containercodes.lab.render.SafeText;

/**
 * The one way a message quotes what someone else wrote — a flag, a name, a path, a line of a lesson
 * pack — so that no error can carry an escape sequence to the terminal: control characters are
 * shown escaped ({@code \e}, {@code \n}, {@code \x07}), never obeyed, and a newline cannot forge a
 * line of the message. Every message is built with it where it quotes input; {@link LabException}
 * escapes whole messages once more as a backstop.
 */
public final class Quote {
  private Quote() {}

  /** The text (a path, a name, a value), made safe to stand inside a one-line message. */
  public static String input(Object text) {
    return text == null ? "null" : SafeText.escapeLine(text.toString());
  }
}
