package io.containercodes.lab.demo;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.runline.CommandLineTokenizer;
import io.containercodes.lab.runline.RunLineParser;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Judges a learner's line for an exercise, one way for every caller: the REPL's exercise prompt and
 * {@code cclab run EXERCISE --answer} (where instructors grade and tests drive it) hand the line
 * here and show what comes back. The line must run the exercise's workload ({@link Workload}) and
 * pass the admission; then it runs in place of the exercise's own line, with its helpers, networks
 * and checks, and the verdict comes from those checks ({@link Verdict}).
 */
public final class AnswerJudge {
  private final Admission admission;
  private final Supplier<DemoRunner> runner;

  /**
   * @param admission judges the line before anything runs, with no engine
   * @param runner the runner on the engine, asked for only when a line gets past the refusals (a
   *     refused line never starts or installs an engine)
   */
  public AnswerJudge(Admission admission, Supplier<DemoRunner> runner) {
    this.admission = admission;
    this.runner = runner;
  }

  /** Judges {@code line} (it may start with the consent word) as an answer to {@code exercise}. */
  public Answer judge(Demo exercise, String line, DemoRunner.Listener listener) {
    try {
      requireExercise(exercise);
      // the admission's judgement, the workload rule with it: a refusal never reaches an engine
      DemoRunner.judgeLearnerLine(admission, exercise, line);
    } catch (InvalidInput e) {
      return Answer.refused(line, sentence(e));
    }
    DemoResult result;
    DemoRunner r = runner.get();
    try {
      result = r.runLearnerLine(exercise, line, listener);
    } catch (InvalidInput e) {
      return Answer.refused(line, sentence(e));
    }
    return Answer.judged(line, result, knownWrong(exercise, line).orElse(null), r.judgedOn());
  }

  /**
   * Refuses, with no engine and no admission, a line that is no answer to {@code exercise}: it does
   * not parse, or it runs something else than the exercise's workload (the admission's judgement of
   * an exercise line applies the same rule, {@link DemoRunner#judgeLearnerLine}).
   *
   * @throws InvalidInput the sentence ("Your line runs …") and the fix ({@link Workload#FIX})
   */
  public static void requireWorkload(Demo exercise, String line) {
    requireExercise(exercise);
    RunLineParser parser = new RunLineParser(exercise.directory());
    RunSpec written = parser.parse(withoutConsent(line)).spec();
    Optional<String> changed = workload(exercise, parser).changedBy(written);
    if (changed.isPresent()) {
      throw new InvalidInput(changed.get(), Workload.FIX);
    }
  }

  /**
   * @throws InvalidInput when {@code demo} asks for no line of the learner's
   */
  public static void requireExercise(Demo demo) {
    if (!demo.isExercise()) {
      throw new InvalidInput(
          demo.id() + " is a demo, not an exercise: it has no answer to judge.",
          "Run it with cclab run "
              + demo.id()
              + ", or pick an exercise (their ids end in"
              + " -exercise).");
    }
  }

  /** The exercise's workload: its (first) step's line as written. */
  static Workload workload(Demo exercise, RunLineParser parser) {
    return Workload.of(parser.parse(exercise.steps().get(0).run()).spec());
  }

  /**
   * The exercise's workload as a line with no protection at all, for the learner to start from (the
   * REPL puts it in the prompt's buffer): nobody should transcribe long mount paths, and the task
   * is the flags.
   */
  public static String startingLine(Demo exercise) {
    RunSpec ref =
        new RunLineParser(exercise.directory()).parse(exercise.steps().get(0).run()).spec();
    List<String> words = new java.util.ArrayList<>(List.of("podman", "run", "--rm"));
    for (RunSpec.BindMount b : ref.binds()) {
      words.add("-v");
      words.add(
          pwdRelative(exercise.directory(), b.hostPath())
              + ":"
              + b.containerPath()
              + (b.readOnly() ? ":ro" : ""));
    }
    if (ref.workdir() != null) {
      words.add("-w");
      words.add(ref.workdir());
    }
    new java.util.TreeMap<>(ref.env())
        .forEach(
            (k, v) -> {
              words.add("-e");
              words.add(k + "=" + v);
            });
    words.add(ref.image());
    words.addAll(ref.command());
    return String.join(
        " ",
        words.stream()
            .map(
                w ->
                    w.startsWith("$(pwd)/")
                            && w.substring(7).chars().allMatch(AnswerJudge::plainShellChar)
                        ? w
                        : CommandLineTokenizer.join(List.of(w)))
            .toList());
  }

  private static boolean plainShellChar(int c) {
    return Character.isLetterOrDigit(c) || "-_./=:,@%+".indexOf(c) >= 0;
  }

  /** {@code $(pwd)/…} or {@code $(pwd)/../…} for a path in or beside the exercise's folder. */
  private static String pwdRelative(java.nio.file.Path dir, String hostPath) {
    java.nio.file.Path d = dir.toAbsolutePath().normalize();
    java.nio.file.Path p = java.nio.file.Path.of(hostPath).toAbsolutePath().normalize();
    if (p.startsWith(d)) {
      return "$(pwd)/" + d.relativize(p);
    }
    if (d.getParent() != null && p.startsWith(d.getParent())) {
      return "$(pwd)/../" + d.getParent().relativize(p);
    }
    return hostPath;
  }

  /** The listed wrong answer this line is, word for word after splitting. */
  public static Optional<Demo.WrongAnswer> knownWrong(Demo exercise, String line) {
    RunLineParser parser = new RunLineParser(exercise.directory());
    List<String> words;
    try {
      words = parser.split(withoutConsent(line));
    } catch (InvalidInput e) {
      return Optional.empty();
    }
    return exercise.wrongAnswers().stream()
        .filter(w -> parser.split(w.line()).equals(words))
        .findFirst();
  }

  private static String withoutConsent(String line) {
    String s = line.strip();
    return s.equals(DemoRunner.CONSENT_WORD) || s.startsWith(DemoRunner.CONSENT_WORD + " ")
        ? s.substring(DemoRunner.CONSENT_WORD.length()).strip()
        : s;
  }

  private static String sentence(InvalidInput e) {
    return e.fix() == null || e.fix().isBlank() ? e.getMessage() : e.getMessage() + " " + e.fix();
  }
}
