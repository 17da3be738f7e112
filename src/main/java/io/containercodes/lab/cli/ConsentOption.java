package io.containercodes.lab.cli;

import picocli.CommandLine.Option;

/**
 * {@code --i-understand}, declared once for every command that runs a line someone wrote (try,
 * audit, challenge, run, verify): the user's consent to settings that hand a container the host,
 * and to lines that turn the lab's safety caps off. Without it such a line is refused with the
 * reason, whoever wrote it — the user, an exercise, or a lesson pack.
 */
final class ConsentOption {
  @Option(
      names = "--i-understand",
      description =
          "Allow what hands a container the host (--privileged, host namespaces, host system or"
              + " engine-socket mounts, dangerous capabilities, unconfined profiles), and limits a"
              + " line turns off. Without it such lines are refused with the reason.")
  boolean given;

  /** The fix line of a refusal, for a command whose options come before {@code --}. */
  static final String FIX = "If this is what you mean to study, add --i-understand before --.";
}
