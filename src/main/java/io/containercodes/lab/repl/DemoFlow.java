package io.containercodes.lab.repl;

import io.containercodes.lab.LabException;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.content.Question;
import io.containercodes.lab.demo.Answer;
import io.containercodes.lab.demo.AnswerJudge;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoPrinter;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.demo.Verdict;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressRecord;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Style;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code run} and {@code check}: a demo the way a lab teaches it. The prediction first (if the demo
 * asks one); then, for {@code run}, the line without its protection, to see the harm, and the line
 * as written, with its checks turning ✓. An exercise asks for the learner's line instead.
 */
final class DemoFlow {
  private final ShellContext shell;
  private final Questions questions;
  private final ExercisePrompt exercise;
  private final Cancellation cancellation;

  DemoFlow(
      ShellContext shell, Questions questions, ExercisePrompt exercise, Cancellation cancellation) {
    this.shell = shell;
    this.questions = questions;
    this.exercise = exercise;
    this.cancellation = cancellation;
  }

  /** What one run of a demo (not an exercise) is: the demo, consent, and both variants. */
  private record Plan(Demo demo, boolean consent, boolean seeItBreak) {}

  void run(String arg, boolean seeItBreak) {
    // content that needs consent runs only with it, as at the command line (cclab run DEMO
    // --i-understand)
    boolean consent = Arrays.asList(arg.split("\\s+")).contains(DemoRunner.CONSENT_WORD);
    String id = arg.replace(DemoRunner.CONSENT_WORD, "").strip();
    Demo demo = id.isEmpty() ? shell.currentDemo().orElse(null) : find(id);
    if (demo == null) {
      shell
          .screen()
          .say(
              id.isEmpty()
                  ? "This lesson has no demo. Type next to go on, or run DEMO (Tab lists them)."
                  : "No demo '" + SafeText.escapeLine(id) + "' in this episode. Tab lists them.");
      return;
    }
    shell.ran(demo);
    Progress.Answer predicted = predict(demo);
    if (demo.isExercise()) {
      // the workload is typed already: the task is the flags
      exercise
          .ask(demo, AnswerJudge.startingLine(demo))
          .ifPresent(line -> answer(demo, line, consent, predicted));
      return;
    }
    boolean bare = seeItBreak && !demo.without().isEmpty();
    Plan plan = new Plan(demo, consent, bare);
    execute(plan).ifPresent(result -> after(plan, result, predicted));
  }

  /**
   * An exercise: the learner's line, judged by the one judge {@code cclab run EXERCISE --answer}
   * uses too, and recorded with its verdict; skipped is never passed, refused is not recorded.
   */
  private void answer(Demo demo, String line, boolean consent, Progress.Answer predicted) {
    Screen screen = shell.screen();
    DemoPrinter printer = new DemoPrinter(screen.writer(), true, screen.width());
    ClosingListener live = new ClosingListener(printer);
    printer.header(demo, DemoResult.Variant.AS_WRITTEN);
    Admission admission = Admission.forHost(shell.env(), shell::engine, m -> {});
    AnswerJudge judge = new AnswerJudge(admission, () -> runner(printer, consent));
    Optional<Answer> judged = cancellation.run(() -> judge.judge(demo, line, live), live::close);
    if (judged.isEmpty()) {
      return;
    }
    Answer a = judged.get();
    if (a.result() != null) {
      printer.summary(a.result());
    }
    printer.verdict(a);
    ProgressRecord.answer(shell.progress(), demo, a);
    shell.save();
    if (a.verdict() != Verdict.REFUSED) {
      judgePrediction(demo, predicted);
      advise(demo, a.result());
    }
  }

  private DemoRunner runner(DemoPrinter printer, boolean consent) {
    Engine engine = shell.engine();
    Screen screen = shell.screen();
    LabImages images =
        new LabImages(engine, shell.env(), m -> screen.say(shell.style().dim("[cclab] " + m)));
    return new DemoRunner(engine, images, consent);
  }

  private Demo find(String id) {
    return shell.episode().demo(id).orElse(null);
  }

