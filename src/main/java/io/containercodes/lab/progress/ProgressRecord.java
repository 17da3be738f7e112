package io.containercodes.lab.progress;

import io.containercodes.lab.check.Status;
import io.containercodes.lab.demo.Answer;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.Verdict;

/**
 * How a run enters a learner's progress, one way for the REPL and the command line: a pass is a
 * pass, a failure says how many checks failed, and a run this host could not judge is recorded as
 * skipped, never as passed.
 */
public final class ProgressRecord {
  private ProgressRecord() {}

  /** A demo run as written (not a proof). */
  public static void run(Progress progress, Demo demo, DemoResult r) {
    if (r.allSkipped()) {
      progress.recordSkipped(demo.id(), skipped(r));
    } else {
      progress.recordRun(
          demo.id(),
          r.passed(),
          r.passed()
              ? r.count(Status.PASS) + " checks passed"
              : r.steps().stream()
                      .flatMap(s -> s.checks().stream())
                      .filter(c -> c.status() == Status.FAIL)
                      .count()
                  + " checks failed");
    }
  }

  /**
   * A learner's answer to an exercise: its verdict, and the line with the checks it failed. A
   * refused line never ran and is not recorded.
   */
  public static void answer(Progress progress, Demo exercise, Answer a) {
    if (a.verdict() == Verdict.REFUSED) {
      return;
    }
    if (a.verdict() == Verdict.SKIPPED) {
      progress.recordSkipped(
          exercise.id(), "skipped: " + a.reason().replaceFirst("^skipped: ", ""));
    } else {
      progress.recordRun(
          exercise.id(),
          a.verdict() == Verdict.PASSED,
          a.verdict() == Verdict.PASSED
              ? a.result().count(Status.PASS) + " checks passed"
              : a.failedChecks().size() + " checks failed");
    }
    progress.recordLine(
        exercise.id(),
        a.line(),
        a.failedChecks().stream().map(c -> c.check().type()).toList(),
        a.verdict().word(),
        a.judgedOn());
  }

  private static String skipped(DemoResult r) {
    return r.steps().stream()
        .flatMap(s -> s.checks().stream())
        .findFirst()
        .map(c -> "skipped: " + c.sentence().replaceFirst("^skipped: ", ""))
        .orElse("skipped");
  }
}
