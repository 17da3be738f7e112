package io.containercodes.lab.repl;

import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.render.CommandWrap;
import io.containercodes.lab.render.SafeText;
import java.util.List;

/**
 * {@code hint} and {@code solution}. Hints are graded; an exercise's last hint may give the whole
 * answer away (the linter allows it there only), so it waits for a first attempt, as the solution
 * does (issue #25.10: three hints printed the full solution while {@code solution} said "try it
 * first").
 */
final class Coaching {
  /** For a demo without hints of its own. */
  static final List<String> GENERIC_HINTS =
      List.of(
          "Read the demo card: each flag in its line is explained in the lesson above it.",
          "Run it, then compare the checks' sentences with what the lesson says should happen.");

  private final ShellContext shell;

  Coaching(ShellContext shell) {
    this.shell = shell;
  }

  void hint(String arg) {
    Demo demo = demo(arg);
    if (demo == null) {
      shell.screen().say("There is no demo here to hint at.");
      return;
    }
    List<String> hints = demo.hints().isEmpty() ? GENERIC_HINTS : demo.hints();
    Progress.DemoProgress record = shell.progress().demo(demo.id());
    boolean lastWaits = demo.isExercise() && hints.size() > 1 && !record.tried();
    if (lastWaits && record.hintsUsed() >= hints.size() - 1) {
      shell
          .screen()
          .say(
              "That was every hint but the last, and the last gives the answer away: write your"
                  + " line first (run "
                  + demo.id()
                  + "), then ask again.");
      shell.save();
      return;
    }
    int n = shell.progress().takeHint(demo.id(), hints.size());
    String heading = shell.style().cyan("Hint " + (n + 1) + " of " + hints.size() + ": ");
    shell.screen().say(heading, "  ", SafeText.escape(hints.get(n)));
    shell.save();
  }

  void solution(String arg) {
    Demo demo = demo(arg);
    if (demo == null) {
      shell.screen().say("There is no demo here.");
      return;
    }
    Progress.DemoProgress record = shell.progress().demo(demo.id());
    if (!record.tried() && (demo.isExercise() || record.hintsUsed() == 0)) {
      shell
          .screen()
          .say(
              "Try it first: run "
                  + demo.id()
                  + (demo.isExercise() ? "" : " (or ask for a hint)")
                  + ". The solution is offered after an attempt.");
      return;
    }
    Screen screen = shell.screen();
    for (Demo.Step s : demo.steps()) {
      // broken as a shell user would, with \ at each line's end: it still pastes as one line
      CommandWrap.wrap(
              SafeText.escapeLine(s.run().replaceAll("\\s+", " ")),
              screen.width(),
              "  $ ",
              "      ")
          .forEach(screen::line);
    }
    screen.flush();
    shell.progress().markSolutionShown(demo.id());
    shell.save();
  }

  private Demo demo(String arg) {
    return arg.isEmpty()
        ? shell.lastOrCurrentDemo().orElse(null)
        : shell.episode().demo(arg).orElse(null);
  }
}
