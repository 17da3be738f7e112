package io.containercodes.lab.cli;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.EngineConnector;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.ProgressStore;
import io.containercodes.lab.repl.CliCommands;
import io.containercodes.lab.repl.LabShell;
import io.containercodes.lab.repl.Shells;
import java.util.Optional;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

@Command(
    name = "cclab",
    mixinStandardHelpOptions = true,
    versionProvider = CclabCommand.Version.class,
    description =
        "ContainerCodes Lab: learn to use containers as a sandbox for code you do not trust, "
            + "with every lesson proved in a real container engine.",
    // one paragraph per element: picocli wraps each to the help's width, so a line broken by hand
    // broke again where picocli's width ended
    footer = {
      "",
      "Exit status: 0 ok, 1 failed (a check, or the engine refused), 2 usage error, 3 environment"
          + " problem, 4 the sandbox stopped something (sandbox run --strict), 130 interrupted.",
      "The engine is found at --host, $CCLAB_HOST, $DOCKER_HOST, the usual Podman and Docker"
          + " sockets, or started."
    })
final class CclabCommand implements Runnable {
  private final LabContext context;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--host",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      paramLabel = "URI",
      description =
          "Engine API address (unix:///path.sock or tcp://host:port); default: $CCLAB_HOST or"
              + " discovery.")
  void host(String host) {
    context.hostOverride(host);
  }

  CclabCommand(LabContext context) {
    this.context = context;
  }

  LabContext context() {
    return context;
  }

  boolean verbose;

  @Option(
      names = "--verbose",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description =
          "Also the engine's own words (its raw answer) when it refuses; with --version, the"
              + " engine the lab would use (found without starting one).")
  void verbose(boolean value) {
    verbose = value;
    context.verbose(value);
  }

  private Runnable completeTree;

  /** For the REPL: how to add the commands it was started without, before it runs the first one. */
  void completeTree(Runnable complete) {
    this.completeTree = complete;
  }

  private synchronized void ensureCompleteTree() {
    if (completeTree != null) {
      Runnable r = completeTree;
      completeTree = null;
      r.run();
    }
  }

  @Option(
      names = "--episode",
      paramLabel = "EPISODE",
      description = "The episode the REPL opens (default: " + LessonPack.DEFAULT_EPISODE + ").")
  String episode = LessonPack.DEFAULT_EPISODE;

  /** No subcommand: the learner's REPL, at the last position. */
  @Override
  public void run() {
    Episode ep = LessonPack.locate(context.env()).episode(episode);
    ProgressStore store =
        new ProgressStore(ProgressStore.defaultFile(context.env()), context::notice);
    Terminal terminal = Shells.terminal(context.systemStreams(), context.in(), context.out());
    try (terminal) {
      new LabShell(
              terminal,
              ep,
              store,
              context::engine,
              context.env(),
              new ReplCommands(spec.commandLine(), terminal),
              store.file().resolveSibling("history"))
          .run();
    } catch (java.io.IOException e) {
      throw new EnvironmentProblem("Terminal error: " + e.getMessage(), null, e);
    }
  }

  /** The CLI's commands for the REPL: run with the lab's context, described by their own model. */
  private final class ReplCommands implements CliCommands {
    private final CommandLine cli;
    private final Terminal terminal;

    ReplCommands(CommandLine cli, Terminal terminal) {
      this.cli = cli;
      this.terminal = terminal;
    }

    @Override
    public int execute(String... args) {
      ensureCompleteTree();
      // usage help wraps to the learner's window (picocli's floor is 55 columns)
      int width = terminal.getWidth();
      cli.setUsageHelpWidth(width > 0 ? Math.max(55, Math.min(width, 120)) : 80);
      context.replWidth(width > 0 ? width : 80);
      return cli.execute(args);
    }

    @Override
    public Optional<Boolean> takesValue(String command, String option) {
      ensureCompleteTree();
      CommandLine sub = cli.getSubcommands().get(command);
      if (sub == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(sub.getCommandSpec().findOption(option))
          .map(o -> o.arity().max() > 0);
    }
  }

  /**
   * The lab's version and the Java it runs on; with {@code --verbose}, the engine it would use,
   * found without side effects (a plain --version never touches a socket).
   */
  static final class Version implements IVersionProvider {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public String[] getVersion() {
      String v = CclabCommand.class.getPackage().getImplementationVersion();
      String version = "cclab " + (v == null ? "dev" : v);
      String java =
          "Java "
              + Runtime.version()
              + " on "
              + System.getProperty("os.name")
              + " "
              + System.getProperty("os.arch");
      if (spec != null && spec.userObject() instanceof CclabCommand root && root.verbose) {
        LabContext ctx = root.context();
        return new String[] {
          version,
          java,
          "engine: " + new EngineConnector(ctx.env(), ctx.hostOverride(), m -> {}).wouldUse()
        };
      }
      return new String[] {version, java};
    }
  }
}
