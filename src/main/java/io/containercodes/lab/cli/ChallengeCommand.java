package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.EngineMeasurement;
import io.containercodes.lab.audit.AuditFormats;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.audit.ChallengeFormats;
import io.containercodes.lab.audit.Severity;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.demo.JudgedOn;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressStore;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Style;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "challenge",
    // "board" as the first word is the leaderboard; a run line always starts with podman or docker
    // (or comes after --), so the two never meet
    subcommands = ChallengeBoardCommand.class,
    description = {
      "The community challenge: your development container must score at least --min-score in the"
          + " audit, with no high-severity finding, give the code no network (network-egress must"
          + " pass, whatever the score), and still run the challenge project's tests in"
          + " /workspace.",
      "Example: cclab challenge -- podman run --rm -u 1000 --cap-drop ALL --security-opt"
          + " no-new-privileges --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m --network none"
          + " --memory 512m --pids-limit 128 --cpus 1 -v \"$(pwd)\":/workspace cclab/python"
    },
    footer = {
      "",
      "The lab mounts a fresh copy of its challenge project at /workspace in place of yours.",
      "cclab challenge board DIR re-judges a class's submissions and ranks them (see its --help).",
      "Exit status: 0 when the challenge is passed, 1 when not."
    })
final class ChallengeCommand extends BaseCommand {
  @Option(names = "--markdown", description = "Print the scorecard as Markdown, to share.")
  boolean markdown;

  @Option(
      names = "--json",
      description =
          "Print the result as JSON (a stable schema with a version field; "
              + "see docs/challenge-json.md) instead of the scorecard.")
  boolean json;

  @Option(
      names = "--sarif",
      paramLabel = "FILE",
      description =
          "Also write the audit's findings as SARIF 2.1.0 to FILE, "
              + "for code scanning (with --line-from they point at the file and line).")
  Path sarif;

  @Option(
      names = "--line-from",
      paramLabel = "FILE",
      description = "Read the run line from FILE (a script, a README) " + "instead of after --.")
  Path lineFrom;

  @Option(
      names = "--line",
      paramLabel = "N",
      description =
          "With --line-from: the line number where the run line starts, "
              + "when the file has several.")
  Integer lineNumber;

  @picocli.CommandLine.Mixin ScoreOptions scoring;

  @picocli.CommandLine.Mixin ConsentOption consent;

  @Parameters(
      arity = "0..*",
      paramLabel = "LINE",
      description = "Your run line, after -- (or --line-from FILE).")
  List<String> line = List.of();

  @Override
  protected int run() throws IOException {
    int minScore = scoring.minScoreOr(Challenge.DEFAULT_MIN_SCORE);
    if (json && markdown) {
      throw new InvalidInput("Choose --json or --markdown, not both.", null);
    }
    OutputFile.check("--sarif", sarif);
    AuditSetup.Line given =
        AuditSetup.Line.of(
            line,
            lineFrom,
            lineNumber,
            new InvalidInput(
                "No run line for the challenge.",
                "cclab challenge -- podman run … -v \"$(pwd)\":/workspace IMAGE, "
                    + "or --line-from FILE."));
    Challenge.Result result = challenge(given, minScore);
    String version = new CclabCommand.Version().getVersion()[0].replace("cclab ", "");
    if (sarif != null) {
      Files.writeString(sarif, AuditFormats.sarif(result.audit(), version));
      ctx().err().println("SARIF written to " + sarif);
    }
    print(result, version);
    return result.passed() ? ExitCode.OK : ExitCode.FAILED;
  }

  /** The line admitted as the audit runs it, audited, and its development task run. */
  private Challenge.Result challenge(AuditSetup.Line given, int minScore) {
    AuditSetup setup = new AuditSetup(ctx());
    Challenge.Result result =
        new ChallengeJudge(
                ctx(),
                setup,
                consent.given,
                scoring.live,
                minScore,
                "Challenge: auditing your configuration, then running the project's tests with"
                    + " it…")
            .judge(given.words());
    record(
        consent.given ? DemoRunner.CONSENT_WORD + " " + given.text() : given.text(), result, setup);
    return given.located() == null
        ? result
        : new Challenge.Result(
            result.audit().withSource(given.located()), result.task(), result.minScore());
  }

