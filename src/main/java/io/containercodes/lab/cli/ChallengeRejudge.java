package io.containercodes.lab.cli;

import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.EngineMeasurement;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.demo.JudgedOn;
import io.containercodes.lab.demo.Verdict;
import io.containercodes.lab.progress.Rejudge;
import java.util.List;

/**
 * {@code report --rejudge}'s judge of a challenge line: {@link ChallengeJudge}, the one judge
 * {@code cclab challenge} and {@code challenge board} use, quietly, with no progress recorded. A
 * refusal is a verdict here, not an error.
 */
final class ChallengeRejudge {
  private ChallengeRejudge() {}

  /**
   * A line {@code cclab challenge} recorded (ChallengeCommand#record) judged again as this command
   * judges it (its consent word read back), quietly, for {@code report --rejudge}: a line the
   * admission refuses never runs.
   */
  static Rejudge.ChallengeAnswer judge(LabContext ctx, String recorded, int minScore) {
    boolean consented = recorded.startsWith(DemoRunner.CONSENT_WORD + " ");
    String line = consented ? recorded.substring(DemoRunner.CONSENT_WORD.length() + 1) : recorded;
    AuditSetup setup = new AuditSetup(ctx);
    Challenge.Result r;
    try {
      r = new ChallengeJudge(ctx, setup, consented, false, minScore, null).judge(List.of(line));
    } catch (InvalidInput | EngineRefused e) {
      String fix = e instanceof InvalidInput i && i.fix() != null ? " " + i.fix() : "";
      return new Rejudge.ChallengeAnswer(Verdict.REFUSED, 0, e.getMessage() + fix, null);
    }
    return new Rejudge.ChallengeAnswer(
        r.passed() ? Verdict.PASSED : Verdict.FAILED,
        r.audit().score(),
        r.passed() ? "" : "score " + r.audit().score() + " at threshold " + minScore,
        JudgedOn.of(EngineMeasurement.facts(ctx.engine(), setup.admission())));
  }
}
