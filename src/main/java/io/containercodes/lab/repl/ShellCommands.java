package io.containercodes.lab.repl;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every command of the REPL, once, wired to the part that does it: dispatch, {@code help} and Tab
 * completion read this list.
 */
final class ShellCommands {
  private ShellCommands() {}

  /** The parts the commands are done by. */
  record Parts(
      Navigation navigation,
      DemoFlow demos,
      QuizFlow quiz,
      Coaching coaching,
      ResetFlow progress,
      CliBridge cli,
      Runnable help,
      Runnable quit) {}

  static List<ShellCommand> of(Parts p) {
    return Stream.of(lessons(p), demos(p), ownLines(p), yours(p), session(p))
        .flatMap(List::stream)
        .toList();
  }

  private static List<ShellCommand> lessons(Parts p) {
    return List.of(
        command(
            "toc",
            "toc",
            "the episode's lessons: ✓ done, • started, ○ not yet",
            a -> p.navigation().toc()),
        command(
            "show",
            "show [N|slug]",
            "show this lesson again (or another)",
            ShellCommand.Completion.LESSONS,
            p.navigation()::show),
        command(
            "next|n",
            "next, back, goto N|slug",
            "move between lessons",
            a -> p.navigation().next()),
        command("back|b", null, null, a -> p.navigation().back()),
        command("goto|g", null, null, ShellCommand.Completion.LESSONS, p.navigation()::goTo));
  }

  private static List<ShellCommand> demos(Parts p) {
    return List.of(
        command(
            "run",
            "run [DEMO]",
            "run this lesson's demo: first without its protection, then with it",
            ShellCommand.Completion.DEMOS,
            a -> p.demos().run(a, true)),
        command(
            "check",
            "check [DEMO]",
            "run the demo as written only, and prove its checks",
            ShellCommand.Completion.DEMOS,
            a -> p.demos().run(a, false)),
        command("quiz", "quiz", "answer this lesson's questions", a -> p.quiz().quiz()));
  }

  private static List<ShellCommand> ownLines(Parts p) {
    return List.of(
        command(
            "try",
            "try podman run …",
            "run your own line, with the lab's guardrails",
            ShellCommand.Completion.RUN_LINE,
            p.cli()::tryLine),
        command(
            "audit",
            "audit podman run …",
            "attack a configuration with the probe and score it",
            ShellCommand.Completion.AUDIT_LINE,
            a -> p.cli().audit("audit", a)),
        command(
            "challenge",
            "challenge podman run …",
            "the community challenge: score high and still run the tests",
            ShellCommand.Completion.AUDIT_LINE,
            a -> p.cli().audit("challenge", a)),
        command(
            "sandbox",
            "sandbox FILE",
            "run your own script hardened, and see what it tried",
            p.cli()::sandbox));
  }

  private static List<ShellCommand> yours(Parts p) {
    return List.of(
        command(
            "hint",
            "hint [DEMO]",
            "a nudge; ask again for more",
            ShellCommand.Completion.DEMOS,
            p.coaching()::hint),
        command(
            "solution",
            "solution [DEMO]",
            "the demo's command, once you have tried",
            ShellCommand.Completion.DEMOS,
            p.coaching()::solution),
        command(
            "progress",
            "progress",
            "what you have done: runs, predictions, exercises, quiz answers",
            a -> p.progress().show()),
        command(
            "reset",
            "reset DEMO|--all [--yes]",
            "forget progress (asks first, unless --yes)",
            ShellCommand.Completion.RESET,
            p.progress()::reset));
  }

  private static List<ShellCommand> session(Parts p) {
    return List.of(
        command(
            "doctor",
            "doctor, clean [--all]",
            "check this machine; remove what ended lab runs left (--all: running ones' too)",
            a -> p.cli().doctor()),
        command("clean", null, null, ShellCommand.Completion.CLEAN, p.cli()::clean),
        command("help|?", "help", "this list", a -> p.help().run()),
        command(
            "quit|exit|q",
            "quit",
            "leave (Ctrl-D works too); you come back where you left off",
            a -> p.quit().run()));
  }

  private static ShellCommand command(
      String names, String usage, String help, Consumer<String> action) {
    return command(names, usage, help, ShellCommand.Completion.NONE, action);
  }

  private static ShellCommand command(
      String names,
      String usage,
      String help,
      ShellCommand.Completion completion,
      Consumer<String> action) {
    return new ShellCommand(List.of(names.split("\\|")), usage, help, completion, action);
  }
}
