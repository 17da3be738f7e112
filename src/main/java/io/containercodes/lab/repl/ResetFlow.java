package io.containercodes.lab.repl;

import io.containercodes.lab.progress.ClassReport;
import io.containercodes.lab.progress.ProgressReport;
import io.containercodes.lab.render.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code progress} shows what the learner did ({@link ProgressReport}, as {@code cclab progress}
 * does); {@code reset DEMO|--all [--yes]} forgets it, with the same words as {@code cclab progress
 * reset}.
 */
final class ResetFlow {
  private final ShellContext shell;
  private final LineInput input;

  ResetFlow(ShellContext shell, LineInput input) {
    this.shell = shell;
    this.input = input;
  }

  void show() {
    Screen screen = shell.screen();
    screen.line(
        shell.style().bold("Your progress")
            + shell
                .style()
                .dim("  (" + SafeText.escapeLine(shell.store().file().toString()) + ")"));
    new ProgressReport(shell.episode(), shell.progress(), shell.style(), screen.width())
        .lines()
        .forEach(screen::line);
    screen.flush();
  }

  void reset(String arg) {
    List<String> words =
        new ArrayList<>(List.of(arg.isEmpty() ? new String[0] : arg.split("\\s+")));
    boolean yesLong = words.remove("--yes");
    boolean yesShort = words.remove("-y"); // both removed, whichever was given
    boolean yes = yesLong || yesShort;
    boolean all = words.equals(List.of("--all"));
    String demoId = words.size() == 1 && !all ? words.get(0) : null;
    Screen screen = shell.screen();
    if (!all && demoId == null) {
      screen.say(
          "reset DEMO forgets one demo; reset --all forgets everything (add --yes not to be"
              + " asked).");
      return;
    }
    if (demoId != null
        && shell.episode().demo(demoId).isEmpty()
        && !demoId.equals(ClassReport.CHALLENGE)) {
      screen.say("No demo '" + SafeText.escapeLine(demoId) + "' in this episode. Tab lists them.");
      return;
    }
    String what = all ? "all your progress" : "your progress on " + demoId;
    Optional<String> answer =
        yes ? Optional.of("y") : input.line("Really forget " + what + "? [y/N] ");
    if (!answer.map(a -> a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes")).orElse(false)) {
      screen.say("Nothing was reset.");
      return;
    }
    if (all) {
      shell.progress().forgetAll();
      shell.progress().visit(shell.lesson().id());
    } else {
      shell.progress().forget(demoId);
    }
    shell.save();
    screen.say("Reset " + what + ".");
  }
}
