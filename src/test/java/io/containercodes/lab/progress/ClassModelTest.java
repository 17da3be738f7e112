package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: one model of the class, its numbers, and the renderings that read it. */
class ClassModelTest {
  @TempDir Path dir;

  @Test
  void theFixtureClassHasTheNumbersWorkedOutByHand() throws Exception {
    ClassFixture.write(dir);
    ClassReport.Result r = new ClassReport(ClassFixture.EPISODE).read(dir);
    assertEquals(List.of(), r.skipped());
    assertEquals(12, r.rows().size());
    List<ClassReport.Completion> c = r.completion();
    for (int i = 0; i < 12; i++) {
      assertEquals(
          ClassFixture.DONE_PER_LESSON.get(i), c.get(i).done(), "done in lesson " + (i + 1));
      assertEquals(
          ClassFixture.STARTED_PER_LESSON.get(i),
          c.get(i).started(),
          "started in lesson " + (i + 1));
      assertEquals(12, c.get(i).learners());
    }
    assertEquals(41, c.get(3).donePercent());
    ClassReport.Stop stop = r.stop();
    assertEquals("04", stop.lesson().number2());
    assertEquals(4, stop.learners());
    assertEquals(12, stop.of());
    ClassReport.Share memory =
        r.demoShares().stream()
            .filter(s -> s.id().equals("memory-limit"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(3, 2, 0, 4, 3),
        List.of(
            memory.firstTry(),
            memory.afterRetries(),
            memory.withSolution(),
            memory.notSolved(),
            memory.notTried()));
    ClassReport.Share fork =
        r.demoShares().stream().filter(s -> s.id().equals("fork-bomb")).findFirst().orElseThrow();
    assertEquals(
        List.of(4, 1, 0, 0, 7),
        List.of(
            fork.firstTry(),
            fork.afterRetries(),
            fork.withSolution(),
            fork.notSolved(),
            fork.notTried()));
    assertEquals(
        ClassFixture.EPISODE.demoIds().size(),
        r.demoShares().size(),
        "every demo once, none twice");
    assertTrue(r.exerciseShares().isEmpty() && r.quizShares().isEmpty(), "exports carry none yet");
  }

  @Test
  void markdownShowsTheSameNumbersAsTheModel() throws Exception {
    ClassFixture.write(dir);
    String md = ClassReport.markdown(new ClassReport(ClassFixture.EPISODE).read(dir));
    assertTrue(
        md.contains("Done per lesson: 01 11/12 · 02 10/12 · 03 9/12 · 04 5/12 · 05 4/12 · 06 3/12"),
        md);
    assertTrue(md.contains("Most learners stop at: 04 resource-limits (4 of 12)"), md);
    assertTrue(md.contains("| memory-limit | 3 | 2 | 4 | 3 |"), md);
    assertTrue(md.contains("| fork-bomb | 4 | 1 | 0 | 7 |"), md);
  }

  @Test
  void whenEveryoneFinishedNobodyStops() {
    ClassReport.Column only =
        new ClassReport.Column("01 welcome", 1, "welcome", "Welcome", List.of());
    ClassReport.Row done =
        new ClassReport.Row(
            "a.json", "Ada", Map.of("01 welcome", LessonStatus.DONE), Map.of(), Map.of(), Map.of());
    ClassReport.Result r =
        new ClassReport.Result("000", List.of(only), List.of(done), List.of(), 1);
    assertNull(r.stop().lesson());
    assertTrue(
        ClassReport.markdown(r).contains("Most learners stop at: nowhere"),
        ClassReport.markdown(r));
    assertTrue(ClassPage.html(r, Instant.EPOCH).contains("Every learner has done every lesson."));
    ClassReport.Result empty =
        new ClassReport.Result("000", List.of(only), List.of(), List.of(), 0);
    assertTrue(
        ClassPage.html(empty, Instant.EPOCH).contains("No learner counted yet"),
        "an empty class is not a finished one");
  }

  /**
   * Exercise attempts and quiz answers slot into the rows; the aggregates and the page show them.
   */
  @Test
  void exercisesAndQuizAnswersOnceExportsCarryThem() {
    ClassReport.Column l = new ClassReport.Column("07 ai-code", 7, "ai-code", "AI code", List.of());
    List<ClassReport.Row> rows =
        List.of(
            row("a", Map.of("ex<1>", ClassReport.Solved.FIRST_TRY), Map.of("q1", true)),
            row("b", Map.of("ex<1>", ClassReport.Solved.AFTER_HINTS), Map.of("q1", false)),
            row("c", Map.of("ex<1>", ClassReport.Solved.WITH_SOLUTION), Map.of("q1", true)),
            row("d", Map.of(), Map.of()));
    ClassReport.Result r = new ClassReport.Result("000", List.of(l), rows, List.of(), 4);
    ClassReport.Share ex = r.exerciseShares().get(0);
    assertEquals(
        List.of(1, 1, 1, 0, 1),
        List.of(
            ex.firstTry(), ex.afterRetries(), ex.withSolution(), ex.notSolved(), ex.notTried()));
    assertEquals(new ClassReport.QuizShare("q1", 2, 3), r.quizShares().get(0));
    String html = ClassPage.html(r, Instant.EPOCH);
    assertTrue(html.contains("<svg id=\"exercises\""), html);
    assertTrue(
        html.contains(
            "data-id=\"ex&lt;1&gt;\" data-first-try=\"1\" data-after=\"1\" data-solution=\"1\""),
        html);
    assertTrue(html.contains("<table id=\"quiz\">"), html);
    assertFalse(html.contains("ex<1>"), "an id is escaped like a name");
  }

  /**
   * Per prediction question, the share of the class that predicted right, in both renderings; the
   * question and the id are someone else's words, escaped like names.
   */
  @Test
  void predictionsShowTheShareOfTheClassThatSawItComing() {
    ClassReport.Column l =
        new ClassReport.Column("08 deps", 8, "deps", "Deps", List.of("install<x>", "other"));
    List<ClassReport.Row> rows =
        List.of(
            predicted("a", Map.of("install<x>", true)),
            predicted("b", Map.of("install<x>", false)),
            predicted("c", Map.of("install<x>", true)),
            predicted("d", Map.of()));
    String question = "What <b>happens</b> | when\n\u001b[2J the code runs?";
    ClassReport.Result r =
        new ClassReport.Result(
            "000", List.of(l), rows, List.of(), 4, Map.of("install<x>", question));
    assertEquals(
        List.of(new ClassReport.PredictionShare("install<x>", question, 2, 3)),
        r.predictionShares(),
        "a demo nobody predicted is not listed; one learner skipped it");
    assertEquals(66, r.predictionShares().get(0).rightPercent());

    String html = ClassPage.html(r, Instant.EPOCH);
    assertTrue(html.contains("<table id=\"predictions\">"), html);
    assertTrue(
        html.contains("data-id=\"install&lt;x&gt;\" data-right=\"2\" data-answered=\"3\""), html);
    assertTrue(html.contains("What &lt;b&gt;happens&lt;/b&gt;"), html);
    assertTrue(html.contains("2 (66 %)"), html);
    assertFalse(html.contains("<b>happens") || html.contains("install<x>"), html);
    assertFalse(html.contains("\u001b"), "no escape sequence reaches the page");

    String md = ClassReport.markdown(r);
    assertTrue(md.contains("| prediction | demo | predicted right | answered |"), md);
    assertTrue(md.contains("| 2 (66 %) | 3 |"), md);
    assertFalse(md.contains("\u001b") || md.contains("happens</b> | when"), md);
    assertTrue(md.contains("\\|"), "a pipe in the question stays inside its cell: " + md);
  }

  @Test
  void withoutPredictionsNeitherRenderingShowsTheSection() {
    ClassReport.Column l = new ClassReport.Column("08 deps", 8, "deps", "Deps", List.of("x"));
    ClassReport.Result r =
        new ClassReport.Result("000", List.of(l), List.of(predicted("a", Map.of())), List.of(), 1);
    assertTrue(r.predictionShares().isEmpty());
    assertFalse(ClassPage.html(r, Instant.EPOCH).contains("id=\"predictions\""));
    assertFalse(ClassReport.markdown(r).contains("| prediction |"));
  }

  private static ClassReport.Row predicted(String name, Map<String, Boolean> predictions) {
    return new ClassReport.Row(
        name + ".json", name, Map.of(), Map.of(), Map.of(), Map.of(), predictions);
  }

  private static ClassReport.Row row(
      String name, Map<String, ClassReport.Solved> ex, Map<String, Boolean> quiz) {
    return new ClassReport.Row(name + ".json", name, Map.of(), Map.of(), ex, quiz);
  }

  @Test
  void thePageIsSelfContainedAndEveryExportStringEscaped() throws Exception {
    ClassFixture.write(dir);
    String html = ClassPage.html(new ClassReport(ClassFixture.EPISODE).read(dir), Instant.EPOCH);
    for (String outside :
        List.of(
            "<script", "<link", "<img", "<iframe", "<object", " href=", " src=", "@import",
            "url(")) {
      assertFalse(html.contains(outside), outside + " in the page");
    }
    assertTrue(
        html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""),
        "a CSP that forbids scripts");
    assertTrue(html.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</th>"));
    assertTrue(
        html.contains("title=\"&quot;onmouseover=alert(2) x=&quot;\""),
        "a quote cannot leave its attribute");
    assertTrue(
        html.contains("Eve\\nNewline | 99 | ✓"), "a newline is shown, the name stays one line");
    assertTrue(html.contains("Title\\e]0;pwned\\a\\e[2J"));
    assertTrue(html.contains("Zoë O&#39;Brien &amp; &lt;b&gt;Co&lt;/b&gt;"));
    assertEquals(
        12,
        html.split("<details class=\"learner-detail\"", -1).length - 1,
        "one <details> per learner");
  }

  @Test
  void attemptsWithImpossibleHintsOrTimesAreRejected() throws Exception {
    var ex = ProgressExport.of("Ada", ClassFixture.EPISODE, ClassFixture.progress(0));
    ((com.fasterxml.jackson.databind.node.ObjectNode) ex.withObject("demos").get("fork-bomb"))
        .put("hintsUsed", -1);
    java.nio.file.Files.writeString(dir.resolve("hints.json"), ProgressExport.json(ex));
    var ex2 = ProgressExport.of("Bob", ClassFixture.EPISODE, ClassFixture.progress(0));
    ((com.fasterxml.jackson.databind.node.ObjectNode) ex2.withObject("demos").get("fork-bomb"))
        .put("lastRun", "<b>yesterday</b>");
    java.nio.file.Files.writeString(dir.resolve("time.json"), ProgressExport.json(ex2));
    ClassReport.Result r = new ClassReport(ClassFixture.EPISODE).read(dir);
    assertEquals(0, r.rows().size());
    assertTrue(
        r.skipped().get(0).startsWith("hints.json: demo fork-bomb has -1 hints used"),
        r.skipped().toString());
    assertTrue(
        r.skipped()
            .get(1)
            .startsWith(
                "time.json: demo fork-bomb was last run at \"<b>yesterday</b>\", not a time"),
        r.skipped().toString());
  }

  /**
   * A learner who hands in twice is counted once, from the later export; the earlier is listed, not
   * dropped silently.
   */
  @Test
  void aSecondHandInOfTheSameLearnerReplacesTheFirst() throws Exception {
    Progress early = new Progress();
    early.visit("welcome");
    Progress late = ClassFixture.progress(0);
    var first = ProgressExport.of("Ada", ClassFixture.EPISODE, late);
    first.put("exported", "2026-11-30T10:00:00Z");
    var second = ProgressExport.of("Ada", ClassFixture.EPISODE, early);
    second.put("exported", "2026-11-30T09:00:00Z");
    // file names sort the other way round from the times: the time decides, not the name
    java.nio.file.Files.writeString(dir.resolve("a.json"), ProgressExport.json(first));
    java.nio.file.Files.writeString(dir.resolve("b.json"), ProgressExport.json(second));
    java.nio.file.Files.writeString(
        dir.resolve("c.json"),
        ProgressExport.json(ProgressExport.of("Bob", ClassFixture.EPISODE, early)));
    ClassReport.Result r = new ClassReport(ClassFixture.EPISODE).read(dir);
    assertEquals(List.of("Ada", "Bob"), r.rows().stream().map(ClassReport.Row::learner).toList());
    assertEquals(
        ClassFixture.EPISODE.demoIds().size(),
        r.rows().get(0).demosPassed(),
        "Ada's later export, with every demo passed");
    assertEquals(
        List.of("b.json: an earlier export of the same learner as a.json (the later one counts)"),
        r.skipped());

    java.nio.file.Files.writeString(
        dir.resolve("d.json"),
        ProgressExport.json(
            ProgressExport.of("Ada", ClassFixture.EPISODE, early)
                .put("exported", "2026-11-30T11:00:00Z")));
    ClassReport.Result again = new ClassReport(ClassFixture.EPISODE).read(dir);
    assertEquals(0, again.rows().get(0).demosPassed(), "now d.json is the later one");
    assertEquals("d.json", again.rows().get(0).file());
    assertTrue(
        again
            .skipped()
            .contains(
                "a.json: an earlier export of the same learner as d.json (the later one counts)"),
        again.skipped().toString());
  }
}
