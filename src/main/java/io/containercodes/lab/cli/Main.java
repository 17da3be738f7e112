package io.containercodes.lab.cli;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.LabException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * The entry point. {@link #run} takes its streams and environment and returns an exit status;
 * only {@link #main} touches System, so every command can be tested in-process.
 */
public final class Main {
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Map<String, String> env;
  private boolean systemStreams;

  public Main(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = env;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Main main = new Main(out, err, System.in, System.getenv());
    main.systemStreams = true;
    System.exit(main.run(args));
  }

  public int run(String... args) {
    try (LabContext ctx = new LabContext(out, err, in, env)) {
      ctx.systemStreams(systemStreams);
      return commands(ctx).execute(args);
    }
  }

  /** The whole command tree, as {@link #run} executes it (tests walk it to reach every command). */
  CommandLine commands(LabContext ctx) {
    CommandLine cl = new CommandLine(new CclabCommand(ctx));
    cl.addSubcommand("help", new HelpPathCommand());
    HelpOptions.addEverywhere(cl);
    return cl.setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e));
  }

  /** The one place where problems become messages and exit statuses. */
  int report(Exception e) {
    if (e instanceof LabException lab) {
      err.println("cclab: " + lab.getMessage());
      if (lab.fix() != null) {
        err.println("  fix: " + lab.fix());
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
