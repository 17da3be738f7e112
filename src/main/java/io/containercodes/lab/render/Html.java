package io.containercodes.lab.render;

/**
 * Text from someone else made safe in an HTML page. One function serves element text and double- or
 * single-quoted attribute values alike: it escapes {@code & < > " '}, so a name can neither open a
 * tag nor leave its attribute. Control characters are first shown escaped as on a terminal ({@link
 * SafeText#escapeLine}): a name stays one visible line, a bidirectional override cannot reorder
 * what the instructor reads. Never use it for unquoted attributes, URLs, CSS or script; the lab's
 * pages put foreign text nowhere else.
 */
public final class Html {
  private Html() {}

  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    String line = SafeText.escapeLine(text);
    StringBuilder b = new StringBuilder(line.length() + 16);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
