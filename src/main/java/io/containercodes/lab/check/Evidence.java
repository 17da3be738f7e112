package io.containercodes.lab.check;

import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.ContainerFacts;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.ProbeReport;
import io.containercodes.lab.engine.RunSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a check may look at after one step ran.
 *
 * @param canaryHits connections the step's canary server logged during the step; null when the demo
 *     has no canary
 * @param probeFacts the {@code key=value} lines the shared probe printed (empty when the step did
 *     not run it)
 * @param changedHostPaths host paths whose content changed during the step (of those a check named)
 * @param hostFeatures what the engine and host offer that a step can require
 * @param line the spec as the line wrote it, before the lab's safety caps and substitutions: what
 *     the learner set, against which the engine's record is judged; null when the caller did not
 *     say (checks that need it are then skipped, never passed)
 * @param twin what the lab's probe found in a twin of the container; null when no twin ran
 * @param supplied what the admission recorded the lab supplied or substituted in the spec the
 *     engine ran (a safety cap, its internal network in place of the engine's default): never the
 *     line's protection; null when the caller did not say
 * @param engine the engine the step ran on and its version, for a step that requires a range of
 *     versions; null when the caller did not say (such a step is then skipped, never passed)
 */
public record Evidence(
    Outcome outcome,
    Integer canaryHits,
    Map<String, String> probeFacts,
    Set<String> changedHostPaths,
    Set<HostFeature> hostFeatures,
    RunSpec line,
    ProbeReport twin,
    List<Supplied> supplied,
    EngineRelease engine) {

  public Evidence {
    supplied = supplied == null ? null : List.copyOf(supplied);
  }

  /** Without the line as written and without a twin, as the demo runner gathers it today. */
  public Evidence(
      Outcome outcome,
      Integer canaryHits,
      Map<String, String> probeFacts,
      Set<String> changedHostPaths,
      Set<HostFeature> hostFeatures) {
    this(outcome, canaryHits, probeFacts, changedHostPaths, hostFeatures, null, null, null, null);
  }

  public Evidence withLine(RunSpec asWritten) {
    return with(asWritten, twin, supplied, engine);
  }

  /**
   * What the admission recorded of the run: the line as written, and what the lab supplied in the
   * spec the engine got (no second parse of the line).
   */
  public Evidence withRun(AdmittedRun admitted) {
    return withLine(admitted.asWritten()).withSupplied(admitted.supplied());
  }

  public Evidence withSupplied(List<Supplied> labSupplied) {
    return with(line, twin, labSupplied, engine);
  }

  /**
   * What the lab supplied of {@code kind} in place of the line (empty when it supplied none, or
   * when the caller did not say what it supplied).
   */
  public Optional<Supplied> labSupplied(Supplied.Kind kind) {
    return supplied == null
        ? Optional.empty()
        : supplied.stream().filter(s -> s.kind() == kind).findFirst();
  }

  public Evidence withTwin(ProbeReport report) {
    return with(line, report, supplied, engine);
  }

  public Evidence withEngine(EngineRelease release) {
    return with(line, twin, supplied, release);
  }

  /** The same observation, judged in another context: the one place the withers copy it. */
  private Evidence with(
      RunSpec line, ProbeReport twin, List<Supplied> supplied, EngineRelease engine) {
    return new Evidence(
        outcome,
        canaryHits,
        probeFacts,
        changedHostPaths,
        hostFeatures,
        line,
        twin,
        supplied,
        engine);
  }

  /** The engine's record of the container, when the engine gave one. */
  public Optional<ContainerFacts> facts() {
    return outcome == null ? Optional.empty() : Optional.ofNullable(outcome.facts());
  }

  public Optional<RunSpec> asWritten() {
    return Optional.ofNullable(line);
  }
}
