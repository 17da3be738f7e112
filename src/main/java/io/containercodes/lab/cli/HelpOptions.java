package io.containercodes.lab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code -h/--help} for every command and subcommand, added in one place when the command tree is
 * built, so a command added later cannot forget it (before, {@code cclab try --help} answered
 * "Unknown option" with exit 2). picocli's usage-help flag also switches off the checks for
 * required parameters, so {@code report --help} does not ask for a DIR first.
 */
final class HelpOptions {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  private HelpOptions() {}

  /**
   * Adds the help option to every command below {@code parent} that has none, and {@code help
   * COMMAND} to every parent.
   */
  static void addEverywhere(CommandLine parent) {
    for (CommandLine sub : parent.getSubcommands().values()) {
      if (!sub.getCommandSpec().optionsMap().containsKey("--help")) {
        sub.addMixin("help", new HelpOptions());
      }
      if (!sub.getSubcommands().isEmpty() && !sub.getSubcommands().containsKey("help")) {
        sub.addSubcommand("help", new HelpPathCommand());
      }
      addEverywhere(sub);
    }
  }
}
