package io.containercodes.lab.sandbox;

import io.containercodes.lab.engine.Outcome;
import java.util.List;
import java.util.Map;

/**
 * What a sandboxed script did and tried, observed at the system-call level.
 *
 * @param observed whether its system calls were watched; when false, {@code notObserved} says why
 *     and {@code attempts} holds only what the engine itself saw (memory, time)
 * @param attempts what it tried, grouped, in the order it first tried each; blocked ones name the
 *     protection that stopped them
 * @param scratchWrites bytes it wrote per file in its scratch space (from the trace)
 * @param filesWritten the files left in scratch space when it ended (gone with the container)
 */
public record SandboxReport(
    String file,
    String image,
    Outcome outcome,
    boolean pidsLimitHit,
    boolean observed,
    String notObserved,
    boolean traceComplete,
    List<String> filesWritten,
    Map<String, Long> scratchWrites,
    List<String> rootChanges,
    List<String> canaryRequests,
    List<Attempt> attempts,
    int peakProcesses,
    List<String> relaxations,
    String verdict) {

  /**
   * One thing it tried, grouped by kind, target, result and errno.
   *
   * @param kind write, read, network, dns, exec, fork, privilege, tracer, memory, time
   * @param result blocked, allowed (it got through), ran (a program it started), unknown
   * @param protection the flag or limit that stopped it; empty when nothing did
   * @param firstMs when it first tried, in ms after the program started
   */
  public record Attempt(
      String kind,
      String target,
      String result,
      String errno,
      String protection,
      int count,
      long firstMs) {
    public boolean blocked() {
      return result.equals("blocked");
    }

    /** Something that was neither stopped nor a program it ran: it got through. */
    public boolean gotThrough() {
      return result.equals("allowed");
    }
  }

  /**
   * True when it tried anything the sandbox stopped, or anything got through (what --strict exits 4
   * on).
   */
  public boolean containedSomething() {
    return pidsLimitHit
        || attempts.stream()
            .anyMatch(
                a ->
                    a.blocked()
                        || a.gotThrough()
                        || a.kind().equals("memory")
                        || a.kind().equals("time")
                        || a.kind().equals("tracer"));
  }
}
