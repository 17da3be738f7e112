package io.containercodes.lab.cli;

import io.containercodes.lab.check.Status;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoPrinter;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    description = "Run one demo in real containers, live, then prove its checks.",
    footer = {"", "Exit status 1 when a check fails."})
final class RunCommand extends BaseCommand {
  @Parameters(
      index = "0",
      paramLabel = "DEMO",
      description = "A demo id, e.g. memory-limit (cclab verify --list shows them).")
  String demoId;

  @picocli.CommandLine.Mixin ConsentOption consent;

  @Option(
      names = "--prove",
      description =
          "Also run it without each protective flag (its checks must then fail), and each listed"
              + " wrong answer (it must fail a check).")
  boolean prove;

  @Override
  protected int run() {
    Demo demo = LessonPack.locate(ctx().env()).demo(demoId);
    DemoRunner runner =
        new DemoRunner(
            ctx().engine(),
            new LabImages(ctx().engine(), ctx().env(), ctx()::notice),
            consent.given);
    DemoPrinter printer = new DemoPrinter(ctx().out(), true).verbose(ctx().verbose());
    printer.header(demo, DemoResult.Variant.AS_WRITTEN);
    DemoResult result = runner.run(demo, DemoResult.Variant.AS_WRITTEN, printer);
    printer.summary(result);
    record(demo, result);
    boolean ok = result.passed();
    if (prove) {
      for (DemoResult.Variant v : DemoResult.Variant.proofsOf(demo)) {
        printer.header(demo, v);
        DemoResult proof = runner.run(demo, v, printer);
        printer.summary(proof);
        ok &= proof.passed();
      }
    }
    return ok ? ExitCode.OK : ExitCode.FAILED;
  }

  /** A run from the command line counts as one from the REPL: the learner's progress keeps it. */
  private void record(Demo demo, DemoResult result) {
    if (result.error() != null) {
      return;
    }
    ProgressStore store = new ProgressStore(ProgressStore.defaultFile(ctx().env()), ctx()::notice);
    Progress progress = store.load();
    progress.recordRun(
        demo.id(),
        result.passed(),
        result.passed()
            ? result.count(Status.PASS) + " checks passed"
            : DemoPrinter.failedChecks(result) + " checks failed");
    store.save(progress);
  }
}
