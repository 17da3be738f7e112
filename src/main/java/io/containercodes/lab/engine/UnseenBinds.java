package io.containercodes.lab.engine;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.Quote;

/**
 * A bind mount on an engine the lab measured not to see this machine's files (a remote engine, a VM
 * without the folder shared): Podman and Docker then make an empty folder in the source's place on
 * their own side and mount that, so the container sees nothing of the learner's project and every
 * check on it judges nothing (issue 23). A folder of the learner's is refused with a sentence
 * instead; the lab's own folders are copied in ({@link HostCopies}). Before the probe ran, or where
 * it could not tell, the mount goes ahead: only a measured "no" refuses.
 */
final class UnseenBinds {
  private UnseenBinds() {}

  /**
   * @param measured this session's measured facts, or null before the probe ran
   * @param copied the binds the lab copies in ({@link HostCopies}): its own folders, not refused
   * @throws EnvironmentProblem when the spec mounts host folders the engine does not see
   */
  static void refuse(
      EngineFacts measured,
      RunSpec spec,
      EngineKind kind,
      java.util.function.Predicate<RunSpec.BindMount> copied) {
    if (!unseen(measured)) {
      return;
    }
    RunSpec.BindMount b = spec.binds().stream().filter(copied.negate()).findFirst().orElse(null);
    if (b == null) {
      return;
    }
    refuse(b, kind, "this machine's files", measured.fact(EngineFacts.Topic.HOST_FILES));
  }

  /**
   * Refuses one bind whose source the engine was measured not to see.
   *
   * @param unseen what the engine does not see ("this machine's files", "this folder")
   * @param seen the measurement, whose detail says how the lab knows
   */
  static void refuse(RunSpec.BindMount b, EngineKind kind, String unseen, Fact seen) {
    throw new EnvironmentProblem(
        "-v "
            + Quote.input(b.hostPath() + ":" + b.containerPath())
            + " mounts a folder of this machine, and "
            + kind.displayName()
            + " here does not see "
            + unseen
            + " ("
            + seen.detail()
            + "): the container would get an empty folder the engine makes in its place.",
        "Run it on the engine's machine, or with an engine that shares this folder (cclab doctor"
            + " shows what the lab measured).");
  }

  /** Whether this session measured that the engine does not see this machine's files. */
  static boolean unseen(EngineFacts measured) {
    if (measured == null) {
      return false;
    }
    Fact seen = measured.fact(EngineFacts.Topic.HOST_FILES);
    return seen.isNo() && seen.basis() == Fact.Basis.MEASURED;
  }
}
