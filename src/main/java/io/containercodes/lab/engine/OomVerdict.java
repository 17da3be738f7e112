package io.containercodes.lab.engine;

/**
 * Decides whether the memory limit killed a container's main process.
 *
 * <p>Docker Engine sets {@code State.OOMKilled}; Podman's compat API (4.3, measured) reports {@code
 * false} even when the cgroup's OOM killer ended the process. So the engine's flag is taken when it
 * says yes, and otherwise the lab reasons from what it saw:
 *
 * <ol>
 *   <li>the engine reports an OOM kill → OOM;
 *   <li>exit status 137 (SIGKILL), a memory limit was set and the lab did not kill the container
 *       itself (timeout, Ctrl-C) → OOM: inside a memory-limited container with no other killer,
 *       SIGKILL comes from the cgroup's OOM killer;
 *   <li>otherwise → not OOM.
 * </ol>
 *
 * The second rule can be fooled by code that sends itself SIGKILL; the evidence sentence says which
 * rule decided, so a learner can see how sure the lab is.
 */
public final class OomVerdict {
  private OomVerdict() {}

  public record Verdict(boolean oomKilled, String evidence) {}

  public static Verdict decide(
      boolean engineReportsOom,
      int exitCode,
      Long memoryLimitBytes,
      Long peakMemoryBytes,
      boolean killedByLab) {
    if (engineReportsOom) {
      return new Verdict(true, "the engine reported that the OOM killer ended the process");
    }
    if (killedByLab) {
      return new Verdict(false, "the lab killed the container itself (timeout or interrupt)");
    }
    if (exitCode == 137 && memoryLimitBytes != null && memoryLimitBytes > 0) {
      // stats are sampled about once a second, so the highest sample can be far below the limit
      String peak =
          peakMemoryBytes == null ? "" : " (highest sample " + Bytes.human(peakMemoryBytes) + ")";
      return new Verdict(
          true,
          "killed by SIGKILL (exit 137) under a "
              + Bytes.human(memoryLimitBytes)
              + " memory limit"
              + peak
              + "; nothing but the OOM killer sends SIGKILL there");
    }
    if (exitCode == 137) {
      return new Verdict(false, "killed by SIGKILL (exit 137), but there was no memory limit");
    }
    return new Verdict(false, "exited with status " + exitCode);
  }
}
