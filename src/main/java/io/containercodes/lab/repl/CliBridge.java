package io.containercodes.lab.repl;

import io.containercodes.lab.progress.ClassReport;
import io.containercodes.lab.runline.CommandLineTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The REPL's {@code try}, {@code audit}, {@code challenge}, {@code sandbox}, {@code doctor} and
 * {@code clean}: the CLI's own commands, each run with Ctrl-C stopping it (and what it started)
 * rather than the lab. The learner's run line goes to the command as one argument, exactly as
 * typed: the command parses it once, with the lab's tokenizer.
 */
final class CliBridge {
  private final ShellContext shell;
  private final CliCommands cli;
  private final Cancellation cancellation;

  CliBridge(ShellContext shell, CliCommands cli, Cancellation cancellation) {
    this.shell = shell;
    this.cli = cli;
    this.cancellation = cancellation;
  }

  void tryLine(String arg) {
    if (arg.isEmpty()) {
      shell
          .screen()
          .say("Type your own line: try podman run --rm --network none cclab/busybox ip addr");
      return;
    }
    execute(withLeadingOptions("try", arg));
  }

  void audit(String verb, String arg) {
    if (arg.isEmpty()) {
      shell
          .screen()
          .say(
              verb.equals("audit")
                  ? "Score a configuration: audit podman run --rm --cap-drop ALL --network none"
                      + " cclab/busybox"
                  : "Take the challenge: challenge podman run … -v $(pwd):/workspace cclab/python"
                      + " (see the last lesson)");
      return;
    }
    Optional<Integer> status = execute(withLeadingOptions(verb, arg));
    if (verb.equals("challenge") && status.isPresent()) {
      // kept with the demos, so an instructor's class report shows who passed it
      boolean passed = status.get() == 0;
      shell
          .progress()
          .recordRun(
              ClassReport.CHALLENGE, passed, passed ? "passed the community challenge" : "not yet");
      shell.save();
    }
  }

  void sandbox(String arg) {
    if (arg.isEmpty()) {
      shell
          .screen()
          .say(
              "Run your own file, hardened: sandbox path/to/script.py (add -- ARGS for its"
                  + " arguments).");
      return;
    }
    List<String> args = new ArrayList<>(List.of("sandbox", "run"));
    args.addAll(new CommandLineTokenizer(Path.of("").toAbsolutePath()).split(arg));
    execute(args.toArray(String[]::new));
  }

  void doctor() {
    execute("doctor");
  }

  void clean(String arg) {
    execute(withLeadingOptions("clean", arg, false));
  }

  /** The command's exit status; empty when Ctrl-C stopped it. */
  private Optional<Integer> execute(String... args) {
    shell.screen().flush();
    return cancellation.run(() -> cli.execute(args));
  }

  /**
   * "audit --live --min-score 80 podman run …" → audit, --live, --min-score, 80, --, "podman run
   * …": the options before the line stay options (which of them take a value, the command's own
   * model says), and the line keeps its own spacing and quotes, cut from the text as typed.
   */
  String[] withLeadingOptions(String verb, String arg) {
    return withLeadingOptions(verb, arg, true);
  }

  private String[] withLeadingOptions(String verb, String arg, boolean line) {
    List<String> args = new ArrayList<>(List.of(verb));
    // a continued line's "\<newline>" separates words as a space does
    String text = arg.replace("\\\n", "  ");
    int at = skipSpaces(text, 0);
    while (at < text.length() && text.startsWith("-", at)) {
      int end = wordEnd(text, at);
      String option = text.substring(at, end);
      at = skipSpaces(text, end);
      if (option.equals("--")) {
        break;
      }
      args.add(option);
      boolean value =
          !option.contains("=") && cli.takesValue(verb, option).orElse(false) && at < text.length();
      if (value) {
        end = wordEnd(text, at);
        args.add(text.substring(at, end));
        at = skipSpaces(text, end);
      }
    }
    if (line) {
      args.add("--");
      args.add(ShellLineParser.trimmed(arg.substring(Math.min(at, arg.length()))));
    }
    return args.toArray(String[]::new);
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int wordEnd(String text, int i) {
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
