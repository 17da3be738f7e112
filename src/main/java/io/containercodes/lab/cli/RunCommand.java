package io.containercodes.lab.cli;

import io.containercodes.lab.repl.DemoPrinter;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.Content;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Run one demo in real containers, live, then prove its checks.",
    footer = {"", "Exit status 1 when a check fails."})
final class RunCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DEMO", description = "A demo id, e.g. memory-limit (cclab verify --list shows them).")
  String demoId;

  @picocli.CommandLine.Mixin
  ConsentOption consent;

  @Option(names = "--prove", description = "Also run it without its protective flags; the checks must then fail.")
  boolean prove;

  @Override
  protected int run() {
    Demo demo = Content.locate(ctx().env()).demo(demoId);
    DemoRunner runner = new DemoRunner(ctx().engine(), new LabImages(ctx().engine(), ctx().env(), ctx()::notice),
        consent.given);
    DemoPrinter printer = new DemoPrinter(ctx().out(), true);
    printer.header(demo, false);
    DemoResult result = runner.run(demo, false, printer);
    printer.summary(result);
    boolean ok = result.passed();
    if (prove && !demo.without().isEmpty()) {
      printer.header(demo, true);
      DemoResult proof = runner.run(demo, true, printer);
      printer.summary(proof);
      ok &= proof.passed();
    }
    return ok ? ExitCode.OK : ExitCode.FAILED;
  }
}
