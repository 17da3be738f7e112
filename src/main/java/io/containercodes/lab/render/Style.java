package io.containercodes.lab.render;

/** ANSI styles, or nothing at all when colour is off (NO_COLOR, dumb terminals, pipes). */
public final class Style {
  public static final Style PLAIN = new Style(false);
  public static final Style COLOR = new Style(true);

  private final boolean on;

  private Style(boolean on) {
    this.on = on;
  }

  public boolean on() {
    return on;
  }

  private String wrap(String codes, String text) {
    return on && !text.isEmpty() ? "\u001b[" + codes + "m" + text + "\u001b[0m" : text;
  }

  public String bold(String t) {
    return wrap("1", t);
  }

  public String dim(String t) {
    return wrap("2", t);
  }

  public String italic(String t) {
    return wrap("3", t);
  }

  public String underline(String t) {
    return wrap("4", t);
  }

  public String heading(String t) {
    return wrap("1;36", t);
  }

  public String code(String t) {
    return wrap("33", t);
  }

  public String green(String t) {
    return wrap("32", t);
  }

  public String red(String t) {
    return wrap("31", t);
  }

  public String cyan(String t) {
    return wrap("36", t);
  }

  /** The number of terminal columns a styled string takes (escape sequences take none). */
  public static int width(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u001b') {
        while (i < s.length() && s.charAt(i) != 'm') {
          i++;
        }
      } else if (!Character.isLowSurrogate(c)) {
        n++;
      }
    }
    return n;
  }
}
