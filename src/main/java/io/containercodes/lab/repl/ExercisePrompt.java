package io.containercodes.lab.repl;

import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.runline.RunLineParser;
import java.util.List;
import java.util.Optional;

/**
 * An exercise asks for the learner's own line: the task, the prompt (which may start out holding a
 * line for the learner to edit), and a first judgement of the line before anything runs.
 */
final class ExercisePrompt {
  private final ShellContext shell;
  private final LineInput input;

  ExercisePrompt(ShellContext shell, LineInput input) {
    this.shell = shell;
    this.input = input;
  }

  /** The learner's line for the exercise, checked before anything runs; empty when cancelled. */
  Optional<String> ask(Demo demo) {
    return ask(demo, null);
  }

  /** As {@link #ask(Demo)}, with the prompt holding {@code initial} to edit (null: empty). */
  Optional<String> ask(Demo demo, String initial) {
    Screen screen = shell.screen();
    screen.say(shell.style().bold("Exercise: "), "  ", SafeText.escape(demo.exercise()));
    screen.say(
        shell
            .style()
            .dim(
                "Write the podman run line ($(pwd) is "
                    + SafeText.escapeLine(demo.directory().toString())
                    + "). A line continued with \\ is one line. Empty line to cancel."));
    Optional<String> line = input.line("your line › ", initial);
    if (line.isEmpty()) {
      screen.say("Cancelled.");
      return Optional.empty();
    }
    validate(demo, line.get());
    return line;
  }

  /**
   * Judged here as the run will judge it, by the one admission path, before any container starts: a
   * bad flag, a refused mount, a write outside the exercise's folder is named at the prompt.
   */
  private void validate(Demo demo, String line) {
    DemoRunner.judgeLearnerLine(Admission.forHost(shell.env(), shell::engine, m -> {}), demo, line);
  }

  /** The listed wrong answer the line is, word for word, if any. */
  static Optional<Demo.WrongAnswer> commonWrongAnswer(Demo demo, String line) {
    RunLineParser parser = new RunLineParser(demo.directory());
    List<String> words = parser.split(line);
    return demo.wrongAnswers().stream()
        .filter(w -> parser.split(w.line()).equals(words))
        .findFirst();
  }
}
