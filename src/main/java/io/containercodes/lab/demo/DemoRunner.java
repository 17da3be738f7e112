package io.containercodes.lab.demo;

import io.containercodes.lab.LabException;
import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Evidence;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Logs;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.runline.CommandLineTokenizer;
import io.containercodes.lab.runline.RunLineParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs a demo on the engine: creates its lab networks (internal: no route out of the machine),
 * starts its helpers, runs each step's line exactly as written (with {@code $(pwd)} meaning the
 * demo's directory and declared network names mapped to this run's networks), evaluates the checks,
 * and removes everything it created.
 */
public final class DemoRunner {
  /** A line of the canary's log per request it answered (busybox httpd -v). */
  private static final String CANARY_HIT = "response:";

  /** What a refused content line is told; the learner's own line gets the same rules and words. */
  static final String REFUSED = "The lab will not run this line as it is:";

  static final String CONSENT_FIX =
      "A lesson pack is code from someone else. If you trust it with this, run it "
          + "again with --i-understand.";
  static final String LEARNER_FIX =
      "An exercise never needs this. If you mean to study it, start your line with "
          + "--i-understand, as at try.";

  private final Engine engine;
  private final LabImages images;
  private final boolean consent;
  private HostFeatures features;

  public DemoRunner(Engine engine, LabImages images) {
    this(engine, images, false);
  }

  /**
   * @param consent the user said --i-understand: lines that hand a container the host may run
   */
  public DemoRunner(Engine engine, LabImages images, boolean consent) {
    this.engine = engine;
    this.images = images;
    this.consent = consent;
  }

  /** Listens to a demo as it runs. */
  public interface Listener extends OutputListener {
    /** Hears nothing: for runs whose output nobody watches (verify in parallel). */
    Listener QUIET =
        new Listener() {
          @Override
          public void stdout(String text) {}

          @Override
          public void stderr(String text) {}
        };

    default void step(Demo.Step step, String line) {}

    /** A helper container is about to start from this line: shown like a step, never hidden. */
    default void helper(Demo.Helper helper, String line) {}

    /**
     * Something the lab wants the learner to know about a line (what it relaxed, what it capped).
     */
    default void notice(String text) {}

    default void result(Demo.Step step, List<CheckResult> results) {}
  }

  /**
   * The demo as written, or (with {@code withoutProtections}) without all its protective flags at
   * once.
   */
  public DemoResult run(Demo demo, boolean withoutProtections, Listener listener) {
    return run(
        demo,
        withoutProtections
            ? DemoResult.Variant.without(demo.without())
            : DemoResult.Variant.AS_WRITTEN,
        listener);
  }

  /**
   * One variant: as written, a proof without some flags, or a listed wrong answer in the learner's
   * place.
   */
  public DemoResult run(Demo demo, DemoResult.Variant variant, Listener listener) {
    return run(demo, variant, variant.wrongLine(), listener);
  }

  /**
   * Runs an exercise with the learner's own line in place of the demo's (the demo's helpers,
   * networks and checks stay), so the checks judge what the learner wrote.
   */
  public DemoResult runLearnerLine(Demo demo, String line, Listener listener) {
    return run(demo, DemoResult.Variant.AS_WRITTEN, line, listener);
  }

  /** The consent word a learner may put in front of an exercise line, as at try. */
  public static final String CONSENT_WORD = "--i-understand";

  /** The learner's line without the consent word, and whether the word was there. */
  private record LearnerLine(String line, boolean consent) {
    static LearnerLine of(String written) {
      if (written != null
          && (written.strip().startsWith(CONSENT_WORD + " ")
              || written.strip().equals(CONSENT_WORD))) {
        return new LearnerLine(written.strip().substring(CONSENT_WORD.length()).strip(), true);
      }
      return new LearnerLine(written, false);
    }
  }

  /** What every step of one run shares. */
  private record RunContext(
      RunLineParser parser,
      LearnerLine learner,
      List<String> removed,
      ScratchCopy scratch,
      DemoObjects objects,
      Listener listener) {}

  private DemoResult run(
      Demo demo, DemoResult.Variant variant, String learnerLine, Listener listener) {
    long t0 = System.nanoTime();
    RunLineParser parser = new RunLineParser(demo.directory());
    LearnerLine learner = LearnerLine.of(learnerLine);
    // the scratch copy outlives the run's containers: objects close first, then the copy goes
    try (ScratchCopy scratch = ScratchCopy.of(demo)) {
      admitAll(
          demo, parser, scratch, learner.line(), learner.consent(), variant.removed(), listener);
      return run(demo, variant, parser, learner, scratch, listener, t0);
    }
  }

