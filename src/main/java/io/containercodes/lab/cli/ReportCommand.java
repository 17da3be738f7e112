package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.lesson.Content;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.progress.ClassReport;
import io.containercodes.lab.render.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "An instructor's class view: learners × lessons from a folder of 'progress export' files.",
    footer = {"", "Exports that do not fit the episode (another episode, unknown lessons or demos, impossible counts,",
        "another format) are skipped with one line naming the file; they are never counted.",
        "Exit status: 0 when at least one export was counted, 1 when none was (an empty folder, or all skipped),",
        "2 when DIR is not a folder or the CSV file cannot be written."})
final class ReportCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "A folder of cclab-progress-*.json files.")
  Path dir;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV (cells safe to open in a spreadsheet).")
  Path csv;

  @Option(names = "--episode", paramLabel = "EPISODE", description = "The episode the exports are for (default: "
      + Content.DEFAULT_EPISODE + ").")
  String episodeId = Content.DEFAULT_EPISODE;

  @Override
  protected int run() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInput(SafeText.escapeLine(dir.toString()) + " is not a folder.",
          "Collect the learners' export files in one folder.");
    }
    OutputFile.check("--csv", csv);
    Episode episode = Content.locate(ctx().env()).episode(episodeId);
    ClassReport.Result r = new ClassReport(episode).read(dir);
    r.skipped().forEach(s -> ctx().err().println("cclab: skipped " + s));
    if (r.rows().isEmpty()) {
      // no table: an empty one with exit 1 looked like a bug, not like "nothing to report"
      ctx().err().println("cclab: " + (r.files() == 0
          ? "no progress exports in " + SafeText.escapeLine(dir.toString()) + " (no .json files)."
          : "none of the " + r.files() + " .json file(s) in " + SafeText.escapeLine(dir.toString())
              + " could be counted (reasons above)."));
      ctx().err().println("  fix: each learner runs: cclab progress export --name NAME; put the files in one folder.");
      return ExitCode.FAILED;
    }
    // names are escaped for Markdown and then for the terminal (control characters shown, not obeyed)
    ctx().out().print(ClassReport.markdown(r));
    if (csv != null) {
      Files.writeString(csv, ClassReport.csv(r));
    }
    return ExitCode.OK;
  }
}
