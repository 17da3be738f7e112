package io.containercodes.lab.repl;

import java.util.List;
import java.util.function.Consumer;

/**
 * One REPL command, registered once with everything about it: the names it answers to (the first is
 * the one shown), its help row, what Tab offers after it, and what it does. The dispatch, {@code
 * help} and completion all read the same list, as JLine's Builtins do.
 */
record ShellCommand(
    List<String> names, String usage, String help, Completion completion, Consumer<String> action) {
  /** What Tab offers after the command word. */
  enum Completion {
    NONE,
    DEMOS,
    LESSONS,
    RUN_LINE,
    AUDIT_LINE,
    RESET,
    CLEAN
  }

  ShellCommand {
    names = List.copyOf(names);
  }

  String name() {
    return names.get(0);
  }
}
