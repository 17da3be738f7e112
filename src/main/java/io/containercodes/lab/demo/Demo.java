package io.containercodes.lab.demo;

import io.containercodes.lab.check.Check;
import io.containercodes.lab.content.Question;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A runnable demonstration: helpers started first (a canary server on a lab network), then one or
 * more steps, each a {@code podman run} line the learner reads and the lab runs, with the checks
 * that prove what it shows. {@code without} names the protective flags whose removal must make the
 * checks fail. {@code scratch} names the assets (relative to the directory) each run mounts from a
 * fresh copy, so no line can change the repository's file.
 */
public record Demo(
    String id,
    String title,
    String proves,
    Path directory,
    Path file,
    List<String> networks,
    List<Helper> helpers,
    List<Step> steps,
    List<String> without,
    List<String> hints,
    String exercise,
    List<WrongAnswer> wrongAnswers,
    Question prediction,
    List<String> scratch) {

  public Demo {
    wrongAnswers = wrongAnswers == null ? List.of() : List.copyOf(wrongAnswers);
    scratch = scratch == null ? List.of() : List.copyOf(scratch);
  }

  /**
   * A line learners often write for an exercise, which must fail a check; {@code because} says why.
   */
  public record WrongAnswer(String line, String because, int fileLine) {}

  /** A container started before the steps and removed after them. */
  public record Helper(String name, String run, int line) {}

  /** One run line and its checks; {@code line} is where {@code run:} is in the demo file. */
  public record Step(String title, String run, int line, Duration timeout, List<Check> expect) {}

  /**
   * An exercise asks the learner to write the (single) step's line; the demo's own line is the
   * solution.
   */
  public boolean isExercise() {
    return exercise != null;
  }

  /**
   * True when some check names the flags it stands for ({@code by:}): proofs are then made flag by
   * flag.
   */
  public boolean saysWhatEachFlagProtects() {
    return steps.stream()
        .flatMap(s -> s.expect().stream())
        .anyMatch(c -> !c.protectedBy().isEmpty());
  }

  /**
   * The proof runs {@code verify --prove} makes: each set of flags some check stands for, removed
   * on its own (one flag, or a few that protect together); for a demo that does not say, all of
   * {@code without} at once.
   */
  public List<List<String>> proofs() {
    if (!saysWhatEachFlagProtects()) {
      return without.isEmpty() ? List.of() : List.of(without);
    }
    java.util.LinkedHashSet<java.util.Set<String>> groups = new java.util.LinkedHashSet<>();
    List<List<String>> proofs = new java.util.ArrayList<>();
    steps.stream()
        .flatMap(s -> s.expect().stream())
        .map(Check::protectedBy)
        .filter(b -> !b.isEmpty())
        .forEach(
            b -> {
              if (groups.add(new java.util.HashSet<>(b))) {
                proofs.add(b);
              }
            });
    return proofs;
  }

  public boolean hasCanary() {
    return helpers.stream().anyMatch(h -> h.name().equals("canary"));
  }
}
