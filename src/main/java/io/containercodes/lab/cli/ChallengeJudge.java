package io.containercodes.lab.cli;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.admission.JudgedRun;
import io.containercodes.lab.audit.Auditor;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.audit.HostView;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.progress.ChallengeBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one way a challenge line is judged, for {@code challenge} and {@code challenge board} alike:
 * the line through the admission as the audit runs it, its /workspace mount checked before any
 * image work, completed on the engine, then audited and its development task run. A refusal is the
 * admission's {@code InvalidInput}, thrown before anything runs.
 */
final class ChallengeJudge implements ChallengeBoard.Judge {
  private final LabContext ctx;
  private final AuditSetup setup;
  private final boolean consent;
  private final boolean live;
  private final int minScore;
  private final String announce;
  private Auditor auditor;

  /**
   * @param announce what to say on stderr once a line is admitted, before it runs; null for nothing
   */
  ChallengeJudge(
      LabContext ctx,
      AuditSetup setup,
      boolean consent,
      boolean live,
      int minScore,
      String announce) {
    this.ctx = ctx;
    this.setup = setup;
    this.consent = consent;
    this.live = live;
    this.minScore = minScore;
    this.announce = announce;
  }

  @Override
  public Challenge.Result judge(String line) {
    return judge(List.of(line));
  }

  @Override
  public HostView host() {
    return setup.host();
  }

  Challenge.Result judge(List<String> words) {
    JudgedRun judged = setup.judge(words, consent);
    // before any image work: a line without /workspace fails at once
    Challenge.workspaceMount(judged.asWritten());
    AdmittedRun admitted = setup.admission().complete(judged);
    Path project = setup.content().demosDir().resolve("_shared/challenge-project");
    if (!Files.isDirectory(project)) {
      throw new EnvironmentProblem("The challenge project is missing: " + project, null);
    }
    if (announce != null) {
      ctx.err().println(announce);
      ctx.err().flush();
    }
    if (auditor == null) {
      auditor = setup.auditor();
    }
    return new Challenge(ctx.engine(), setup.admission(), project)
        .run(AuditSetup.lineText(words), admitted, auditor, live, minScore, OutputListener.IGNORE);
  }
}
