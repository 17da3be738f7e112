package io.containercodes.lab.demo;

import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import java.util.List;

/**
 * A learner's line for an exercise, judged: the verdict, the sentence that says why, the run (null
 * when the line was refused before anything ran) and the listed wrong answer it matches, if any.
 *
 * @param reason for a refusal, the refusal's sentence and its fix; for a skip, why; for a failure,
 *     the first failed check's sentence; for a pass, empty
 * @param judgedOn the engine facts the run was judged on; null when the line never ran
 */
public record Answer(
    Verdict verdict,
    String line,
    String reason,
    DemoResult result,
    Demo.WrongAnswer knownWrong,
    JudgedOn judgedOn) {

  static Answer refused(String line, String sentence) {
    return new Answer(Verdict.REFUSED, line, sentence, null, null, null);
  }

  static Answer judged(
      String line, DemoResult result, Demo.WrongAnswer knownWrong, JudgedOn judgedOn) {
    Verdict v = Verdict.of(result);
    String reason =
        switch (v) {
          case PASSED -> "";
          case REFUSED -> result.error();
          case SKIPPED -> Verdict.skipReason(result);
          case FAILED -> failed(result).stream().map(CheckResult::sentence).findFirst().orElse("");
        };
    return new Answer(v, line, reason, result, knownWrong, judgedOn);
  }

  /** The checks the line failed, in the demo's order. */
  public List<CheckResult> failedChecks() {
    return result == null ? List.of() : failed(result);
  }

  private static List<CheckResult> failed(DemoResult r) {
    return r.steps().stream()
        .flatMap(s -> s.checks().stream())
        .filter(c -> c.status() == Status.FAIL)
        .toList();
  }
}
