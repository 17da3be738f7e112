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
   * An adversarial one ({@code kind:}) is written to get the tick without the protection.
   *
   * @param kind the adversary it stands for; null for an ordinary mistake
   */
  public record WrongAnswer(String line, String because, int fileLine, Adversary kind) {
    public WrongAnswer(String line, String because, int fileLine) {
      this(line, because, fileLine, null);
    }

    /**
     * A faked-output answer may run something else than the workload: the lab then refuses it
     * before anything runs, which is its proof; every other wrong answer must run and fail a check.
     */
    public boolean mayBeRefused() {
      return kind == Adversary.FAKED_OUTPUT;
    }
  }

  /**
   * The three ways to get an exercise's tick without its protection (#22); every exercise lists an
   * answer of each, and {@code verify --prove} runs them.
   */
  public enum Adversary {
    /** Prints what a check wants to read instead of (or beside) doing the work protected. */
    FAKED_OUTPUT("faked-output"),
    /** A protection that covers less than the task: the checked path only, one engine's default. */
    PARTIAL("partial"),
    /** Leaves the protection to what the lab supplies for safety: its caps, its network. */
    SAFETY_CAP("safety-cap");

    private final String key;

    Adversary(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public static java.util.Optional<Adversary> of(String key) {
      return java.util.Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }
  }

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
