package io.containercodes.lab.engine;

import java.time.Duration;
import java.util.List;

/**
 * What happened to one container, as far as the engine and the lab could observe it.
 *
 * @param exitCode the main process's exit status (137 = SIGKILL, which is what both the kernel's
 *     OOM killer and the lab's timeout use)
 * @param oom the lab's verdict on the memory limit and the sentence that justifies it, see {@link
 *     OomVerdict}
 * @param usage memory, CPU and processes the engine's stats reported
 * @param changes files changed in the container's own filesystem ("A /path", "C /etc", "D /x");
 *     empty unless asked for
 * @param facts how the engine configured the container, from inspect; null when not read
 * @param events what the engine's event stream said about the container ("start", "oom", "die (exit
 *     137)"), in order; empty unless asked for
 * @param oomRecord what the engine and the kernel recorded about the end, from which {@code oom}
 *     was decided; a caller that knows who set the memory limit decides again with it ({@link
 *     #withLimitOrigin}); null when not recorded
 */
public record Outcome(
    String containerId,
    int exitCode,
    OomVerdict.Verdict oom,
    boolean timedOut,
    Duration duration,
    Usage usage,
    CapturedText stdout,
    CapturedText stderr,
    List<String> changes,
    ContainerFacts facts,
    List<String> events,
    OomVerdict.Record oomRecord) {

  public Outcome {
    changes = changes == null ? List.of() : List.copyOf(changes);
    events = events == null ? List.of() : List.copyOf(events);
    usage = usage == null ? Usage.NONE : usage;
  }

  /**
   * Without the record behind the verdict, as a test or a caller that made its own verdict has it.
   */
  public Outcome(
      String containerId,
      int exitCode,
      OomVerdict.Verdict oom,
      boolean timedOut,
      Duration duration,
      Usage usage,
      CapturedText stdout,
      CapturedText stderr,
      List<String> changes,
      ContainerFacts facts,
      List<String> events) {
    this(
        containerId,
        exitCode,
        oom,
        timedOut,
        duration,
        usage,
        stdout,
        stderr,
        changes,
        facts,
        events,
        null);
  }

  public boolean oomKilled() {
    return oom.oomKilled();
  }

  public String oomEvidence() {
    return oom.evidence();
  }

  public Outcome withEvents(List<String> list) {
    return new Outcome(
        containerId,
        exitCode,
        oom,
        timedOut,
        duration,
        usage,
        stdout,
        stderr,
        changes,
        facts,
        list,
        oomRecord);
  }

  /** The same outcome with other usage: none, where the engine's stats are not the container's. */
  public Outcome withUsage(Usage other) {
    return new Outcome(
        containerId,
        exitCode,
        oom,
        timedOut,
        duration,
        other,
        stdout,
        stderr,
        changes,
        facts,
        events);
  }

  /** The same outcome under another verdict on the memory limit. */
  public Outcome withOom(OomVerdict.Verdict verdict) {
    return new Outcome(
        containerId,
        exitCode,
        verdict,
        timedOut,
        duration,
        usage,
        stdout,
        stderr,
        changes,
        facts,
        events,
        oomRecord);
  }

  /**
   * The verdict on the memory limit decided again by a caller that knows who set the limit (the
   * line, or the lab's safety cap): the sentence then says whose limit it was.
   */
  public Outcome withLimitOrigin(OomVerdict.LimitOrigin origin) {
    return oomRecord == null ? this : withOom(OomVerdict.decide(oomRecord, origin));
  }
}
