package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.progress.ClassReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "An instructor's class view: learners × lessons from a folder of 'progress export' files.")
final class ReportCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "A folder of cclab-progress-*.json files.")
  Path dir;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
  Path csv;

  @Override
  protected int run() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInput(dir + " is not a folder.", "Collect the learners' export files in one folder.");
    }
    ClassReport.Result r = new ClassReport().read(dir);
    ctx().out().print(ClassReport.markdown(r));
    r.skipped().forEach(s -> ctx().err().println("cclab: skipped " + s));
    if (csv != null) {
      Files.writeString(csv, ClassReport.csv(r));
    }
    return r.rows().isEmpty() ? ExitCode.FAILED : ExitCode.OK;
  }
}
