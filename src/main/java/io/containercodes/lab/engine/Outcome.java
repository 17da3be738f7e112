package io.containercodes.lab.engine;

import java.time.Duration;

/**
 * What happened to one container, as far as the engine and the lab could observe it.
 *
 * @param exitCode the main process's exit status (137 = SIGKILL, which is what both the kernel's
 *     OOM killer and the lab's timeout use)
 * @param oomKilled the lab's verdict on the memory limit, see {@link OomVerdict}
 * @param oomEvidence the sentence that justifies {@code oomKilled}
 * @param peakMemoryBytes the highest memory use the engine reported, null when it reported none
 * @param cpuNanos CPU time used, as last sampled by the engine's stats; null when none came
 * @param peakPids the most processes the engine reported at once; null when none came
 * @param facts how the engine configured the container, from inspect; null when not read
 * @param events what the engine's event stream said about the container ("start", "oom", "die (exit
 *     137)"), in order; empty unless asked for
 */
public record Outcome(
    String containerId,
    int exitCode,
    boolean oomKilled,
    String oomEvidence,
    boolean timedOut,
    Duration duration,
    Long peakMemoryBytes,
    Long memoryLimitBytes,
    CapturedText stdout,
    CapturedText stderr,
    java.util.List<String> changes,
    Long cpuNanos,
    Long peakPids,
    ContainerFacts facts,
    java.util.List<String> events) {

  public Outcome withEvents(java.util.List<String> list) {
    return new Outcome(
        containerId,
        exitCode,
        oomKilled,
        oomEvidence,
        timedOut,
        duration,
        peakMemoryBytes,
        memoryLimitBytes,
        stdout,
        stderr,
        changes,
        cpuNanos,
        peakPids,
        facts,
        java.util.List.copyOf(list));
  }

  @Override
  public java.util.List<String> events() {
    return events == null ? java.util.List.of() : events;
  }

  /**
   * Files changed in the container's own filesystem ("A /path", "C /etc", "D /x"); empty unless
   * asked for.
   */
  @Override
  public java.util.List<String> changes() {
    return changes == null ? java.util.List.of() : changes;
  }
}
