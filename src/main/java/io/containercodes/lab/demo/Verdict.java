package io.containercodes.lab.demo;

import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import java.util.List;

/**
 * The verdict on a learner's answer to an exercise, the same at the REPL and at {@code cclab run
 * EXERCISE --answer}: passed, failed, refused (never judged: the line breaks a rule, or the engine
 * would not run it), or skipped (this host cannot show what the exercise checks). Skipped is never
 * passed: a protection that could not be judged is not a protection shown.
 */
public enum Verdict {
  PASSED("passed", 0),
  FAILED("failed", 1),
  REFUSED("refused", 2),
  SKIPPED("skipped", 2);

  private final String word;
  private final int exitStatus;

  Verdict(String word, int exitStatus) {
    this.word = word;
    this.exitStatus = exitStatus;
  }

  /** The word a report uses: passed, failed, refused, skipped. */
  public String word() {
    return word;
  }

  /** {@code run EXERCISE --answer}'s exit status: 0 passed, 1 failed, 2 refused or skipped. */
  public int exitStatus() {
    return exitStatus;
  }

  /**
   * The verdict on a run of the learner's line: failed when any check failed; skipped when no step
   * could run on this host, or a check that stands for a flag ({@code by:}) could not be judged;
   * passed otherwise. A step of the other engine (seccomp's per-engine steps) is skipped whole and
   * counts for nothing either way.
   */
  public static Verdict of(DemoResult r) {
    if (r.error() != null) {
      return REFUSED;
    }
    List<DemoResult.StepResult> ran = r.steps().stream().filter(s -> s.outcome() != null).toList();
    if (ran.isEmpty()) {
      return SKIPPED;
    }
    List<CheckResult> checks = ran.stream().flatMap(s -> s.checks().stream()).toList();
    if (checks.stream().anyMatch(c -> c.status() == Status.FAIL)) {
      return FAILED;
    }
    return unjudgedProtection(r).isEmpty() ? PASSED : SKIPPED;
  }

  /**
   * Why a run is skipped: the first skipped check of a step that never ran, or the first protection
   * check that could not be judged; empty when nothing was skipped that matters.
   */
  public static String skipReason(DemoResult r) {
    List<DemoResult.StepResult> ran = r.steps().stream().filter(s -> s.outcome() != null).toList();
    List<CheckResult> candidates =
        ran.isEmpty()
            ? r.steps().stream().flatMap(s -> s.checks().stream()).toList()
            : unjudgedProtection(r);
    return candidates.stream()
        .filter(c -> c.status() == Status.SKIPPED)
        .map(CheckResult::sentence)
        .findFirst()
        .orElse("");
  }

  private static List<CheckResult> unjudgedProtection(DemoResult r) {
    return r.steps().stream()
        .filter(s -> s.outcome() != null)
        .flatMap(s -> s.checks().stream())
        .filter(c -> c.status() == Status.SKIPPED && !c.check().protectedBy().isEmpty())
        .toList();
  }
}
