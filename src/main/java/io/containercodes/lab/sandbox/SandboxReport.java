package io.containercodes.lab.sandbox;

import io.containercodes.lab.engine.Outcome;
import java.util.List;
import java.util.Map;

/**
 * What a sandboxed script did and tried, observed at the system-call level. Everything in it comes
 * from the lab's side — the engine's record of the container, the trace written where the script
 * cannot reach, the canary's log — never from the script's output.
 *
 * @param observed whether its system calls were watched; when false, {@code notObserved} says why
 *     and {@code findings} holds only what the engine itself saw (memory, time)
 * @param traceComplete the trace covers the program to its end: the tracer saw its exit, and
 *     nothing it started escaped the trace
 * @param incomplete why the trace is not complete, "" when it is
 * @param findings what it tried, grouped, in the order it first tried each; blocked ones name the
 *     protection that stopped them, ones that got through the flag that would have
 * @param scratchWrites bytes it wrote per file in its scratch space (from the trace)
 * @param filesLeft the files (and links, "path -> target") in its scratch space when it ended, from
 *     the trace: gone with the container
 * @param workspaceLinks links it left in the workspace that point out of it, "path -> target"
 */
public record SandboxReport(
    String file,
    String image,
    Outcome outcome,
    boolean pidsLimitHit,
    boolean observed,
    String notObserved,
    boolean traceComplete,
    String incomplete,
    List<String> filesLeft,
    Map<String, Long> scratchWrites,
    List<String> rootChanges,
    List<String> workspaceLinks,
    List<String> canaryRequests,
    List<Finding> findings,
    int peakProcesses,
    List<String> relaxations,
    String verdict) {

  /**
   * One thing it tried, grouped by rule, target, result and errno.
   *
   * @param kind the family the verdict counts it in: write, read, link, network, dns, exec,
   *     privilege, fork, tracer, memory, time
   * @param rule the detector rule's name; null for a program it ran that no rule flags
   * @param priority the rule's priority (Falco's words), null with the rule
   * @param technique the MITRE ATT&CK technique, null with the rule
   * @param result blocked, allowed (it got through; a flagged program that ran too), ran (a program
   *     it started that no rule flags), unknown
   * @param protection what stopped it; empty when nothing did
   * @param wouldStop for what got through: the run-line flag (or other change) that would have
   *     stopped it; empty when there is none
   * @param firstMs when it first tried, in ms after the program started
   * @param evidence the first calls behind it, as the trace has them (pid, call, arguments, result)
   */
  public record Finding(
      String kind,
      String rule,
      String priority,
      String technique,
      String target,
      String result,
      String errno,
      String protection,
      String wouldStop,
      int count,
      long firstMs,
      List<String> evidence) {
    public Finding {
      evidence = List.copyOf(evidence);
    }

    public boolean blocked() {
      return result.equals("blocked");
    }

    /** Something that was neither stopped nor a program it ran: it got through. */
    public boolean gotThrough() {
      return result.equals("allowed");
    }

    /** A finding a detector rule names (a program it ran is not one by itself). */
    public boolean flagged() {
      return rule != null;
    }

    /** The same finding counted once more. */
    Finding plusOne(List<String> moreEvidence) {
      List<String> e = new java.util.ArrayList<>(evidence);
      for (String x : moreEvidence) {
        if (e.size() < 3 && !e.contains(x)) {
          e.add(x);
        }
      }
      return new Finding(
          kind,
          rule,
          priority,
          technique,
          target,
          result,
          errno,
          protection,
          wouldStop,
          count + 1,
          firstMs,
          e);
    }
  }

  /**
   * True when it tried anything the sandbox stopped, anything got through, or the trace is
   * incomplete (what --strict exits 4 on).
   */
  public boolean containedSomething() {
    return pidsLimitHit
        || (observed && !traceComplete)
        || findings.stream().anyMatch(Finding::flagged);
  }
}
