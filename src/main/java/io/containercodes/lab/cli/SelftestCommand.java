package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.sandbox.SandboxRunner;
import io.containercodes.lab.sandbox.Selftest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "selftest",
    description = {
      "Run the sandbox's detector on its own corpus: samples that must each produce the findings"
          + " they name (every known bypass among them), and quiet ones (a pip install, a test run,"
          + " a compile) that must produce none."
    },
    footer = {
      "",
      "Exit status: 0 when every sample that ran passed, 1 when one missed a finding or a quiet one"
          + " made one."
    })
final class SelftestCommand extends BaseCommand {
  @Option(
      names = "--only",
      paramLabel = "SAMPLE",
      split = ",",
      description = "Run only these samples (names as listed by --list).")
  List<String> only = new ArrayList<>();

  @Option(names = "--list", description = "List the samples and exit.")
  boolean list;

  @Override
  protected int run() {
    List<String> names = Selftest.samples();
    if (list) {
      names.forEach(ctx().out()::println);
      return ExitCode.OK;
    }
    only.stream()
        .filter(n -> !names.contains(n))
        .findFirst()
        .ifPresent(
            n -> {
              throw new InvalidInput(
                  "--only " + n + ": the corpus has no such sample.",
                  "cclab sandbox selftest --list names them.");
            });
    Engine engine = ctx().engine();
    SandboxRunner runner =
        new SandboxRunner(
            engine, new LabImages(engine, ctx().env(), ctx()::notice), ctx().env(), ctx()::notice);
    PrintWriter out = ctx().out();
    out.println("sandbox selftest on " + engine.kind().displayName() + ":");
    List<Selftest.Result> results =
        new Selftest(runner, ctx().env(), ctx()::notice).run(only, r -> line(r, out));
    return summary(results, out);
  }

  private static void line(Selftest.Result r, PrintWriter out) {
    String mark = r.skipped() != null ? "-" : r.passed() ? "✓" : "✗";
    String what =
        r.skipped() != null
            ? "skipped: " + r.skipped()
            : r.passed()
                ? (r.quiet() ? "quiet, as it should be" : "every expected finding")
                : String.join("; ", r.misses());
    out.printf("  %s %-24s %s%n", mark, r.sample(), SandboxReportText.safe(what));
    out.flush();
  }

  private static int summary(List<Selftest.Result> results, PrintWriter out) {
    long skipped = results.stream().filter(r -> r.skipped() != null).count();
    long misses = results.stream().filter(r -> !r.quiet()).mapToLong(r -> r.misses().size()).sum();
    long falseFindings =
        results.stream().filter(Selftest.Result::quiet).mapToLong(r -> r.misses().size()).sum();
    out.printf(
        "%d samples: %d misses, %d false findings, %d skipped%n",
        results.size(), misses, falseFindings, skipped);
    return misses + falseFindings == 0 ? ExitCode.OK : ExitCode.FAILED;
  }
}