  /**
   * The line, its verdict and score, and the engine facts it was scored on, kept in the learner's
   * progress (and so in their export) for an instructor to see and judge again; a refused line
   * never gets here and is not recorded.
   */
  private void record(String text, Challenge.Result result, AuditSetup setup) {
    JudgedOn on = JudgedOn.of(EngineMeasurement.facts(ctx().engine(), setup.admission()));
    ProgressStore store = new ProgressStore(ProgressStore.defaultFile(ctx().env()), ctx()::notice);
    Progress progress = store.load();
    progress.recordChallengeLine(
        text, result.passed(), result.audit().score(), result.minScore(), on);
    store.save(progress);
  }

  private void print(Challenge.Result result, String version) {
    if (json) {
      ctx().out().print(ChallengeFormats.json(result, version));
    } else {
      // the scorecard quotes what the probe read inside the container: shown, never obeyed
      ctx()
          .out()
          .print(
              SafeText.escape(
                  markdown
                      ? AuditFormats.markdown(result.audit())
                      : AuditFormats.table(result.audit(), Style.PLAIN)));
      ctx().out().println();
      ctx().out().print(SafeText.escape(verdict(result)));
    }
    ctx().out().flush();
  }

  static String verdict(Challenge.Result r) {
    StringBuilder sb = new StringBuilder("Challenge\n");
    long high = r.audit().count(Severity.HIGH);
    sb.append(r.scoreHolds() ? "  ✓ " : "  ✗ ")
        .append("score ")
        .append(r.audit().score())
        .append("/100")
        .append(r.audit().score() >= r.minScore() ? " reaches " : " is below ")
        .append(r.minScore())
        .append(
            high == 0
                ? ", no high-severity finding"
                : ", but " + high + " high-severity finding(s)")
        .append('\n');
    if (!r.audit().hostSkipped().isEmpty()) {
      sb.append("  • ").append(r.audit().hostSkippedSentence()).append('\n');
    }
    for (var u : r.requirementsUnmet()) {
      sb.append("  ✗ required whatever the score, and not met: ")
          .append(u.rule().title())
          .append(" (")
          .append(u.rule().id())
          .append(": ")
          .append(u.verdict().evidence())
          .append("); fix: ")
          .append(u.rule().fix())
          .append('\n');
    }
    task(r.task(), sb);
    sb.append(
        r.passed()
            ? "  PASSED: hardened, and it still does the work.\n"
            : "  NOT PASSED: "
                + (r.scoreHolds() && r.requirementsUnmet().isEmpty()
                    ? "a configuration that cannot do the work does not pass."
                    : "harden the line with the fixes above.")
                + "\n");
    return sb.toString();
  }

  /** Whether the development task still ran, and if not, how it ended and its last lines. */
  private static void task(Challenge.TaskResult t, StringBuilder sb) {
    if (t.passed()) {
      sb.append("  ✓ the project's tests ran and wrote their report in /workspace\n");
      return;
    }
    String why =
        t.outcome().timedOut()
            ? "timed out"
            : t.outcome().exitCode() != 0
                ? "exited with status " + t.outcome().exitCode()
                : "left no report in /workspace/build";
    sb.append("  ✗ the development task failed: it ").append(why).append('\n');
    String out = (t.outcome().stdout().text() + t.outcome().stderr().text()).strip();
    if (!out.isEmpty()) {
      String[] lines = out.split("\n");
      for (String l : Arrays.asList(lines).subList(Math.max(0, lines.length - 6), lines.length)) {
        sb.append("      ").append(l).append('\n');
      }
    }
  }
}
