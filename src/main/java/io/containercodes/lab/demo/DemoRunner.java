package io.containercodes.lab.demo;

import io.containercodes.lab.EngineCannot;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.LabException;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.EngineMeasurement;
import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.CheckKind;
import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.EngineRelease;
import io.containercodes.lab.check.Evidence;
import io.containercodes.lab.check.EvidenceSource;
import io.containercodes.lab.check.HostFeature;
import io.containercodes.lab.check.ProbeOutput;
import io.containercodes.lab.check.Status;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.Logs;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.ProbeReport;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.host.FileFingerprint;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.runline.LearnerLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * and removes everything it created. Every line passes the admission ({@link DemoPlan}) before
 * anything is created.
 */
public final class DemoRunner {
  /** A line of the canary's log per request it answered (busybox httpd -v). */
  private static final String CANARY_HIT = "response:";

  /** The consent word a learner may put in front of an exercise line, as at try. */
  public static final String CONSENT_WORD = LearnerLine.CONSENT_WORD;

  private final Engine engine;
  private final LabImages images;
  private final Admission admission;
  private final boolean consent;
  private HostFeatures features;

  /**
   * @param consent the user said --i-understand: lines that hand a container the host may run
   */
  public DemoRunner(Engine engine, LabImages images, boolean consent) {
    this.engine = engine;
    this.images = images;
    this.admission = Admission.on(engine, images);
    this.consent = consent;
  }

