package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.render.Style;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #25.9: what the learner did is shown back — predictions, how each exercise was solved, quiz
 * answers latest and first, the challenge — and a line that never started is never a pass.
 */
class ProgressReportTest {
  private final Episode episode =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);

  private String report(Progress p, int width) {
    List<String> lines = new ProgressReport(episode, p, Style.PLAIN, width).lines();
    lines.forEach(l -> assertTrue(l.length() <= width, width + " columns: " + l));
    return String.join("\n", lines);
  }

  @Test
  void predictionsExercisesQuizAnswersAndTheChallengeAreShown() {
    Progress p = new Progress();
    p.recordPrediction("memory-exercise", 1, false);
    p.recordLine("memory-exercise", "podman run --rm cclab/python", List.of("oom-killed"));
    p.takeHint("memory-exercise", 3);
    p.recordLine("memory-exercise", "podman run --rm --memory 100m …", List.of());
    p.recordRun("memory-exercise", true, "4 checks passed");
    p.answer("resource-limits", 1, 1, false);
    p.answer("resource-limits", 1, 2, true);
    p.recordRun(ClassReport.CHALLENGE, true, "passed the community challenge");
    String out = report(p, 80);
    String flat = out.replaceAll("\\s+", " ");
    assertTrue(flat.contains("predicted: 1. Python raises MemoryError"), out);
    assertTrue(flat.contains("✗"), out);
    assertTrue(flat.contains("your lines: solved after 1 hint(s) (line 2 of 2)"), out);
    assertTrue(flat.contains("quiz 1: 2."), out);
    assertTrue(flat.contains("first answer 1."), out);
    assertTrue(flat.contains("quiz 2: not answered"), out);
    assertTrue(flat.contains("Community challenge: passed the community challenge"), out);
  }

  @Test
  void aLineThatNeverStartedIsNoPass() {
    Progress p = new Progress();
    p.recordNotStarted(
        "network-exercise",
        "podman run --rm --network NONE cclab/busybox true",
        "Podman could not find the network NONE");
    Progress.Attempt a = p.demo("network-exercise").lines().get(0);
    assertEquals(List.of(), a.failed());
    assertTrue(!a.passed() && a.notStarted() != null);
    assertEquals(DemoStatus.NEW, p.demo("network-exercise").status());
    String flat = report(p, 100).replaceAll("\\s+", " ");
    assertTrue(flat.contains("not solved yet, 1 line(s), 1 of them could not start"), flat);
    assertTrue(flat.contains("last run could not start: Podman could not find"), flat);
  }

  @Test
  void aFirstTryAndASolutionAreToldApart() {
    Progress first = new Progress();
    first.recordLine("caps-exercise", "podman run …", List.of());
    assertEquals("solved on the first try", ProgressReport.exercise(first.demo("caps-exercise")));
    Progress shown = new Progress();
    shown.recordLine("caps-exercise", "podman run …", List.of("cap-eff"));
    shown.markSolutionShown("caps-exercise");
    shown.recordLine("caps-exercise", "podman run …", List.of());
    assertEquals(
        "solved with the solution shown (line 2 of 2)",
        ProgressReport.exercise(shown.demo("caps-exercise")));
  }

  @Test
  void theReportFitsFortyColumns() {
    Progress p = new Progress();
    p.answer("resource-limits", 1, 1, false);
    p.recordPrediction("memory-exercise", 2, true);
    report(p, 40);
  }
}
