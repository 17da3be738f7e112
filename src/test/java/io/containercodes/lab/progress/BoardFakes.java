package io.containercodes.lab.progress;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.audit.AuditReport;
import io.containercodes.lab.audit.AuditRules;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.audit.HostView;
import io.containercodes.lab.audit.RuleResult;
import io.containercodes.lab.audit.Verdict;
import io.containercodes.lab.engine.CapturedText;
import io.containercodes.lab.engine.OomVerdict;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.Usage;
import io.containercodes.lab.progress.ChallengeBoard.Submission;
import io.containercodes.lab.runline.RunLineParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Judge results made by hand, for the board's pure logic: a result is the audit's own rules with
 * chosen ones failed, so the score is the audit's arithmetic, not a number the test picked.
 */
final class BoardFakes {
  static final HostView HOST =
      new HostView(
          "Podman",
          "4.3.1",
          false,
          false,
          null,
          null,
          List.of(new HostView.EngineFact("--memory acts", "yes", "measured", "")));

  private BoardFakes() {}

  /** The parser the board normalises with, $(pwd) being a fixed folder. */
  static RunLineParser parser() {
    return new RunLineParser(Path.of("/work/class"));
  }

  /** A result where every rule passes but {@code failed}, and the task ran or not. */
  static Challenge.Result result(boolean taskRan, String... failed) {
    Set<String> fail = Set.of(failed);
    List<RuleResult> results = new ArrayList<>();
    AuditRules.all()
        .forEach(
            r ->
                results.add(
                    new RuleResult(
                        r,
                        fail.contains(r.id())
                            ? Verdict.fail("<b>" + r.id() + "</b> was seen")
                            : Verdict.pass("fine"))));
    AuditReport audit =
        new AuditReport(
            "line", "cclab/python", HOST, results, Map.of(), false, Instant.EPOCH, null);
    Outcome task =
        new Outcome(
            "c0ffee",
            taskRan ? 0 : 1,
            new OomVerdict.Verdict(false, null),
            false,
            Duration.ofMillis(1234),
            Usage.NONE,
            CapturedText.EMPTY,
            CapturedText.EMPTY,
            List.of(),
            null,
            List.of());
    return new Challenge.Result(audit, new Challenge.TaskResult(task, taskRan), 85);
  }

  static Submission line(String who, long second, String line) {
    return new Submission(who, who + ".txt", Instant.ofEpochSecond(second), line, null);
  }

  /** A judge that answers by a function of the line and counts the lines it was asked. */
  static final class FakeJudge implements ChallengeBoard.Judge {
    final List<String> asked = new ArrayList<>();
    private final Function<String, Challenge.Result> answer;

    FakeJudge(Function<String, Challenge.Result> answer) {
      this.answer = answer;
    }

    @Override
    public Challenge.Result judge(String line) {
      asked.add(line);
      if (line.contains("--privileged")) {
        throw new InvalidInput("Refused: --privileged <script>", "drop it");
      }
      return answer.apply(line);
    }

    @Override
    public HostView host() {
      return HOST;
    }
  }
}
