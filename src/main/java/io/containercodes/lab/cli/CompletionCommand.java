package io.containercodes.lab.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "completion",
    description = "Print a completion script for bash or zsh (commands, options, subcommands).",
    footer = {
      "",
      "bash:  source <(cclab completion bash)     (or save it as"
          + " ~/.local/share/bash-completion/completions/cclab)",
      "zsh:   source <(cclab completion zsh)      (in ~/.zshrc; it loads zsh's bashcompinit itself)"
    })
final class CompletionCommand extends BaseCommand {
  /** The shells picocli's script serves: one bash script, which zsh runs through bashcompinit. */
  enum Shell {
    bash,
    zsh
  }

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  protected int run() {
    String script = AutoComplete.bash("cclab", spec.root().commandLine());
    ctx().out().print(script);
    ctx().out().flush();
    return ExitCode.OK;
  }
}
