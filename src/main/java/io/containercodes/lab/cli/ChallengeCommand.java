package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.JudgedRun;
import io.containercodes.lab.audit.AuditFormats;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.render.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "challenge",
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
  protected int run() throws java.io.IOException {
    int minScore = scoring.minScoreOr(Challenge.DEFAULT_MIN_SCORE);
    if (json && markdown) {
      throw new InvalidInput("Choose --json or --markdown, not both.", null);
    }
    OutputFile.check("--sarif", sarif);
    io.containercodes.lab.audit.RunLineFile.Located located = null;
    List<String> words = line;
    if (lineFrom != null) {
      if (!line.isEmpty()) {
        throw new InvalidInput("Give the run line after -- or with --line-from, not both.", null);
      }
      located = io.containercodes.lab.audit.RunLineFile.find(lineFrom, lineNumber);
      words = List.of(located.text());
    } else if (line.isEmpty()) {
      throw new InvalidInput(
          "No run line for the challenge.",
          "cclab challenge -- podman run … -v \"$(pwd)\":/workspace IMAGE, "
              + "or --line-from FILE.");
    } else if (lineNumber != null) {
      throw new InvalidInput("--line chooses a line of --line-from FILE.", null);
    }
    AuditSetup setup = new AuditSetup(ctx());
    JudgedRun judged = setup.judge(words, consent.given);
    // before any image work: a line without /workspace fails at once
    Challenge.workspaceMount(judged.asWritten());
    AdmittedRun admitted = setup.admission().complete(judged);
    Path project = setup.content().demosDir().resolve("_shared/challenge-project");
    if (!Files.isDirectory(project)) {
      throw new io.containercodes.lab.EnvironmentProblem(
          "The challenge project is missing: " + project, null);
    }
    ctx()
        .err()
        .println(
            "Challenge: auditing your configuration, then running the project's tests with it…");
    ctx().err().flush();
    Challenge.Result result =
        new Challenge(ctx().engine(), setup.admission(), project)
            .run(
                AuditSetup.lineText(words),
                admitted,
                setup.auditor(),
                scoring.live,
                minScore,
                OutputListener.IGNORE);
    if (located != null) {
      result =
          new Challenge.Result(
              result.audit().withSource(located), result.task(), result.minScore());
    }
    String version = new CclabCommand.Version().getVersion()[0].replace("cclab ", "");
    if (sarif != null) {
      Files.writeString(sarif, AuditFormats.sarif(result.audit(), version));
      ctx().err().println("SARIF written to " + sarif);
    }
    if (json) {
      ctx().out().print(io.containercodes.lab.audit.ChallengeFormats.json(result, version));
    } else {
      // the scorecard quotes what the probe read inside the container: shown, never obeyed
      ctx()
          .out()
          .print(
              io.containercodes.lab.render.SafeText.escape(
                  markdown
                      ? AuditFormats.markdown(result.audit())
                      : AuditFormats.table(result.audit(), Style.PLAIN)));
      ctx().out().println();
      ctx().out().print(io.containercodes.lab.render.SafeText.escape(verdict(result)));
    }
    ctx().out().flush();
    return result.passed() ? ExitCode.OK : ExitCode.FAILED;
  }

  static String verdict(Challenge.Result r) {
    StringBuilder sb = new StringBuilder("Challenge\n");
    long high = r.audit().count(io.containercodes.lab.audit.Severity.HIGH);
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
    Challenge.TaskResult t = r.task();
    if (t.passed()) {
      sb.append("  ✓ the project's tests ran and wrote their report in /workspace\n");
    } else {
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
        for (String l :
            java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 6), lines.length)) {
          sb.append("      ").append(l).append('\n');
        }
      }
    }
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
}
