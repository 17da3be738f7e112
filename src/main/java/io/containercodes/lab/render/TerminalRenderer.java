package io.containercodes.lab.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Renders a lesson's Markdown for a terminal: headings, paragraphs wrapped to the width, lists with
 * hanging indents, block quotes, emphasis, inline code, fenced code with a gutter (a line wider
 * than the window broken as {@link CodeWrap} says; shell lines lightly highlighted), GFM tables,
 * links as text plus address, and demo cards for {@code ```demo ID} blocks.
 */
public final class TerminalRenderer {
  private static final Parser PARSER =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();

  private final int width;
  private final Style style;
  private final Function<String, Optional<DemoCard>> demos;

  public TerminalRenderer(int width, Style style, Function<String, Optional<DemoCard>> demos) {
    this.width = Math.max(30, width);
    this.style = style;
    this.demos = demos;
  }

  public String render(String markdown) {
    List<String> out = new ArrayList<>();
    // lesson text is someone else's: a raw escape sequence in it is shown, never obeyed
    for (Node n = PARSER.parse(SafeText.escape(markdown)).getFirstChild();
        n != null;
        n = n.getNext()) {
      if (!out.isEmpty()) {
        out.add("");
      }
      block(n, out, "", "");
    }
    return String.join("\n", out) + "\n";
  }

  private void block(Node n, List<String> out, String first, String rest) {
    if (n instanceof Heading h) {
      heading(h, out, first, rest);
    } else if (n instanceof Paragraph p) {
      out.addAll(Wrapper.wrap(inline(p), width, first, rest));
    } else if (n instanceof BulletList || n instanceof OrderedList) {
      list(n, out, first, rest);
    } else if (n instanceof BlockQuote) {
      String bar = style.dim("│ ");
      boolean firstChild = true;
      for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
        if (!firstChild) {
          out.add(rest + bar.stripTrailing());
        }
        block(c, out, (firstChild ? first : rest) + bar, rest + bar);
        firstChild = false;
      }
    } else if (n instanceof FencedCodeBlock f) {
      fenced(f, out, first, rest);
    } else if (n instanceof IndentedCodeBlock c) {
      code(c.getLiteral(), "", out, first, rest);
    } else if (n instanceof ThematicBreak) {
      out.add(first + style.dim("─".repeat(Math.max(3, width - first.length()))));
    } else if (n instanceof TableBlock t) {
      table(t, out, first);
    } else if (n instanceof HtmlBlock) {
      // lessons are for terminals: raw HTML has nothing to show here
    } else {
      for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
        block(c, out, first, rest);
      }
    }
  }

  private void heading(Heading h, List<String> out, String first, String rest) {
    String text = inline(h);
    String shown =
        h.getLevel() == 1 ? style.heading(text.toUpperCase(Locale.ROOT)) : style.heading(text);
    out.addAll(Wrapper.wrap(shown, width, first, rest));
    if (h.getLevel() <= 2) {
      out.add(
          rest
              + style.dim(
                  (h.getLevel() == 1 ? "═" : "─")
                      .repeat(Math.min(width - rest.length(), Style.width(text)))));
    }
  }

  private void list(Node n, List<String> out, String first, String rest) {
    int number =
        n instanceof OrderedList o
            ? o.getMarkerStartNumber() == null ? 1 : o.getMarkerStartNumber()
            : 0;
    boolean firstItem = true;
    for (Node item = n.getFirstChild(); item != null; item = item.getNext()) {
      String marker = n instanceof OrderedList ? number++ + ". " : "• ";
      listItem((ListItem) item, out, firstItem ? first : rest, rest, marker);
      firstItem = false;
    }
  }

  /** A demo card, a quiz's placeholder, or code. */
  private void fenced(FencedCodeBlock f, List<String> out, String first, String rest) {
    String info = f.getInfo() == null ? "" : f.getInfo().strip();
    if (info.startsWith("demo")) {
      demoCard(info.substring(4).strip(), out, first, rest);
    } else if (info.equals("quiz")) {
      // the answers are in the block: the lesson says a quiz is here, the REPL asks it
      long questions = f.getLiteral().lines().filter(l -> l.strip().startsWith("?")).count();
      out.add(
          first
              + style.cyan(
                  "? Quiz: "
                      + questions
                      + " question"
                      + (questions == 1 ? "" : "s")
                      + " on this lesson — type quiz when you are ready"));
    } else {
      code(f.getLiteral(), info, out, first, rest);
    }
  }

  private void listItem(ListItem item, List<String> out, String first, String rest, String marker) {
    String hang = " ".repeat(marker.length());
    boolean firstChild = true;
    for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
      if (!firstChild && !(c instanceof BulletList || c instanceof OrderedList)) {
        out.add("");
      }
      block(c, out, firstChild ? first + style.cyan(marker) : rest + hang, rest + hang);
      firstChild = false;
    }
  }

  private void code(String literal, String info, List<String> out, String first, String rest) {
    boolean shell =
        info.isEmpty()
            || info.equals("bash")
            || info.equals("sh")
            || info.equals("console")
            || info.equals("shell");
    String gutter = style.dim("│ ");
    String continued = style.dim("┆ ");
    if (!info.isEmpty()) {
      out.add(first + style.dim("╭─ " + info));
      first = rest;
    }
    int room = Math.max(10, width - Style.width(rest) - 2);
    String[] lines = literal.replaceAll("\n$", "").split("\n", -1);
    for (String line : lines) {
      String t = line.stripLeading();
      // a console block's commands are its "$ " lines; the rest is their output
      boolean command =
          shell && !t.startsWith("#") && (!info.equals("console") || t.startsWith("$ "));
      List<String> pieces = command ? CodeWrap.command(line, room) : CodeWrap.text(line, room);
      for (int i = 0; i < pieces.size(); i++) {
        String piece = pieces.get(i);
        String shown =
            shell && t.startsWith("#")
                ? style.dim(piece)
                : shell ? shellLine(piece) : style.code(piece);
        out.add(first + (i == 0 || command ? gutter : continued) + shown);
        first = rest;
      }
    }
  }

  /** Comments dim, the engine command bold: enough to read a command line at a glance. */
  private String shellLine(String line) {
    String t = line.stripLeading();
    if (t.startsWith("#")) {
      return style.dim(line);
    }
    for (String tool : new String[] {"podman ", "docker ", "cclab ", "./cclab ", "$ "}) {
      if (t.startsWith(tool)) {
        int at = line.indexOf(tool);
        return line.substring(0, at)
            + style.bold(tool.strip())
            + style.code(line.substring(at + tool.strip().length()));
      }
    }
    return style.code(line);
  }

  private void demoCard(String id, List<String> out, String first, String rest) {
    Optional<DemoCard> card = id.isEmpty() ? Optional.empty() : demos.apply(id);
    int inner = Math.max(20, width - Style.width(rest) - 4);
    if (card.isEmpty()) {
      out.add(first + style.red("[demo " + id + ": not found]"));
      return;
    }
    DemoCard d = card.get();
    // the card is demo content, someone else's like the lesson around it: shown, never obeyed
    // (the status is the lab's own, coloured, words)
    String demoId = SafeText.escapeLine(d.id());
    String status = d.status() == null ? "" : "  " + d.status();
    out.add(
        first
            + style.cyan("┌─ ▶ demo " + demoId + " ")
            + style.cyan("─".repeat(Math.max(1, inner - 8 - demoId.length())) + "┐"));
    for (String l :
        Wrapper.wrap(style.bold(SafeText.escapeLine(d.title())) + status, inner, "", "")) {
      out.add(rest + style.cyan("│ ") + pad(l, inner) + style.cyan(" │"));
    }
    for (String l : Wrapper.wrap(SafeText.escape(d.proves()), inner, "", "")) {
      out.add(rest + style.cyan("│ ") + pad(l, inner) + style.cyan(" │"));
    }
    out.add(rest + style.cyan("│ ") + pad("", inner) + style.cyan(" │"));
    for (String run : d.runLines()) {
      for (String l : Wrapper.wrap(SafeText.escapeLine(run), inner, "$ ", "    ")) {
        out.add(rest + style.cyan("│ ") + pad(style.code(l), inner) + style.cyan(" │"));
      }
    }
    for (String l : Wrapper.wrap("Type: " + SafeText.escapeLine(d.howToRun()), inner, "", "  ")) {
      out.add(rest + style.cyan("│ ") + pad(style.dim(l), inner) + style.cyan(" │"));
    }
    out.add(rest + style.cyan("└" + "─".repeat(inner + 2) + "┘"));
  }

  private static String pad(String s, int width) {
    int w = Style.width(s);
    return w >= width ? s : s + " ".repeat(width - w);
  }

  private void table(TableBlock t, List<String> out, String prefix) {
    List<List<String>> rows = new ArrayList<>();
    int header = 0;
    for (Node section = t.getFirstChild(); section != null; section = section.getNext()) {
      for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
        List<String> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
          String text = inline(cell);
          cells.add(section instanceof TableHead ? style.bold(text) : text);
        }
        rows.add(cells);
        if (section instanceof TableHead && row instanceof TableRow) {
          header++;
        }
      }
    }
    int cols = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] w = columnWidths(rows, cols, width - prefix.length());
    for (int r = 0; r < rows.size(); r++) {
      tableRow(rows.get(r), w, out, prefix);
      if (r == header - 1) {
        StringBuilder rule = new StringBuilder(prefix);
        for (int i = 0; i < cols; i++) {
          rule.append(i == 0 ? "" : "─┼─").append("─".repeat(w[i]));
        }
        out.add(style.dim(rule.toString()));
      }
    }
  }

  /**
   * Each column as wide as its widest cell; a table wider than {@code room} gives its widest column
   * what is left, wrapped.
   */
  private static int[] columnWidths(List<List<String>> rows, int cols, int room) {
    int[] w = new int[cols];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        w[i] = Math.max(w[i], Style.width(r.get(i)));
      }
    }
    int total = 0;
    for (int x : w) {
      total += x + 3;
    }
    int widest = 0;
    for (int i = 1; i < cols; i++) {
      widest = w[i] > w[widest] ? i : widest;
    }
    if (total > room && cols > 0) {
      w[widest] = Math.max(8, w[widest] - (total - room));
    }
    return w;
  }

  /** One row, as many lines as its tallest wrapped cell. */
  private void tableRow(List<String> row, int[] w, List<String> out, String prefix) {
    List<List<String>> wrapped = new ArrayList<>();
    int height = 1;
    for (int i = 0; i < w.length; i++) {
      String cell = i < row.size() ? row.get(i) : "";
      List<String> lines =
          Style.width(cell) > w[i] ? Wrapper.wrap(cell, w[i], "", "") : List.of(cell);
      wrapped.add(lines);
      height = Math.max(height, lines.size());
    }
    for (int h = 0; h < height; h++) {
      StringBuilder line = new StringBuilder(prefix);
      for (int i = 0; i < w.length; i++) {
        String part = h < wrapped.get(i).size() ? wrapped.get(i).get(h) : "";
        line.append(i == 0 ? "" : style.dim(" │ ")).append(pad(part, w[i]));
      }
      out.add(line.toString().stripTrailing());
    }
  }

  private String inline(Node parent) {
    StringBuilder sb = new StringBuilder();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        sb.append(t.getLiteral());
      } else if (n instanceof Code c) {
        sb.append(style.code(style.on() ? c.getLiteral() : "`" + c.getLiteral() + "`"));
      } else if (n instanceof Emphasis) {
        sb.append(style.italic(style.on() ? inline(n) : "_" + inline(n) + "_"));
      } else if (n instanceof StrongEmphasis) {
        sb.append(style.bold(style.on() ? inline(n) : "*" + inline(n) + "*"));
      } else if (n instanceof Link l) {
        String text = inline(l);
        sb.append(style.underline(text));
        if (!l.getDestination().equals(text)) {
          sb.append(' ').append(style.dim("(" + l.getDestination() + ")"));
        }
      } else if (n instanceof SoftLineBreak) {
        sb.append(' ');
      } else if (n instanceof HardLineBreak) {
        sb.append('\n');
      } else if (n instanceof HtmlInline h) {
        sb.append(h.getLiteral().matches("<br\\s*/?>") ? "\n" : "");
      } else {
        sb.append(inline(n));
      }
    }
    return sb.toString();
  }
}
