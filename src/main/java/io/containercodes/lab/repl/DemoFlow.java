package io.containercodes.lab.repl;

import io.containercodes.lab.LabException;
import io.containercodes.lab.check.Status;
import io.containercodes.lab.content.Question;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoPrinter;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.progress.Progress;
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

  /** What one run is: the demo, the learner's line (exercises), consent, and both variants. */
  private record Plan(Demo demo, String learnerLine, boolean consent, boolean seeItBreak) {}

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
    String line = null;
    if (demo.isExercise()) {
      Optional<String> written = exercise.ask(demo);
      if (written.isEmpty()) {
        return;
      }
      line = written.get();
    }
    boolean bare = seeItBreak && !demo.isExercise() && !demo.without().isEmpty();
    Plan plan = new Plan(demo, line, consent, bare);
    execute(plan).ifPresent(result -> after(plan, result, predicted));
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
    return plan.learnerLine() != null
        ? runner.runLearnerLine(demo, plan.learnerLine(), live)
        : runner.run(demo, DemoResult.Variant.AS_WRITTEN, live);
  }

  private void after(Plan plan, DemoResult result, Progress.Answer predicted) {
    record(plan, result);
    Demo demo = plan.demo();
    if (plan.learnerLine() != null) {
      ExercisePrompt.commonWrongAnswer(demo, plan.learnerLine())
          .ifPresent(
              w ->
                  shell
                      .screen()
                      .say(
                          shell.style().cyan("A common wrong answer: "),
                          "  ",
                          SafeText.escape(w.because())));
    }
    if (predicted != null && demo.prediction() != null && result.error() == null) {
      shell
          .screen()
          .say(
              predicted.right()
                  ? shell.style().green("✓ You predicted it: ")
                  : shell.style().red("✗ Not what you predicted: "),
              "  ",
              SafeText.escape(demo.prediction().why()));
    }
    advise(demo, result);
  }

  /** Progress keeps what happened: passed, failed with how many checks, or never started. */
  private void record(Plan plan, DemoResult result) {
    Progress progress = shell.progress();
    String id = plan.demo().id();
    if (result.error() != null) {
      notStarted(plan, result.error());
      return;
    }
    progress.recordRun(
        id,
        result.passed(),
        result.passed()
            ? result.count(Status.PASS) + " checks passed"
            : DemoPrinter.failedChecks(result) + " checks failed");
    if (plan.learnerLine() != null) {
      progress.recordLine(
          id,
          plan.learnerLine(),
          result.steps().stream()
              .flatMap(s -> s.checks().stream())
              .filter(c -> c.status() == Status.FAIL)
              .map(c -> c.check().type())
              .toList());
    }
    shell.save();
  }

  private void notStarted(Plan plan, String why) {
    shell.progress().recordNotStarted(plan.demo().id(), plan.learnerLine(), why);
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
    } else if (result.passed()) {
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
