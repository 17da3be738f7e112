package io.containercodes.lab.admission;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.OutputListener;

/**
 * The engine's facts with what the lab's probe measured ({@link Engine#measuredFacts}): the probe
 * is a container of the lab's own making, so it is admitted here like every other (origin {@code
 * LAB_PROBE}: the guardrails apply, the lab's caps do not — the probe sets its own limits, which
 * are what it measures), its image prepared if missing, then run, labelled and removed by the
 * engine. Measured once per session.
 */
public final class EngineMeasurement {
  private EngineMeasurement() {}

  /**
   * Refuses, with the host's reason, a command whose containers need this machine's files when
   * whether the engine sees them is unknown: it could run on the empty folders an engine makes in
   * their place and report nothing true. Where the lab measured that the engine does not see them,
   * the engine copies the lab's folders in and back (engine.HostCopies), and the command runs.
   *
   * @param what the command and what it mounts ("The sandbox mounts the script and its tracer")
   */
  public static void requireHostFiles(EngineFacts facts, String what) {
    Fact seen = facts.fact(EngineFacts.Topic.HOST_FILES);
    // measured not to see them: the engine copies the lab's own folders in (HostCopies)
    if (!seen.isYes() && !(seen.isNo() && seen.basis() == Fact.Basis.MEASURED)) {
      throw new EnvironmentProblem(
          what
              + " from this machine, and "
              + (seen.isNo()
                  ? "the engine does not see this machine's files: "
                  : "whether the engine sees this machine's files is unknown: ")
              + seen.detail()
              + ".",
          "Run it on the engine's machine, or with an engine that shares this folder (cclab doctor"
              + " shows what the lab measured).");
    }
  }

  public static EngineFacts facts(Engine engine, Admission admission) {
    return engine.measuredFacts(
        spec ->
            engine.run(
                admission.admit(RunRequest.built(Origin.LAB_PROBE, spec).build()),
                OutputListener.IGNORE));
  }
}
