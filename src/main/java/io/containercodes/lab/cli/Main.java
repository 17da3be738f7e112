package io.containercodes.lab.cli;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.LabException;
import io.containercodes.lab.Timing;
import io.containercodes.lab.engine.EngineConnector;
import io.containercodes.lab.engine.RunInterrupted;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The entry point. {@link #run} takes its streams and environment and returns an exit status; only
 * {@link #main} touches System, so every command can be tested in-process.
 */
public final class Main {
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Map<String, String> env;
  private boolean systemStreams;

  /** The context of the command being run: report reads its --verbose. */
  private LabContext context;

  public Main(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = env;
  }

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Main main = new Main(out, err, System.in, System.getenv());
    main.systemStreams = true;
    System.exit(main.run(args));
  }

  public int run(String... args) {
    Timing.enableIf(env);
    String named = commandNamedBy(args);
    if (named != null && RUNS_CONTAINERS.contains(named)) { // Set.of rejects contains(null)
      // Jackson's set-up for the engine calls on the second core while picocli builds the
      // command's model on this one (trace of a cold `try`: the two are its largest CPU costs)
      EngineConnector.warmUp();
    }
    int status;
    try (LabContext ctx = new LabContext(out, err, in, env)) {
      context = ctx;
      ctx.systemStreams(systemStreams);
      TryCommand.Plain plain = TryCommand.plainForm(args);
      if (plain != null) {
        try {
          status = TryCommand.run(ctx, plain);
        } catch (RuntimeException e) {
          status = report(e); // as picocli's execution-exception handler below does
        }
      } else {
        CommandLine cl = commands(ctx, args);
        Timing.mark("command tree built");
        status = cl.execute(args);
      }
      Timing.mark("command done");
    }
    Timing.mark("engine closed");
    Timing.print(err);
    return status;
  }

  /** The commands that run containers: their JSON set-up may start before their parsing. */
  private static final java.util.Set<String> RUNS_CONTAINERS =
      java.util.Set.of("try", "run", "verify", "sandbox", "audit", "challenge");

  /** The subcommands, in the order the usage lists them. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("run", RunCommand::new);
    m.put("verify", VerifyCommand::new);
    m.put("lint", LintCommand::new);
    m.put("try", TryCommand::new);
    m.put("doctor", DoctorCommand::new);
    m.put("clean", CleanCommand::new);
    m.put("room", RoomCommand::new);
    m.put("images", ImagesCommand::new);
    m.put("progress", ProgressCommand::new);
    m.put("report", ReportCommand::new);
    m.put("sandbox", SandboxCommand::new);
    m.put("audit", AuditCommand::new);
    m.put("challenge", ChallengeCommand::new);
    m.put("completion", CompletionCommand::new);
    return m;
  }

  /**
   * Whether {@code command}'s option {@code option} takes a value, by picocli's model of that
   * command (empty when it has no such option): the REPL's answer for a command, without a lab
   * context.
   */
  public static java.util.Optional<Boolean> optionTakesValue(String command, String option) {
    Supplier<Object> make = SUBCOMMANDS.get(command);
    if (make == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(
            new CommandLine(make.get()).getCommandSpec().findOption(option))
        .map(o -> o.arity().max() > 0);
  }

  /** The whole command tree, as {@link #run} executes it (tests walk it to reach every command). */
  CommandLine commands(LabContext ctx) {
    return commands(ctx, null);
  }

  /**
   * The command tree for these arguments. picocli builds the model of every command it is given, by
   * reflection, before it parses anything: for all twelve commands and their subcommands that was
   * the largest part of a cold start's own work (trace of `try`: about 150 ms of 650 ms in the JVM,
   * on JDK 25 with its AOT cache). So when the arguments name a command, only that one is built;
   * usage, errors, the REPL and {@code help} get them all.
   */
  CommandLine commands(LabContext ctx, String[] args) {
    CclabCommand root = new CclabCommand(ctx);
    CommandLine cl = new CommandLine(root);
    String only = args == null ? null : commandNamedBy(args);
    if ("completion".equals(only)) {
      only = null; // the completion script describes every command, so it needs them all
    }
    if (args != null && args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      only = ""; // the version needs no command at all
    }
    if (args != null && opensTheRepl(args)) {
      // the REPL: its prompt first, the commands when the learner first runs one
      root.completeTree(
          () -> {
            SUBCOMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
            configure(cl);
          });
      return configure(cl);
    }
    if (only == null) {
      SUBCOMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
    } else if (!only.isEmpty()) {
      cl.addSubcommand(only, SUBCOMMANDS.get(only).get());
    }
    return configure(cl);
  }

  /**
   * help COMMAND, -h everywhere, streams and the error handler, for the whole tree as it is now.
   */
  private CommandLine configure(CommandLine cl) {
    if (!cl.getSubcommands().containsKey("help")) {
      cl.addSubcommand("help", new HelpPathCommand());
    }
    HelpOptions.addEverywhere(cl);
    return cl.setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e));
  }

  /** No command and no option but the root's --host and --episode: the learner's REPL. */
  static boolean opensTheRepl(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--host") || a.equals("--episode")) {
        i++;
      } else if (!a.startsWith("--host=") && !a.startsWith("--episode=")) {
        return false;
      }
    }
    return true;
  }

  /**
   * The command the arguments name, when that is certain: the first word that is not one of the
   * root's options (or an option's value). Null when it is not one of the lab's commands, or when a
   * help option comes first.
   */
  static String commandNamedBy(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--host") || a.equals("--episode")) {
        i++; // its value
      } else if (!a.startsWith("--host=") && !a.startsWith("--episode=")) {
        // --help, --version with more, an unknown option: the whole tree answers
        return a.startsWith("-") || !SUBCOMMANDS.containsKey(a) ? null : a;
      }
    }
    return null;
  }

  /** The one place where problems become messages and exit statuses. */
  int report(Exception e) {
    if (e instanceof RunInterrupted || Thread.currentThread().isInterrupted()) {
      // Ctrl-C in the REPL interrupted the command: whatever broke is the interrupt's doing, and
      // the REPL says what was stopped and removed
      return ExitCode.INTERRUPTED;
    }
    if (e instanceof LabException lab) {
      err.println("cclab: " + lab.getMessage());
      if (lab.fix() != null) {
        err.println("  fix: " + lab.fix());
      }
      if (lab.raw() != null && context != null && context.verbose()) {
        // escaped where the exception was made, as its message is
        err.println("  the engine said: " + lab.raw());
      } else if (lab.raw() != null) {
        err.println("  (--verbose shows the engine's own answer)");
      }
      if (debug()) {
        e.printStackTrace(err);
      }
      err.flush();
      if (lab instanceof EnvironmentProblem) {
        return ExitCode.ENVIRONMENT;
      }
      return lab instanceof InvalidInput ? ExitCode.USAGE : ExitCode.FAILED;
    }
    err.println("cclab: unexpected error: " + e);
    if (debug()) {
      e.printStackTrace(err);
    } else {
      err.println("  (set CCLAB_DEBUG=1 to see the stack trace, and please report it)");
    }
    err.flush();
    return ExitCode.FAILED;
  }

  private boolean debug() {
    return "1".equals(env.get("CCLAB_DEBUG"));
  }
}
