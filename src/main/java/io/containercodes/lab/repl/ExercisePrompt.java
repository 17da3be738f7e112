package io.containercodes.lab.repl;

import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.render.SafeText;
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

  /**
   * The learner's line for the exercise; empty when cancelled. The prompt starts out holding {@code
   * start} (the exercise's workload without protection) for the learner to add flags to, where the
   * terminal can edit a line; a dumb terminal shows it to copy instead.
   */
  Optional<String> ask(Demo demo, String start) {
    Screen screen = shell.screen();
    String folder = SafeText.escapeLine(demo.directory().toString());
    String initial = input.edits() ? start : null;
    screen.say(shell.style().bold("Exercise: "), "  ", SafeText.escape(demo.exercise()));
    screen.say(
        shell
            .style()
            .dim(
                initial == null
                    ? "Write the podman run line ($(pwd) is "
                        + folder
                        + "), starting from: "
                        + SafeText.escapeLine(start)
                        + " — keep its command and mounts. A line continued with \\ is one"
                        + " line. Empty line to cancel."
                    : "Add the flags to the line below ($(pwd) is "
                        + folder
                        + "); keep its command and mounts. Ctrl-C, or an emptied line"
                        + " (Ctrl-U), cancels."));
    Optional<String> line = input.line("your line › ", initial).map(String::strip);
    if (line.isEmpty() || line.get().isEmpty()) {
      screen.say("Cancelled.");
      return Optional.empty();
    }
    // not judged here: the one judge (AnswerJudge) refuses a bad flag, another workload or a
    // refused mount before any container starts, in the words cclab run --answer uses
    return Optional.of(replacing(initial, line.get()));
  }

  /** A whole line typed or pasted after the one given replaces it. */
  static String replacing(String initial, String line) {
    if (initial == null || !line.startsWith(initial)) {
      return line;
    }
    String typed = line.substring(initial.length()).strip();
    return typed.matches("(--i-understand\\s+)?(podman|docker)\\s+run\\b(?s).*") ? typed : line;
  }
}
