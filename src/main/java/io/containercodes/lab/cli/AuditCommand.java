package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.audit.AuditFormats;
import io.containercodes.lab.audit.AuditReport;
import io.containercodes.lab.audit.RunLineFile;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Style;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "audit",
    description = {
      "Start a container exactly as a run line configures it, probe what it lets code do, and score"
          + " it.",
      "The probe replaces the image's command; it detects and never exploits.",
      "Example: cclab audit -- podman run --rm --cap-drop ALL --read-only --network none"
          + " cclab/busybox"
    },
    footer = {
      "",
      "Every finding names its CIS Docker Benchmark v1.6.0 recommendation, the evidence and the"
          + " fix.",
      "Exit status: 0, or 1 when the score is below --min-score."
    })
final class AuditCommand extends BaseCommand {
  @ArgGroup(exclusive = true)
  Format format = new Format();

  static final class Format {
    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(
        names = "--sarif",
        description = "Print the report as SARIF 2.1.0, for code-scanning tools.")
    boolean sarif;

    @Option(names = "--markdown", description = "Print a Markdown scorecard to share.")
    boolean markdown;
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of the terminal.")
  Path output;

  @picocli.CommandLine.Mixin ScoreOptions scoring;

  @picocli.CommandLine.Mixin ConsentOption consent;

  @Option(
      names = "--line-from",
      paramLabel = "FILE",
      description =
          "Read the run line from FILE (a script, a README); "
              + "SARIF results then point at its file and line, for code-scanning tools.")
  Path lineFrom;

  @Option(
      names = "--line",
      paramLabel = "N",
      description =
          "With --line-from: the line number where the run line starts, "
              + "when the file has several.")
  Integer lineNumber;

  @Parameters(arity = "0..*", paramLabel = "LINE", description = "The run line, after --.")
  List<String> line = List.of();

  @Override
  protected int run() throws IOException {
    Integer minScore = scoring.minScore();
    AuditSetup.Line given =
        AuditSetup.Line.of(
            line,
            lineFrom,
            lineNumber,
            new InvalidInput(
                "No run line to audit.",
                "cclab audit -- podman run … IMAGE, or --line-from FILE."));
    List<String> words = given.words();
    RunLineFile.Located located = given.located();
    AuditReport report = audit(ctx(), words, consent.given, scoring.live);
    if (located != null) {
      report = report.withSource(located);
    }
    String text =
        format.json
            ? AuditFormats.json(report)
            : format.sarif
                ? AuditFormats.sarif(
                    report, new CclabCommand.Version().getVersion()[0].replace("cclab ", ""))
                : format.markdown
                    ? AuditFormats.markdown(report)
                    : AuditFormats.table(report, Style.PLAIN);
    if (output != null) {
      Files.writeString(output, text);
      ctx().err().println("Score " + report.score() + "/100; report written to " + output);
    } else {
      // evidence quotes what the probe read inside the container: shown, never obeyed
      ctx().out().print(SafeText.escape(text));
      ctx().out().flush();
    }
    if (minScore != null && report.score() < minScore) {
      ctx().err().println("Score " + report.score() + " is below --min-score " + minScore + ".");
      return ExitCode.FAILED;
    }
    return ExitCode.OK;
  }

  static AuditReport audit(LabContext ctx, List<String> words, boolean iUnderstand, boolean live) {
    AuditSetup setup = new AuditSetup(ctx);
    AdmittedRun admitted = setup.admission().complete(setup.judge(words, iUnderstand));
    ctx.err()
        .println(
            "Auditing: starting the container as configured, with the probe in place of its"
                + " command…");
    ctx.err().flush();
    return setup.auditor().audit(AuditSetup.lineText(words), admitted, live);
  }
}
