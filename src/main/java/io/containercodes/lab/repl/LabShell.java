package io.containercodes.lab.repl;

import io.containercodes.lab.LabException;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.progress.ProgressStore;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Style;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The learner's REPL: walks an episode lesson by lesson, runs demos live, keeps progress. This
 * class reads command lines and dispatches them; each concern has a class of its own — reading
 * lines ({@link LineInput}), moving between lessons ({@link Navigation}), demos and exercises
 * ({@link DemoFlow}), hints ({@link Coaching}), the quiz ({@link QuizFlow}), progress ({@link
 * ResetFlow}), and the CLI's commands ({@link CliBridge}), which run as the same picocli commands
 * as at the command line, so both behave alike.
 */
public final class LabShell {
  static {
    Shells.drawWithoutAlternateCharset();
  }

  private final Terminal terminal;
  private final ShellContext shell;
  private final CliCommands cli;
  private final Path historyFile;
  private List<ShellCommand> commands;
  private LineInput input;
  private LessonView view;
  private boolean leaving;

  public LabShell(
      Terminal terminal,
      Episode episode,
      ProgressStore store,
      Supplier<Engine> engine,
      Map<String, String> env,
      CliCommands cli,
      Path historyFile) {
    this.terminal = terminal;
    this.cli = cli;
    this.historyFile = historyFile;
    boolean dumb = terminal.getType() == null || terminal.getType().startsWith("dumb");
    Style style = env.containsKey("NO_COLOR") || dumb ? Style.PLAIN : Style.COLOR;
    this.shell = new ShellContext(episode, store, engine, env, new Screen(terminal, style));
  }

  public int run() {
    commands();
    welcome();
    while (!leaving) {
      String line;
      try {
        line = input.command(prompt());
      } catch (UserInterruptException e) {
        shell
            .screen()
            .say(
                shell
                    .style()
                    .dim("(Ctrl-C cancels a running demo; to leave, type quit or press Ctrl-D)"));
        continue;
      } catch (EndOfFileException e) {
        shell.screen().blank();
        break;
      } catch (java.io.IOError e) {
        // the terminal went away (window closed, ssh dropped): keep the progress, leave quietly
        break;
      }
      dispatch(ShellLineParser.trimmed(line));
    }
    shell.save();
    return 0;
  }

  /** Every command of the REPL, once: dispatch, help and Tab completion read this list. */
  List<ShellCommand> commands() {
    if (commands == null) {
      Screen screen = shell.screen();
      input =
          new LineInput(
              terminal,
              // reads the registry when Tab is pressed: it is made just below
              (reader, line, candidates) ->
                  new ShellCompleter(
                          commands,
                          shell.episode().demoIds(),
                          shell.episode().lessons().stream().map(Lesson::id).toList())
                      .complete(reader, line, candidates),
              historyFile,
              m -> screen.say(shell.style().dim("[cclab] " + m)));
      view = new LessonView(shell, terminal);
      Questions questions = new Questions(screen, input);
      Cancellation cancellation = new Cancellation(terminal, shell);
      commands =
          ShellCommands.of(
              new ShellCommands.Parts(
                  new Navigation(shell, view),
                  new DemoFlow(shell, questions, new ExercisePrompt(shell, input), cancellation),
                  new QuizFlow(shell, questions),
                  new Coaching(shell),
                  new ResetFlow(shell, input),
                  new CliBridge(shell, cli, cancellation),
                  this::help,
                  () -> leaving = true));
    }
    return commands;
  }

  private String prompt() {
    Lesson l = shell.lesson();
    Style style = shell.style();
    return style.cyan("cclab") + style.dim(String.format(" [%02d %s]", l.number(), l.id())) + " › ";
  }

  private void welcome() {
    Lesson l = shell.lesson();
    boolean returning = shell.progress().position() != null;
    Screen screen = shell.screen();
    screen.say(
        shell.style().bold("ContainerCodes Lab")
            + " — Episode "
            + Navigation.episodeTitle(shell.episode().id()));
    screen.say(
        returning
            ? "Welcome back. You were at "
                + l.number()
                + ". "
                + SafeText.escapeLine(l.title())
                + "."
            : "Welcome. Lessons are short; each demo runs in real containers and proves what it"
                + " shows.");
    screen.say(
        shell
            .style()
            .dim(
                "Move with next / back / goto N, run a demo with run, see everything with toc and"
                    + " help."));
    screen.blank();
    shell.moveTo(shell.position());
    view.show(l);
  }

  /** Runs one command line; a problem the learner can act on is said, and the session goes on. */
  void dispatch(String line) {
    if (line.isEmpty()) {
      return;
    }
    String[] parts = line.split("\\s+", 2);
    String word = parts[0];
    String arg = parts.length > 1 ? ShellLineParser.trimmed(parts[1]) : "";
    Screen screen = shell.screen();
    try {
      Optional<ShellCommand> c =
          commands().stream().filter(x -> x.names().contains(word)).findFirst();
      if (c.isEmpty()) {
        screen.say(
            "Unknown command '"
                + SafeText.escapeLine(word)
                + "'. Type help for the list, or press Tab.");
      } else {
        boolean runLine =
            c.get().completion() == ShellCommand.Completion.RUN_LINE
                || c.get().completion() == ShellCommand.Completion.AUDIT_LINE
                || c.get().name().equals("sandbox");
        // a run line goes on as typed, to the lab's tokenizer; other commands' words are simple,
        // and a "\<newline>" in them joins what it splits, as in a shell
        c.get().action().accept(runLine ? arg : arg.replace("\\\n", "").strip());
      }
    } catch (LabException e) {
      screen.say(shell.style().red("✗ "), "  ", SafeText.escape(e.getMessage()));
      if (e.fix() != null) {
        screen.say("  fix: ", "       ", SafeText.escape(e.fix()));
      }
    } catch (RuntimeException e) {
      // a fault of the lab's own: said, and the session (and the learner's progress) goes on
      screen.say(
          shell.style().red("✗ unexpected error: "),
          "  ",
          SafeText.escape(String.valueOf(e))
              + " (set CCLAB_DEBUG=1 for the stack trace, and please report it)");
      if ("1".equals(shell.env().get("CCLAB_DEBUG"))) {
        e.printStackTrace(screen.writer());
      }
    }
    screen.flush();
  }

  /** The registry's rows: usage and help side by side, or one under the other when narrow. */
  private void help() {
    Screen screen = shell.screen();
    int column = 26;
    boolean sideBySide = screen.width() >= column + 3 + 30;
    for (ShellCommand c : commands()) {
      if (c.usage() == null) {
        continue;
      }
      String usage = shell.style().bold(c.usage());
      if (sideBySide) {
        String padded = usage + " ".repeat(Math.max(0, column - c.usage().length()));
        screen.say("  " + padded + " ", " ".repeat(column + 3), c.help());
      } else {
        screen.line("  " + usage);
        screen.say("      ", "      ", c.help());
      }
    }
  }
}
