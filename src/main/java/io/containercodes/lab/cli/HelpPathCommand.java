package io.containercodes.lab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Parameters;

/**
 * {@code help [COMMAND [SUBCOMMAND…]]}: picocli's own help command takes one name, so {@code cclab
 * help images prepare} showed the help of {@code images}. This one follows the whole path; an
 * unknown name is a usage error that names it.
 */
@Command(
    name = "help",
    helpCommand = true,
    description = "Show the usage of a command: help COMMAND [SUBCOMMAND].")
final class HelpPathCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
  @Parameters(
      arity = "0..*",
      paramLabel = "COMMAND",
      description = "The command (and subcommand) to explain.")
  String[] path = new String[0];

  @CommandLine.Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  private CommandLine self;
  private PrintWriter out;
  private Help.ColorScheme colors;

  @Override
  public void init(
      CommandLine helpCommandLine,
      Help.ColorScheme colorScheme,
      PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  @Override
  public void run() {
    CommandLine target = self.getParent();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        throw new CommandLine.ParameterException(
            self,
            "Unknown command '"
                + name
                + "' in '"
                + String.join(" ", path)
                + "'. "
                + target.getCommandSpec().qualifiedName()
                + " has: "
                + String.join(", ", target.getSubcommands().keySet()));
      }
      target = next;
    }
    target.usage(out, colors);
    out.flush();
  }
}
