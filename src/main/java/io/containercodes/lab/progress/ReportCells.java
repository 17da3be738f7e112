package io.containercodes.lab.progress;

import io.containercodes.lab.render.SafeText;

/** Text from an export made into one table cell that cannot break its table or run as anything. */
final class ReportCells {
  /**
   * Characters that mean something to Markdown or HTML inside a table cell. CommonMark lets any
   * ASCII punctuation be backslash-escaped, so each of these then reads as itself: no link,
   * emphasis, code span, HTML tag, entity or cell break ({@code |}).
   */
  private static final String MARKDOWN_SPECIAL = "\\`*_{}[]<>()#!|~&$";

  /**
   * Spreadsheets read a cell starting with one of these as a formula (OWASP, "CSV Injection"); the
   * full-width forms too, which some locales' spreadsheets accept as the ASCII ones.
   */
  private static final String FORMULA_START = "=+-@\t\r\uff1d\uff0b\uff0d\uff20";

  private ReportCells() {}

  /**
   * One Markdown cell: line breaks and control characters shown escaped (also safe on a terminal).
   */
  static String markdown(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (MARKDOWN_SPECIAL.indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    // after the Markdown escapes, so SafeText's own backslashes (\n, \e) are not escaped again
    return SafeText.escapeLine(b.toString());
  }

  /**
   * One CSV cell, always quoted (RFC 4180: a quote doubled inside). A cell that a spreadsheet would
   * run as a formula gets a leading apostrophe, which spreadsheets show as text. Control characters
   * are shown escaped, as on a terminal: the file is as likely to be printed with cat.
   */
  static String csv(String text) {
    String cell = !text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    cell = SafeText.escape(cell);
    return "\"" + cell.replace("\"", "\"\"") + "\"";
  }
}
