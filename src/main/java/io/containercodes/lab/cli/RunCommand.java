package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.demo.Answer;
import io.containercodes.lab.demo.AnswerJudge;
import io.containercodes.lab.demo.AnswerReport;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoPrinter;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressRecord;
import io.containercodes.lab.progress.ProgressStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    description = "Run one demo in real containers, live, then prove its checks.",
    footer = {
      "",
      "Exit status 1 when a check fails, 2 when this host can show none of the demo. With --answer:"
          + " 0 when the line passes, 1 when it fails, 2 when it is refused (it changes the"
          + " exercise's workload, or breaks a guardrail) or skipped (this host cannot show what"
          + " the exercise checks)."
    })
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

  @Option(
      names = "--answer",
      paramLabel = "LINE",
      description =
          "Judge LINE as an answer to the exercise DEMO, exactly as the REPL does (quote it as one"
              + " argument).")
  String answer;

  @Option(
      names = "--json",
      description =
          "With --answer: print the verdict and every check as JSON, and nothing else; the"
              + " learner's progress is not changed.")
  boolean json;

  @Override
  protected int run() {
    Demo demo = LessonPack.locate(ctx().env()).demo(demoId);
    if (answer == null && json) {
      throw new InvalidInput(
          "--json goes with --answer LINE.", "cclab run EXERCISE --answer LINE --json");
    }
    if (answer != null && prove) {
      throw new InvalidInput(
          "--prove runs the demo's own proofs; --answer judges one line.", "Use one of them.");
    }
    if (answer != null) {
      return judge(demo);
    }
    DemoRunner runner = runner();
    DemoPrinter printer = new DemoPrinter(ctx().out(), true).verbose(ctx().verbose());
    printer.header(demo, DemoResult.Variant.AS_WRITTEN);
    DemoResult result = runner.run(demo, DemoResult.Variant.AS_WRITTEN, printer);
    printer.summary(result);
    record(demo, result);
    if (result.allSkipped()) {
      // nothing of it could be shown here: not a pass, and its proofs would prove nothing
      return ExitCode.SKIPPED;
    }
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

  private DemoRunner runner() {
    return new DemoRunner(
        ctx().engine(), new LabImages(ctx().engine(), ctx().env(), ctx()::notice), consent.given);
  }

  /** {@code --answer LINE}: the line judged as the REPL judges it; 0 passed, 1 failed, 2 else. */
  private int judge(Demo demo) {
    AnswerJudge.requireExercise(demo);
    String line = consent.given ? DemoRunner.CONSENT_WORD + " " + answer : answer;
    AnswerJudge judge =
        new AnswerJudge(Admission.forHost(ctx().env(), ctx()::engine, ctx()::notice), this::runner);
    if (json) {
      Answer a = judge.judge(demo, line, DemoRunner.Listener.QUIET);
      ctx().out().println(AnswerReport.json(demo, a));
      ctx().out().flush();
      return a.verdict().exitStatus();
    }
    DemoPrinter printer = new DemoPrinter(ctx().out(), true);
    printer.header(demo, DemoResult.Variant.AS_WRITTEN);
    Answer a = judge.judge(demo, line, printer);
    if (a.result() != null) {
      printer.summary(a.result());
    }
    printer.verdict(a);
    record(demo, a);
    return a.verdict().exitStatus();
  }

  /** A run from the command line counts as one from the REPL: the learner's progress keeps it. */
  private void record(Demo demo, DemoResult result) {
    if (result.error() != null) {
      return;
    }
    ProgressStore store = new ProgressStore(ProgressStore.defaultFile(ctx().env()), ctx()::notice);
    Progress progress = store.load();
    ProgressRecord.run(progress, demo, result);
    store.save(progress);
  }

  private void record(Demo demo, Answer a) {
    ProgressStore store = new ProgressStore(ProgressStore.defaultFile(ctx().env()), ctx()::notice);
    Progress progress = store.load();
    ProgressRecord.answer(progress, demo, a);
    store.save(progress);
  }
}
