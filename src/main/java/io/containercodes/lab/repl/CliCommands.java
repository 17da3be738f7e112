package io.containercodes.lab.repl;

import java.util.Optional;

/**
 * The CLI's commands as the REPL reaches them: {@code try}, {@code audit}, {@code doctor}… run as
 * the same picocli commands, so both behave alike, and the REPL reads their option model instead of
 * keeping its own list of which options take a value.
 */
public interface CliCommands {
  /** Runs a CLI command with the lab's context; returns its exit status. */
  int execute(String... args);

  /**
   * Whether {@code command}'s option {@code option} takes a value, by the command's own model;
   * empty when the command has no such option.
   */
  Optional<Boolean> takesValue(String command, String option);
}
