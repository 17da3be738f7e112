package io.containercodes.lab.demo;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.DemoContext;
import io.containercodes.lab.admission.JudgedRun;
import io.containercodes.lab.admission.MountRedirect;
import io.containercodes.lab.admission.RunRequest;
import io.containercodes.lab.check.Check;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.runline.CommandLineTokenizer;
import io.containercodes.lab.runline.LearnerLine;
import io.containercodes.lab.runline.RunLineParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every line of one demo run — helpers, steps, or the learner's line in their place — judged by the
 * admission before anything is created, so a refused line leaves no network or helper behind, and
 * what was consented to or capped is said once, up front. Each line is parsed once, here; the run
 * completes each judged line against the engine when its turn comes.
 */
final class DemoPlan {
  /** How long a helper may live: the demo's steps run while it does. */
  private static final Duration HELPER_LIFETIME = Duration.ofMinutes(30);

  record HelperLine(Demo.Helper helper, JudgedRun judged) {}

  /**
   * @param shown the line as the learner reads it (a proof's without its removed flags)
   */
  record StepLine(Demo.Step step, String shown, JudgedRun judged) {}

  private final List<HelperLine> helpers;
  private final List<StepLine> steps;
  private final Map<String, String> networks;

  private DemoPlan(List<HelperLine> helpers, List<StepLine> steps, Map<String, String> networks) {
    this.helpers = List.copyOf(helpers);
    this.steps = List.copyOf(steps);
    this.networks = networks;
  }

  /** What every line of one run shares. */
  record Run(
      Demo demo,
      DemoResult.Variant variant,
      LearnerLine learner,
      boolean consent,
      MountRedirect scratch,
      String suffix) {}

  static DemoPlan judge(Admission admission, Run run) {
    Demo demo = run.demo();
    Map<String, String> networks = new LinkedHashMap<>();
    demo.networks().forEach(n -> networks.put(n, DemoObjects.networkName(n, run.suffix())));
    String join = demo.networks().isEmpty() ? null : networks.get(demo.networks().get(0));
    DemoContext context =
        DemoContext.of(
            run.scratch(), networks, join, run.suffix(), helperNames(demo, run.suffix()));
    RunLineParser words = new RunLineParser(demo.directory());
    List<HelperLine> helpers = new ArrayList<>();
    for (Demo.Helper h : demo.helpers()) {
      RunRequest request =
          RunRequest.words(Origin.CONTENT_HELPER, words.split(h.run()))
              .name(h.name())
              .pwd(demo.directory())
              .consent(run.consent())
              .context(withTimeout(context, HELPER_LIFETIME))
              .build();
      JudgedRun judged = admission.judge(request);
      helpers.add(new HelperLine(h, judged));
      context = context.withPeer(h.name(), judged);
    }
    List<StepLine> steps = new ArrayList<>();
    for (Demo.Step step : demo.steps()) {
      steps.add(step(admission, run, words, withTimeout(context, step.timeout()), step));
    }
    return new DemoPlan(helpers, steps, networks);
  }

  private static StepLine step(
      Admission admission, Run run, RunLineParser words, DemoContext context, Demo.Step step) {
    LearnerLine learner = run.learner();
    boolean learners = learner.line() != null;
    List<String> line =
        words.withoutFlags(
            words.split(learners ? learner.line() : step.run()), run.variant().removed());
    RunRequest request =
        RunRequest.words(learners ? Origin.EXERCISE : Origin.CONTENT_STEP, line)
            .pwd(run.demo().directory())
            .consent(learners ? learner.consent() : run.consent())
            .context(learners ? context.forExercise(run.demo().directory()) : context)
            .capture(wantsChanges(step.expect()), wantsEvents(step.expect()))
            .build();
    JudgedRun judged = admission.judge(request);
    if (learners) {
      requireWorkload(words, step, judged);
    }
    return new StepLine(step, CommandLineTokenizer.join(line), judged);
  }

  /**
   * The learner's line runs the exercise's workload ({@link Workload}): the image, the command and
   * the mounts the step's own line gives; only the flags are the learner's.
   *
   * @throws InvalidInput what the line changed, and {@link Workload#FIX}
   */
  private static void requireWorkload(RunLineParser words, Demo.Step step, JudgedRun learner) {
    Workload.of(words.parse(step.run()).spec())
        .changedBy(learner.asWritten())
        .ifPresent(
            why -> {
              throw new InvalidInput(why, Workload.FIX);
            });
  }

  /**
   * The learner's line judged as the run will judge it, before anything starts: a bad flag, a
   * refused mount or a write outside the exercise's folder is named at the prompt.
   */
  static JudgedRun judgeLearnerLine(Admission admission, Demo demo, String written) {
    LearnerLine learner = LearnerLine.of(written);
    RunRequest request =
        RunRequest.line(Origin.EXERCISE, learner.line())
            .pwd(demo.directory())
            .consent(learner.consent())
            .context(DemoContext.NONE.forExercise(demo.directory()))
            .build();
    JudgedRun judged = admission.judge(request);
    if (demo.isExercise()) {
      requireWorkload(new RunLineParser(demo.directory()), demo.steps().get(0), judged);
    }
    return judged;
  }

  /**
   * Each helper's container name in this run: the lab's, unique to the run, so a line's {@code
   * container:HELPER} join names this run's helper and never another container of that name.
   */
  static Map<String, String> helperNames(Demo demo, String suffix) {
    Map<String, String> names = new LinkedHashMap<>();
    int i = 0;
    for (Demo.Helper h : demo.helpers()) {
      String safe = h.name().replaceAll("[^a-zA-Z0-9_.-]", "-");
      names.putIfAbsent(h.name(), "cclab-" + suffix + "-" + i++ + "-" + safe);
    }
    return names;
  }

  private static DemoContext withTimeout(DemoContext c, Duration timeout) {
    return c.withDefaultTimeout(timeout);
  }

  private static boolean wantsChanges(List<Check> checks) {
    return checks.stream().anyMatch(c -> c.kind().readsFileChanges());
  }

  private static boolean wantsEvents(List<Check> checks) {
    return checks.stream().anyMatch(c -> c.kind().readsEngineEvents());
  }

  List<HelperLine> helpers() {
    return helpers;
  }

  List<StepLine> steps() {
    return steps;
  }

  /** Declared network → this run's network, in the demo's order. */
  Map<String, String> networks() {
    return networks;
  }

  /** What to tell the learner before the run, each thing once. */
  List<String> notices() {
    List<String> all = new ArrayList<>();
    helpers.forEach(h -> all.addAll(h.judged().notices()));
    steps.forEach(s -> all.addAll(s.judged().notices()));
    return all.stream().distinct().toList();
  }
}
