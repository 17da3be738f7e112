package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.audit.Challenge;
import picocli.CommandLine.Option;

/**
 * The options of the commands that score a run line ({@code audit}, {@code challenge}), declared
 * once as a picocli mixin (as jbang's ScriptMixin): their names, their help and the range check of
 * {@code --min-score} cannot drift apart between the two.
 */
final class ScoreOptions {
  @Option(
      names = "--live",
      description =
          "Also confirm the memory and process limits act: a bounded allocation "
              + "past the memory limit and a bounded fork test past the pids limit.")
  boolean live;

  @Option(
      names = "--min-score",
      paramLabel = "N",
      description =
          "Exit 1 when the score is below N (0–100; challenge: "
              + Challenge.DEFAULT_MIN_SCORE
              + " when not given).")
  Integer minScore;

  /** The threshold the user gave, checked; null when none was given. */
  Integer minScore() {
    if (minScore != null && (minScore < 0 || minScore > 100)) {
      throw new InvalidInput("--min-score must be between 0 and 100, not " + minScore + ".", null);
    }
    return minScore;
  }

  /** The threshold the user gave, checked, or {@code otherwise}. */
  int minScoreOr(int otherwise) {
    Integer given = minScore();
    return given == null ? otherwise : given;
  }
}
