package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiz answers and exercise attempts go from a learner's progress, through the export, into the
 * class report.
 */
class ExportLearningTest {
  private final Episode episode =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);

  private static Progress learner(boolean firstTry, boolean rightOnQ1) {
    Progress p = new Progress();
    p.answer("resource-limits", 1, rightOnQ1 ? 2 : 1, rightOnQ1);
    p.answer("resource-limits", 2, 2, true);
    if (!firstTry) {
      p.recordRun("ai-code-exercise", false, "1 checks failed");
      p.recordLine("ai-code-exercise", "podman run --rm --network bridge …", List.of("no-network"));
    }
    p.recordPrediction("malicious-install", rightOnQ1 ? 2 : 1, rightOnQ1);
    p.recordRun("ai-code-exercise", true, "5 checks passed");
    p.recordLine("ai-code-exercise", "podman run --rm --network none --read-only …", List.of());
    return p;
  }

  @Test
  void theReportShowsWhoSolvedFirstTryAndWhichQuestionTheRoomMissed(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("ann.json"),
        ProgressExport.json(ProgressExport.of("Ann", episode, learner(true, true))));
    Files.writeString(
        dir.resolve("bo.json"),
        ProgressExport.json(ProgressExport.of("Bo", episode, learner(false, false))));
    Files.writeString(
        dir.resolve("cy.json"),
        ProgressExport.json(ProgressExport.of("Cy", episode, learner(false, false))));
    ClassReport.Result r = new ClassReport(episode).read(dir);
    assertEquals(List.of(), r.skipped());
    ClassReport.Share exercise =
        r.exerciseShares().stream()
            .filter(s -> s.id().equals("ai-code-exercise"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, exercise.firstTry());
    assertEquals(2, exercise.afterRetries());
    ClassReport.QuizShare q1 =
        r.quizShares().stream()
            .filter(q -> q.id().endsWith("resource-limits Q1"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r.quizShares().toString()));
    assertEquals(1, q1.right());
    assertEquals(3, q1.answered());
  }

  @Test
  void predictionsGoThroughTheExportIntoTheReportWithTheirQuestion(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("ann.json"),
        ProgressExport.json(ProgressExport.of("Ann", episode, learner(true, true))));
    Files.writeString(
        dir.resolve("bo.json"),
        ProgressExport.json(ProgressExport.of("Bo", episode, learner(false, false))));
    ClassReport.Result r = new ClassReport(episode).read(dir);
    assertEquals(List.of(), r.skipped());
    ClassReport.PredictionShare p = r.predictionShares().get(0);
    assertEquals("malicious-install", p.demoId());
    assertEquals(1, p.right());
    assertEquals(2, p.answered());
    assertEquals(episode.demo("malicious-install").orElseThrow().prediction().text(), p.question());
    assertTrue(
        ClassReport.markdown(r).contains("| malicious-install | 1 (50 %) | 2 |"),
        ClassReport.markdown(r));
  }

  @Test
  void anExportPredictingForADemoThatAsksNothingIsSkipped(@TempDir Path dir) throws Exception {
    Progress p = learner(true, true);
    p.recordPrediction("cpu-limit", 1, true);
    Files.writeString(
        dir.resolve("eve.json"), ProgressExport.json(ProgressExport.of("Eve", episode, p)));
    ClassReport.Result r = new ClassReport(episode).read(dir);
    assertTrue(r.skipped().get(0).contains("asks no prediction"), r.skipped().toString());
  }

  @Test
  void anExportAnsweringAQuestionTheLessonDoesNotHaveIsSkipped(@TempDir Path dir) throws Exception {
    String json =
        ProgressExport.json(ProgressExport.of("Eve", episode, learner(true, true)))
            .replace("\"2\" : true", "\"99\" : true");
    Files.writeString(dir.resolve("eve.json"), json);
    ClassReport.Result r = new ClassReport(episode).read(dir);
    assertTrue(r.skipped().get(0).contains("not one of its 2 questions"), r.skipped().toString());
  }
}
