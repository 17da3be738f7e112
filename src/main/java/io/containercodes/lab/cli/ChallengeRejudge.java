package io.containercodes.lab.cli;

import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.EngineMeasurement;
import io.containercodes.lab.admission.JudgedRun;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.demo.JudgedOn;
import io.containercodes.lab.demo.Verdict;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.progress.Rejudge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code report --rejudge}'s judge of a challenge line: the steps {@code cclab challenge} takes
 * (admission as the audit runs it, the /workspace check, the engine's completion, the audit and the
 * project's tests), quietly, with no progress recorded. A refusal is a verdict here, not an error.
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
      JudgedRun judged = setup.judge(List.of(line), consented);
      Challenge.workspaceMount(judged.asWritten());
      AdmittedRun admitted = setup.admission().complete(judged);
      r =
          new Challenge(ctx.engine(), setup.admission(), project(setup))
              .run(line, admitted, setup.auditor(), false, minScore, OutputListener.IGNORE);
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

  private static Path project(AuditSetup setup) {
    Path project = setup.content().demosDir().resolve("_shared/challenge-project");
    if (!Files.isDirectory(project)) {
      throw new EnvironmentProblem("The challenge project is missing: " + project, null);
    }
    return project;
  }
}
