package io.containercodes.lab.engine;

/**
 * Decides, from what the engine and the kernel recorded, whether the OOM killer ended a container's
 * process, and says so in a sentence that names the limit in force and who set it.
 *
 * <p>Exit status 137 means SIGKILL and nothing more: a program can send it to itself ({@code sh -c
 * 'kill -9 $$'}, under {@code --init} too), and so does the lab's own timeout. So an OOM kill is
 * taken only from a record:
 *
 * <ol>
 *   <li>the lab killed the container itself (timeout, interrupt) → not an OOM kill;
 *   <li>the engine recorded one ({@code State.OOMKilled}: Docker Engine, and Podman from 5.0) →
 *       OOM;
 *   <li>the container's memory cgroup counted one ({@link CgroupRecord#oomKills()}) → OOM;
 *   <li>SIGKILL, and a record that would show an OOM kill shows none (an engine that records them,
 *       or the cgroup read after the last process ended) → killed by SIGKILL, not by the OOM
 *       killer;
 *   <li>SIGKILL with no such record → killed by SIGKILL, cause unknown — never an OOM kill;
 *   <li>anything else → it exited.
 * </ol>
 */
public final class OomVerdict {
  private OomVerdict() {}

  /** How the main process ended, as far as the records show. */
  public enum Cause {
    /** The OOM killer ended a process of the container: the engine or the cgroup recorded it. */
    OOM_KILLED,
    /** SIGKILL, and the records show it was not the OOM killer. */
    SIGKILL_NOT_OOM,
    /** SIGKILL, and no record says who sent it. */
    SIGKILL_UNKNOWN,
    /** The lab's timeout or an interrupt killed it. */
    KILLED_BY_LAB,
    /** It exited with a status of its own. */
    EXITED
  }

  /** Who set the memory limit in force. */
  public enum LimitOrigin {
    /** The run line set it ({@code --memory}). */
    LINE,
    /** The lab's safety cap: the line set none. */
    LAB_CAP,
    /** Not told (the engine alone cannot know). */
    UNKNOWN
  }

  /**
   * @param cause how it ended
   * @param evidence the sentence that says which record decided
   */
  public record Verdict(Cause cause, String evidence) {
    /** A verdict someone else reached: yes is {@link Cause#OOM_KILLED}, no is an exit. */
    public Verdict(boolean oomKilled, String evidence) {
      this(oomKilled ? Cause.OOM_KILLED : Cause.EXITED, evidence);
    }

    public boolean oomKilled() {
      return cause == Cause.OOM_KILLED;
    }
  }

  /**
   * What was recorded about one container's end.
   *
   * @param engineFlag the engine's {@code State.OOMKilled}; null for an engine that does not record
   *     OOM kills (Podman before 5.0), whose "false" says nothing
   * @param cgroup what the container's memory cgroup recorded; null when not read
   * @param memoryLimitBytes the memory limit in force (the engine's record), null when none
   */
  public record Record(
      Boolean engineFlag,
      CgroupRecord cgroup,
      int exitCode,
      boolean killedByLab,
      Long memoryLimitBytes) {}

  public static Verdict decide(Record r, LimitOrigin origin) {
    if (r.killedByLab()) {
      return new Verdict(
          Cause.KILLED_BY_LAB, "the lab killed the container itself (timeout or interrupt)");
    }
    String limit = limit(r.memoryLimitBytes(), origin);
    if (Boolean.TRUE.equals(r.engineFlag())) {
      return new Verdict(
          Cause.OOM_KILLED, "the engine recorded that the OOM killer ended it, " + limit);
    }
    CgroupRecord cg = r.cgroup();
    if (cg != null && cg.available() && cg.oomKills() > 0) {
      return new Verdict(
          Cause.OOM_KILLED,
          "the kernel's record of the container's memory cgroup counts "
              + (cg.oomKills() == 1 ? "an OOM kill" : cg.oomKills() + " OOM kills")
              + ", "
              + limit);
    }
    if (r.exitCode() != 137) {
      return new Verdict(Cause.EXITED, "exited with status " + r.exitCode());
    }
    if (r.engineFlag() != null) {
      return new Verdict(
          Cause.SIGKILL_NOT_OOM,
          "killed by SIGKILL (exit 137), but not by the OOM killer: the engine records OOM kills"
              + " and recorded none, so something else sent the signal");
    }
    if (cg != null && cg.available() && cg.complete()) {
      return new Verdict(
          Cause.SIGKILL_NOT_OOM,
          "killed by SIGKILL (exit 137), but not by the OOM killer: the container's memory cgroup"
              + " counted no OOM kill, so something else sent the signal");
    }
    return new Verdict(
        Cause.SIGKILL_UNKNOWN,
        "killed by SIGKILL (exit 137), cause unknown: neither the engine nor the kernel's cgroup"
            + " recorded an OOM kill"
            + (cg == null || cg.available() ? "" : " (" + cg.unavailable() + ")")
            + ", and a program can send itself SIGKILL");
  }

  /** "under the 100 MiB limit your line set", "under the lab's 1 GiB safety cap, …". */
  static String limit(Long bytes, LimitOrigin origin) {
    if (bytes == null) {
      return "with no memory limit on the container (the host itself ran short of memory)";
    }
    String size = Bytes.human(bytes);
    return switch (origin) {
      case LINE -> "at the " + size + " memory limit your line set";
      case LAB_CAP -> "at the lab's " + size + " safety cap, not a limit your line set";
      case UNKNOWN -> "at its " + size + " memory limit";
    };
  }
}
