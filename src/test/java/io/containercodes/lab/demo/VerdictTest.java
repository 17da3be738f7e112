package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.Recorded;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdict on an answer, as the REPL and {@code run --answer} give it: skipped is never passed,
 * and an answer that changes the workload is refused before anything runs.
 */
class VerdictTest {
  private static final Demo CAPS =
      new LessonPack(Path.of("").toAbsolutePath())
          .episode(LessonPack.DEFAULT_EPISODE)
          .demo("caps-exercise")
          .orElseThrow();

  /** The caps exercise's checks: the program's text (no by:), the twin probe (by: --cap-drop). */
  private static DemoResult result(Outcome outcome, Status text, Status twin, String error) {
    List<CheckResult> checks = new ArrayList<>();
    Demo.Step step = CAPS.steps().get(0);
    checks.add(new CheckResult(step.expect().get(0), text, "text"));
    checks.add(new CheckResult(step.expect().get(1), twin, "twin"));
    return new DemoResult(
        CAPS,
        DemoResult.Variant.AS_WRITTEN,
        List.of(new DemoResult.StepResult(step, outcome, checks)),
        Duration.ZERO,
        error);
  }

  private static final Outcome RAN = Recorded.outcome(null);

  @Test
  void passedOnlyWhenEveryCheckHeldAndEveryProtectionWasJudged() {
    assertEquals(Verdict.PASSED, Verdict.of(result(RAN, Status.PASS, Status.PASS, null)));
    assertEquals(Verdict.FAILED, Verdict.of(result(RAN, Status.PASS, Status.FAIL, null)));
    assertEquals(Verdict.FAILED, Verdict.of(result(RAN, Status.FAIL, Status.SKIPPED, null)));
    assertEquals(
        Verdict.SKIPPED,
        Verdict.of(result(RAN, Status.PASS, Status.SKIPPED, null)),
        "a protection this host could not judge is not a protection shown");
    assertEquals(
        Verdict.SKIPPED,
        Verdict.of(result(null, Status.SKIPPED, Status.SKIPPED, null)),
        "a step this host cannot run at all");
    assertEquals(
        Verdict.REFUSED, Verdict.of(result(RAN, Status.PASS, Status.PASS, "the engine refused")));
  }

  @Test
  void exitStatusesAreZeroOneAndTwo() {
    assertEquals(0, Verdict.PASSED.exitStatus());
    assertEquals(1, Verdict.FAILED.exitStatus());
    assertEquals(2, Verdict.REFUSED.exitStatus());
    assertEquals(2, Verdict.SKIPPED.exitStatus());
  }

  @Test
  void aSkippedAnswerSaysWhyInItsReason() {
    Answer a = Answer.judged("l", result(RAN, Status.PASS, Status.SKIPPED, null), null, null);
    assertEquals(Verdict.SKIPPED, a.verdict());
    assertEquals("twin", a.reason());
  }

  @Test
  void theIssuesFakedOutputLineIsRefusedWithNoEngine() {
    Answer a =
        new AnswerJudge(
                io.containercodes.lab.admission.Admission.forHost(
                    java.util.Map.of(),
                    () -> {
                      throw new AssertionError("a refused line must not reach the engine");
                    },
                    m -> {}),
                () -> {
                  throw new AssertionError("a refused line must not reach the engine");
                })
            .judge(
                CAPS,
                "podman run --rm cclab/busybox sh -c 'echo probe.cap_eff=0000000000000001; echo"
                    + " chown ok: the report belongs to lab'",
                DemoRunner.Listener.QUIET);
    assertEquals(Verdict.REFUSED, a.verdict());
    assertTrue(a.reason().endsWith(Workload.FIX), a.reason());
    assertTrue(a.reason().contains("instead of the exercise's command, sh /app/own.sh"));
  }

  @Test
  void theStartingLineIsTheWorkloadWithNoProtection() {
    String start = AnswerJudge.startingLine(CAPS);
    assertEquals(
        "podman run --rm -v $(pwd)/own.sh:/app/own.sh:ro cclab/busybox sh /app/own.sh", start);
    AnswerJudge.requireWorkload(CAPS, start);
    AnswerJudge.requireWorkload(
        CAPS, "--i-understand " + start.replace("--rm", "--rm --cap-drop ALL --cap-add CHOWN"));
    assertThrows(
        InvalidInput.class,
        () ->
            AnswerJudge.requireWorkload(
                new LessonPack(Path.of("").toAbsolutePath())
                    .episode(LessonPack.DEFAULT_EPISODE)
                    .demo("memory-limit")
                    .orElseThrow(),
                start));
  }

  @Test
  void everyExercisesStartingLineRunsItsOwnWorkload() {
    for (Demo d :
        new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE).demos()) {
      if (d.isExercise()) {
        AnswerJudge.requireWorkload(d, AnswerJudge.startingLine(d));
        AnswerJudge.requireWorkload(d, d.steps().get(0).run());
      }
    }
  }
}