  /** The run, with Ctrl-C stopping it; empty when cancelled. */
  private Optional<DemoResult> execute(Plan plan) {
    Screen screen = shell.screen();
    DemoPrinter printer = new DemoPrinter(screen.writer(), true, screen.width());
    Engine engine = shell.engine();
    LabImages images =
        new LabImages(engine, shell.env(), m -> screen.say(shell.style().dim("[cclab] " + m)));
    DemoRunner runner = new DemoRunner(engine, images, plan.consent());
    ClosingListener live = new ClosingListener(printer);
    Optional<DemoResult> result;
    try {
      result = cancellation.run(() -> both(plan, runner, printer, live), live::close);
    } catch (LabException e) {
      // refused before anything started (the guardrails, the exercise folder rule)
      notStarted(plan, e.getMessage());
      throw e;
    }
    result.ifPresent(printer::summary);
    return result;
  }

  private DemoResult both(Plan plan, DemoRunner runner, DemoPrinter printer, ClosingListener live) {
    Demo demo = plan.demo();
    Style style = shell.style();
    if (plan.seeItBreak()) {
      DemoResult.Variant bare = DemoResult.Variant.without(demo.without());
      shell
          .screen()
          .say(
              style.bold("First without " + String.join(" ", demo.without()))
                  + ": what the protection stops.");
      printer.header(demo, bare);
      DemoResult broken = runner.run(demo, bare, live);
      if (Thread.currentThread().isInterrupted()) {
        return broken; // Ctrl-C: the cancellation says what happened
      }
      printer.summary(broken);
      shell.screen().say(style.bold("Now as written") + ", with the protection:");
    }
    printer.header(demo, DemoResult.Variant.AS_WRITTEN);
    return runner.run(demo, DemoResult.Variant.AS_WRITTEN, live);
  }

  private void after(Plan plan, DemoResult result, Progress.Answer predicted) {
    record(plan, result);
    Demo demo = plan.demo();
    if (result.error() == null) {
      judgePrediction(demo, predicted);
    }
    advise(demo, result);
  }

  private void judgePrediction(Demo demo, Progress.Answer predicted) {
    if (predicted != null && demo.prediction() != null) {
      shell
          .screen()
          .say(
              predicted.right()
                  ? shell.style().green("✓ You predicted it: ")
                  : shell.style().red("✗ Not what you predicted: "),
              "  ",
              SafeText.escape(demo.prediction().why()));
    }
  }

  /** Progress keeps what happened: passed, failed with how many checks, or never started. */
  private void record(Plan plan, DemoResult result) {
    if (result.error() != null) {
      notStarted(plan, result.error());
      return;
    }
    ProgressRecord.run(shell.progress(), plan.demo(), result);
    shell.save();
  }

  private void notStarted(Plan plan, String why) {
    shell.progress().recordNotStarted(plan.demo().id(), null, why);
    shell.save();
  }

  /** What to do next: the lesson's next demo, its quiz, the next lesson, or a hint. */
  private void advise(Demo demo, DemoResult result) {
    Screen screen = shell.screen();
    if (result.error() != null) {
      screen.say(
          demo.isExercise()
              ? "Your line did not start, so nothing was judged: fix what is said above and run "
                  + demo.id()
                  + " again."
              : "Nothing was judged. Type doctor to check this machine.");
    } else if (result.passed() && !result.allSkipped()) {
      Optional<Demo> next =
          shell.lessonDemos().stream().filter(d -> !shell.progress().passed(d.id())).findFirst();
      screen.say(
          next.map(d -> "Next in this lesson: run " + d.id())
              .orElse(
                  shell.lesson().quiz().isEmpty()
                      ? "Type next for the next lesson."
                      : "Type quiz to check what you learned."));
    } else {
      screen.say(
          "Type hint for a nudge"
              + (shell.progress().demo(demo.id()).tried() ? ", or solution." : "."));
    }
  }

  /**
   * Asks the demo's prediction once; Enter skips. The answer is kept, and judged after this run.
   */
  private Progress.Answer predict(Demo demo) {
    Question q = demo.prediction();
    if (q == null || shell.progress().demo(demo.id()).prediction() != null) {
      return null; // none, or asked and judged once: later runs just run
    }
    Integer chosen = questions.ask(shell.style().bold("Predict: "), q.text(), q.choices());
    if (chosen == null) {
      return null;
    }
    Progress.Answer answer =
        shell.progress().recordPrediction(demo.id(), chosen, q.isRight(chosen));
    shell.save();
    return answer;
  }
}