  private DemoResult run(
      Demo demo,
      DemoResult.Variant variant,
      RunLineParser parser,
      LearnerLine learner,
      ScratchCopy scratch,
      Listener listener,
      long t0) {
    List<DemoResult.StepResult> results = new ArrayList<>();
    try (DemoObjects objects = new DemoObjects()) {
      RunContext run =
          new RunContext(parser, learner, variant.removed(), scratch, objects, listener);
      startObjects(demo, run);
      for (Demo.Step step : demo.steps()) {
        results.add(runStep(step, run));
      }
      return new DemoResult(demo, variant, results, Duration.ofNanos(System.nanoTime() - t0), null);
    } catch (LabException e) {
      return new DemoResult(
          demo, variant, results, Duration.ofNanos(System.nanoTime() - t0), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DemoResult(
          demo, variant, results, Duration.ofNanos(System.nanoTime() - t0), "interrupted");
    }
  }

  /** The demo's networks, then its helpers, each removed when the run's objects close. */
  private void startObjects(Demo demo, RunContext run) throws InterruptedException {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    for (String n : demo.networks()) {
      run.objects().createNetwork(engine, n, suffix);
    }
    for (Demo.Helper h : demo.helpers()) {
      run.listener().helper(h, h.run().replaceAll("\\s+", " "));
      RunSpec spec =
          prepare(
              run.parser(),
              run.scratch(),
              run.parser().split(h.run()),
              run.objects().networkNames(),
              Duration.ofMinutes(30),
              consent);
      run.objects().addHelper(h.name(), engine.startHelper(spec));
    }
    if (run.objects().hasHelpers()) {
      Thread.sleep(300); // a helper's server binds within milliseconds of its start
    }
  }

  private DemoResult.StepResult runStep(Demo.Step step, RunContext run) {
    String learner = run.learner().line();
    List<String> words = run.parser().split(learner != null ? learner : step.run());
    words = run.parser().withoutFlags(words, run.removed());
    run.listener().step(step, CommandLineTokenizer.join(words));
    List<CheckResult> unmet =
        step.expect().stream()
            .filter(c -> c.type().equals("requires"))
            .map(c -> c.evaluate(new Evidence(null, null, Map.of(), Set.of(), features(step))))
            .filter(r -> r.status() != io.containercodes.lab.check.Status.PASS)
            .map(this::unmet)
            .toList();
    if (!unmet.isEmpty()) {
      // the host lacks the feature: every check of the step is skipped, none passes
      List<CheckResult> skipped =
          step.expect().stream()
              .map(c -> CheckResult.skipped(c, unmet.get(0).sentence().replace("skipped: ", "")))
              .toList();
      run.listener().result(step, skipped);
      return new DemoResult.StepResult(step, null, skipped);
    }
    RunSpec spec =
        prepare(
            run.parser(),
            run.scratch(),
            words,
            run.objects().networkNames(),
            step.timeout(),
            learner != null ? run.learner().consent() : consent);
    boolean wantsChanges = step.expect().stream().anyMatch(c -> c.type().startsWith("fs-"));
    boolean wantsEvents = step.expect().stream().anyMatch(c -> c.type().equals("engine-events"));
    spec = spec.toBuilder().captureChanges(wantsChanges).captureEvents(wantsEvents).build();
    Evidence evidence = observe(step, spec, run);
    List<CheckResult> checks = step.expect().stream().map(c -> c.evaluate(evidence)).toList();
    run.listener().result(step, checks);
    return new DemoResult.StepResult(step, evidence.outcome(), checks);
  }

  /** Runs the step's container and gathers what its checks look at. */
  private Evidence observe(Demo.Step step, RunSpec spec, RunContext run) {
    Map<String, String> before = hashes(step, run.scratch());
    int canaryBefore = canaryHits(run.objects());
    Outcome outcome = engine.run(spec, run.listener());
    Integer hits =
        run.objects().hasHelper("canary") ? canaryHits(run.objects()) - canaryBefore : null;
    Set<String> changed = new HashSet<>();
    hashes(step, run.scratch())
        .forEach(
            (p, h) -> {
              if (!h.equals(before.get(p))) {
                changed.add(p);
              }
            });
    return new Evidence(outcome, hits, probeFacts(outcome), changed, features(step));
  }

  /**
   * Every line of the run — helpers, steps, or the learner's line in their place — passes the
   * guardrails before anything is created, so a refused line leaves no network or helper behind,
   * and what was consented to or capped is said once, up front.
   */
  private void admitAll(
      Demo demo,
      RunLineParser parser,
      ScratchCopy scratch,
      String learner,
      boolean learnerConsent,
      List<String> removed,
      Listener listener) {
    List<String> notices = new ArrayList<>();
    for (Demo.Helper h : demo.helpers()) {
      notices.addAll(
          admit(
              parser,
              scratch,
              parser.split(h.run()),
              consent,
              "helper " + h.name(),
              CONSENT_FIX,
              null));
    }
    for (Demo.Step step : demo.steps()) {
      List<String> words =
          parser.withoutFlags(parser.split(learner != null ? learner : step.run()), removed);
      notices.addAll(
          learner != null
              ? admit(parser, scratch, words, learnerConsent, null, LEARNER_FIX, demo.directory())
              : admit(parser, scratch, words, consent, null, CONSENT_FIX, null));
    }
    notices.stream().distinct().forEach(listener::notice);
  }

  /**
   * The guardrails judge the line as written (their sentences name the learner's paths); then its
   * mounts are pointed at the scratch copy, which refuses a mount around a scratch asset. The
   * engine judges the redirected spec again before it creates anything. A learner's line may write
   * only inside {@code exerciseDir} (null for the demo's own lines), unless they consented.
   */
  private List<String> admit(
      RunLineParser parser,
      ScratchCopy scratch,
      List<String> words,
      boolean consented,
      String who,
      String fix,
      Path exerciseDir) {
    RunLineParser.ParsedRun parsed = parser.parse(words);
    RunSpec spec = parsed.spec().toBuilder().consent(consented).build();
    String headline =
        who == null ? REFUSED : REFUSED.replace("this line", "the line of its " + who);
    List<String> notices = new ArrayList<>(engine.guardrails().admit(spec, headline, fix));
    // after the guardrails, whose reasons say more about the host's places
    if (exerciseDir != null && !consented) {
      ExerciseMounts.requireWritableInside(exerciseDir, spec);
    }
    scratch.redirect(spec);
    notices.addAll(parsed.notes());
    notices.addAll(SafetyCaps.apply(spec).overrides());
    return notices;
  }

  /**
   * A demo that declares networks puts steps without {@code --network} on its first one: on a
   * learner's machine such a container would be on the default network and reach the internet; in
   * the lab the stand-in for "outside" is the canary on that internal network.
   */
  private RunSpec prepare(
      RunLineParser parser,
      ScratchCopy scratch,
      List<String> words,
      Map<String, String> networks,
      Duration timeout,
      boolean consented) {
    RunSpec parsed =
        scratch.redirect(parser.parse(words).spec().toBuilder().consent(consented).build());
    RunSpec.Builder b = SafetyCaps.apply(parsed).spec().toBuilder();
    if (parsed.network() != null && networks.containsKey(parsed.network())) {
      b.network(networks.get(parsed.network()));
    } else if (parsed.network() == null && !networks.isEmpty()) {
      b.network(networks.values().iterator().next());
    }
    if (!words.contains("--timeout") && words.stream().noneMatch(w -> w.startsWith("--timeout="))) {
      b.timeout(timeout);
    }
    b.image(images.resolve(parsed.image()));
    return b.build();
  }

  private static int canaryHits(DemoObjects objects) {
    Logs logs = objects.logsOf("canary");
    if (logs == null) {
      return 0;
    }
    String all = logs.stdout().text() + logs.stderr().text();
    int hits = 0;
    for (int i = all.indexOf(CANARY_HIT); i >= 0; i = all.indexOf(CANARY_HIT, i + 1)) {
      hits++;
    }
    return hits;
  }

  /** Lines {@code probe.KEY=VALUE} printed by demos/_shared/probe.sh. */
  static Map<String, String> probeFacts(Outcome outcome) {
    return io.containercodes.lab.check.ProbeOutput.parse(outcome.stdout().text());
  }

  private Set<String> features(Demo.Step step) {
    if (step.expect().stream().noneMatch(c -> c.type().equals("requires"))) {
      return Set.of();
    }
    return hostFeatures().names();
  }

  /** Read from the engine's facts once per runner. */
  private HostFeatures hostFeatures() {
    if (features == null) {
      features = HostFeatures.of(engine.facts());
    }
    return features;
  }

  /**
   * The host's own sentence for a requirement it does not meet, in place of the check's generic
   * one: the feature is the absent one whose presence would make the check pass.
   */
  private CheckResult unmet(CheckResult r) {
    HostFeatures host = hostFeatures();
    for (String feature : host.absent()) {
      Set<String> with = new HashSet<>(host.names());
      with.add(feature);
      Evidence e = new Evidence(null, null, Map.of(), Set.of(), with);
      if (r.check().evaluate(e).status() == io.containercodes.lab.check.Status.PASS) {
        return CheckResult.skipped(r.check(), host.whyNot(feature));
      }
    }
    return r;
  }

  /**
   * Keyed by the path the check names; hashed where the run mounted it (a scratch asset's copy), so
   * the check judges what the line did to the file it was given.
   */
  private static Map<String, String> hashes(Demo.Step step, ScratchCopy scratch) {
    Map<String, String> h = new HashMap<>();
    for (Check c : step.expect()) {
      String path = c.watchedHostPath();
      if (path != null) {
        h.put(path, io.containercodes.lab.host.FileFingerprint.of(Path.of(scratch.redirect(path))));
      }
    }
    return h;
  }
}