  /**
   * The learner's exercise line judged as a run of {@code demo} will judge it, with no engine: a
   * bad flag, a refused mount or a write outside the exercise's folder is named at the prompt,
   * before anything starts.
   *
   * @throws io.containercodes.lab.InvalidInput the refusal
   */
  public static void judgeLearnerLine(Admission admission, Demo demo, String written) {
    DemoPlan.judgeLearnerLine(admission, demo, written);
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

  /** What every step of one run shares. */
  private record RunContext(ScratchCopy scratch, DemoObjects objects, Listener listener) {}

  private DemoResult run(
      Demo demo, DemoResult.Variant variant, String learnerLine, Listener listener) {
    long t0 = System.nanoTime();
    // what the engine really enforces and sees, measured once a session before anything is shown
    EngineMeasurement.facts(engine, admission);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    // the scratch copy outlives the run's containers: objects close first, then the copy goes
    try (ScratchCopy scratch = ScratchCopy.of(demo)) {
      DemoPlan plan;
      try {
        plan =
            DemoPlan.judge(
                admission,
                new DemoPlan.Run(
                    demo, variant, LearnerLine.of(learnerLine), consent, scratch, suffix));
      } catch (InvalidInput e) {
        if (variant.wrongLine() == null) {
          throw e;
        }
        // a listed wrong answer the lab refuses: its result says so, judged by DemoResult
        return DemoResult.refused(
            demo, variant, e.fix() == null ? e.getMessage() : e.getMessage() + " " + e.fix());
      }
      plan.notices().forEach(listener::notice);
      return run(demo, variant, plan, scratch, listener, t0);
    }
  }

  private DemoResult run(
      Demo demo,
      DemoResult.Variant variant,
      DemoPlan plan,
      ScratchCopy scratch,
      Listener listener,
      long t0) {
    List<DemoResult.StepResult> results = new ArrayList<>();
    try (DemoObjects objects = new DemoObjects()) {
      RunContext run = new RunContext(scratch, objects, listener);
      startObjects(plan, run);
      for (DemoPlan.StepLine step : plan.steps()) {
        results.add(runStep(step, run));
      }
      return new DemoResult(demo, variant, results, Duration.ofNanos(System.nanoTime() - t0), null);
    } catch (EngineCannot e) {
      return cannot(demo, variant, plan, e, listener, t0);
    } catch (LabException e) {
      return new DemoResult(
          demo, variant, results, Duration.ofNanos(System.nanoTime() - t0), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DemoResult(
          demo, variant, results, Duration.ofNanos(System.nanoTime() - t0), "interrupted");
    }
  }

  /**
   * The run when the engine cannot do what it needs (a swarm and a host folder): every step skipped
   * with the engine's sentence, the steps that ran included, so a step that passed before the one
   * the engine could not run makes no verdict of a demo it could not show whole.
   */
  private static DemoResult cannot(
      Demo demo,
      DemoResult.Variant variant,
      DemoPlan plan,
      EngineCannot e,
      Listener listener,
      long t0) {
    String why = e.getMessage();
    List<DemoResult.StepResult> skipped = new ArrayList<>();
    for (DemoPlan.StepLine line : plan.steps()) {
      Demo.Step step = line.step();
      List<CheckResult> checks =
          step.expect().stream().map(c -> CheckResult.skipped(c, why)).toList();
      skipped.add(new DemoResult.StepResult(step, null, checks));
    }
    listener.notice("skipped: " + why);
    return new DemoResult(demo, variant, skipped, Duration.ofNanos(System.nanoTime() - t0), null);
  }

  /** The demo's networks, then its helpers, each removed when the run's objects close. */
  private void startObjects(DemoPlan plan, RunContext run) throws InterruptedException {
    plan.networks()
        .forEach((declared, name) -> run.objects().createNetwork(engine, declared, name));
    for (DemoPlan.HelperLine h : plan.helpers()) {
      run.listener().helper(h.helper(), h.helper().run().replaceAll("\\s+", " "));
      run.objects()
          .addHelper(h.helper().name(), engine.startHelper(admission.complete(h.judged())));
    }
    if (run.objects().hasHelpers()) {
      Thread.sleep(300); // a helper's server binds within milliseconds of its start
    }
  }

  private DemoResult.StepResult runStep(DemoPlan.StepLine line, RunContext run) {
    Demo.Step step = line.step();
    run.listener().step(step, line.shown());
    String unseen = hostFilesUnseen(line);
    if (unseen != null) {
      List<CheckResult> skipped =
          step.expect().stream().map(c -> CheckResult.skipped(c, unseen)).toList();
      run.listener().result(step, skipped);
      return new DemoResult.StepResult(step, null, skipped);
    }
    List<CheckResult> unmet =
        step.expect().stream()
            .filter(c -> c.kind().isRequirement())
            .map(
                c ->
                    c.evaluate(
                        new Evidence(null, null, Map.of(), Set.of(), features(step))
                            .withEngine(release(step))))
            .filter(r -> r.status() != Status.PASS)
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
    Evidence evidence = observe(step, admission.complete(line.judged()), run);
    boolean none = "none".equals(line.judged().asWritten().network());
    List<CheckResult> checks = step.expect().stream().map(c -> judge(c, evidence, none)).toList();
    run.listener().result(step, checks);
    return new DemoResult.StepResult(step, evidence.outcome(), checks);
  }

  /**
   * The check's verdict on the evidence; skipped when this engine cannot give the record it reads
   * (the files the container changed, its events, the record of an OOM kill: a swarm's task may be
   * on another node), since an empty record would pass "nothing changed"; and a check of what the
   * workload printed that stands for {@code --network} on a line with {@code --network none}, where
   * the engine cannot give a container with loopback alone (a swarm task always has an interface):
   * the canary and the engine's record still judge the line.
   *
   * @param none the step's line as written has {@code --network none}
   */
  private CheckResult judge(Check c, Evidence evidence, boolean none) {
    String why =
        c.kind().readsFileChanges()
            ? engine.unrecorded(Engine.RunRecord.FILE_CHANGES)
            : c.kind().readsEngineEvents()
                ? engine.unrecorded(Engine.RunRecord.EVENTS)
                : readsMissingRecord(c, evidence)
                    ? engine.unrecorded(Engine.RunRecord.NODE_RECORD)
                    : null;
    if (why == null && none && printedNetworkView(c)) {
      why = engine.unrecorded(Engine.RunRecord.NETWORK_VIEW);
    }
    if (why == null) {
      why = unkept(c, evidence);
    }
    return why == null ? c.evaluate(evidence) : CheckResult.skipped(c, why);
  }

  /**
   * An OOM check of a run the engine kept no record of (a swarm task on a worker): its "no OOM
   * kill" would be the absence of a record, not a record of none.
   */
  private static boolean readsMissingRecord(Check c, Evidence evidence) {
    return c.kind() == CheckKind.OOM_KILLED
        && evidence.outcome() != null
        && evidence.outcome().facts() == null;
  }

  private static boolean printedNetworkView(Check c) {
    return c.source() == EvidenceSource.WORKLOAD_OUTPUT && c.protectedBy().contains("--network");
  }

  /** Why the engine did not keep what the check judges for this line (a swarm's), or null. */
  private String unkept(Check c, Evidence evidence) {
    RunSpec line = evidence.asWritten().orElse(null);
    if (line == null) {
      return null;
    }
    for (String key : c.judgedKeys()) {
      String why = engine.unkept(key, line);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /** Runs the step's container and gathers what its checks look at. */
  private Evidence observe(Demo.Step step, AdmittedRun admitted, RunContext run) {
    Map<String, String> before = hashes(step, run.scratch());
    int canaryBefore = canaryHits(run.objects());
    Outcome outcome = engine.run(admitted, run.listener());
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
    // judged against the line as written and what the admission recorded the lab supplied, so the
    // lab's caps and substitutions never count; the twin runs after the step, so nothing it does
    // is in the step's evidence
    return new Evidence(outcome, hits, probeFacts(outcome), changed, features(step))
        .withEngine(release(step))
        .withRun(admitted)
        .withTwin(twinProbe(step, admitted));
  }

  /**
   * The lab's own probe in a twin of the step's container, when a check reads it: the same spec the
   * engine ran, the lab's command (null when no check asks).
   */
  private ProbeReport twinProbe(Demo.Step step, AdmittedRun admitted) {
    if (step.expect().stream().noneMatch(c -> c.kind() == CheckKind.TWIN_PROBE)) {
      return null;
    }
    return engine.probeTwin(admitted, images.resolve(ImageCatalog.BUSYBOX.name()));
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
    return ProbeOutput.parse(outcome.stdout().text());
  }

  private Set<HostFeature> features(Demo.Step step) {
    if (step.expect().stream().noneMatch(c -> c.kind().isRequirement())) {
      return Set.of();
    }
    return hostFeatures().names();
  }

  private EngineRelease release(Demo.Step step) {
    if (step.expect().stream().noneMatch(c -> c.kind().isRequirement())) {
      return null;
    }
    return hostFeatures().release();
  }

  /** The engine facts this runner's verdicts rest on (measured once per session). */
  public JudgedOn judgedOn() {
    return JudgedOn.of(EngineMeasurement.facts(engine, admission));
  }

  /** Read from the engine's facts, measured once per session, once per runner. */
  private HostFeatures hostFeatures() {
    if (features == null) {
      features = HostFeatures.of(EngineMeasurement.facts(engine, admission));
    }
    return features;
  }

  /**
   * Why a step that mounts host files cannot be shown on this engine, or null when it can: an
   * engine that does not see the lab's files (a remote one, a VM without the folder shared) mounts
   * an empty folder in their place, and every check would fail for the host's sake, never the
   * line's. An engine where the lab could not tell is not trusted with the lesson either.
   */
  private String hostFilesUnseen(DemoPlan.StepLine line) {
    if (line.judged().asWritten().binds().isEmpty()) {
      return null;
    }
    Fact seen = EngineMeasurement.facts(engine, admission).fact(EngineFacts.Topic.HOST_FILES);
    if (seen.isYes()
        || seen.isNo()
            && seen.basis() == Fact.Basis.MEASURED
            && engine.copiesAllBinds(line.judged().asWritten())) {
      return null; // seen, or only the lab's own folders, which the engine copies in
    }
    return seen.isNo()
        ? "this step mounts files of this machine, and the engine does not see them ("
            + seen.detail()
            + "); an engine on this machine, or one with this folder shared, can show it"
        : "this step mounts files of this machine, and whether the engine sees them is unknown ("
            + seen.detail()
            + ")";
  }

  /**
   * The host's own sentence for a requirement it does not meet, in place of the check's generic
   * one: the feature is the absent one whose presence would make the check pass.
   */
  private CheckResult unmet(CheckResult r) {
    HostFeatures host = hostFeatures();
    for (HostFeature feature : host.absent()) {
      Set<HostFeature> with = EnumSet.noneOf(HostFeature.class);
      with.addAll(host.names());
      with.add(feature);
      Evidence e = new Evidence(null, null, Map.of(), Set.of(), with);
      if (r.check().evaluate(e).status() == Status.PASS) {
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
        h.put(path, FileFingerprint.of(Path.of(scratch.redirect(path))));
      }
    }
    return h;
  }
}
