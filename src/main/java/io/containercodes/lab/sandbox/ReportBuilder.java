package io.containercodes.lab.sandbox;

import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.OomVerdict;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.sandbox.SandboxReport.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts a run's report together from the engine's outcome and the trace's observation. */
final class ReportBuilder {
  private ReportBuilder() {}

  static SandboxReport build(
      String name,
      String image,
      SandboxOptions o,
      SandboxRun run,
      TraceAnalysis.Observation seen,
      String notObserved) {
    String tracerEnded = tracerEndedFirst(run, seen);
    Outcome outcome = notOom(run.outcome(), tracerEnded, seen);
    List<Finding> findings = new ArrayList<>(seen == null ? List.of() : seen.findings());
    findings.addAll(limitsHit(o, outcome));
    boolean pidsHit = pidsHit(o, outcome, seen, findings);
    List<String> left = seen == null ? List.of() : seen.filesLeft();
    String incomplete = incomplete(seen, tracerEnded);
    String verdict =
        SandboxVerdict.of(
            new SandboxVerdict.Facts(
                o,
                outcome,
                pidsHit,
                findings,
                left,
                seen != null,
                notObserved,
                incomplete,
                tracerEnded));
    Map<String, Long> written = seen == null ? Map.of() : new LinkedHashMap<>(seen.scratchWrites());
    return new SandboxReport(
        name,
        image,
        outcome,
        pidsHit,
        seen != null,
        notObserved,
        seen != null && incomplete.isEmpty(),
        incomplete,
        left,
        written,
        outcome.changes(),
        seen == null ? List.of() : seen.workspaceLinks(),
        run.requests(),
        findings,
        seen == null ? 0 : seen.peakProcesses(),
        o.relaxations(),
        verdict);
  }

  /**
   * How the tracer ended before the program did, or null: the sidecar was killed, ran out of memory
   * or stopped with an error while the program's exit is not in the trace. The kernel then killed
   * the program with it (the tracer is its PID namespace's init).
   */
  static String tracerEndedFirst(SandboxRun run, TraceAnalysis.Observation seen) {
    if (run.ending() == null || seen == null || run.trace().rootEnded()) {
      return null;
    }
    if (run.outcome() != null && run.outcome().timedOut()) {
      return null;
    }
    var exit = run.ending().exit();
    if (exit.oomKilled()) {
      return "its tracer ran out of memory";
    } else if (exit.exitCode() == 137) {
      return "its tracer was killed";
    } else if (exit.exitCode() == 153 || exit.exitCode() == 128 + 25) {
      return "its tracer reached its file-size limit";
    }
    String said = run.ending().complaint();
    return "its tracer stopped (exit "
        + exit.exitCode()
        + (said.isEmpty() ? "" : ": " + said)
        + ")";
  }

  private static String incomplete(TraceAnalysis.Observation seen, String tracerEnded) {
    if (seen == null) {
      return "";
    }
    if (tracerEnded != null) {
      return "the tracer ended before the program: " + tracerEnded;
    }
    return seen.incomplete();
  }

  /**
   * A SIGKILL that no record calls an OOM kill (exit 137 alone never is one, see OomVerdict): the
   * trace can say who sent it — the tracer's end, or the program itself. An OOM kill the engine or
   * the cgroup recorded stands.
   */
  private static Outcome notOom(
      Outcome outcome, String tracerEnded, TraceAnalysis.Observation seen) {
    OomVerdict.Cause cause = outcome.oom().cause();
    if (cause != OomVerdict.Cause.SIGKILL_UNKNOWN && cause != OomVerdict.Cause.SIGKILL_NOT_OOM) {
      return outcome;
    }
    if (tracerEnded != null) {
      return outcome.withOom(
          new OomVerdict.Verdict(
              OomVerdict.Cause.SIGKILL_NOT_OOM,
              "killed by SIGKILL (exit 137): the kernel ended the sandbox's processes when "
                  + tracerEnded.replace("its tracer", "their tracer")));
    }
    if (seen != null && seen.killedItself()) {
      return outcome.withOom(
          new OomVerdict.Verdict(
              OomVerdict.Cause.SIGKILL_NOT_OOM,
              "killed by SIGKILL (exit 137): the trace shows it sending SIGKILL to itself"));
    }
    return outcome;
  }

  /** The memory and time limits the run hit, as findings at its end. */
  private static List<Finding> limitsHit(SandboxOptions o, Outcome outcome) {
    Findings hit = new Findings(0, null);
    long endMs = outcome.duration().toMillis();
    if (outcome.oomKilled()) {
      hit.addLimit(
          Rule.MEMORY_LIMIT,
          "memory",
          "more than " + Bytes.human(o.memoryBytes()),
          "--memory",
          endMs,
          outcome.oomEvidence());
    }
    if (outcome.timedOut()) {
      hit.addLimit(
          Rule.TIME_LIMIT,
          "time",
          "longer than " + o.timeout().toSeconds() + " s",
          "--timeout",
          endMs,
          "still running at the timeout: the sandbox killed it");
    }
    return hit.all();
  }

  private static boolean pidsHit(
      SandboxOptions o, Outcome outcome, TraceAnalysis.Observation seen, List<Finding> findings) {
    return findings.stream().anyMatch(a -> a.kind().equals("fork") && "EAGAIN".equals(a.errno()))
        || outcome.usage().peakPids().stream().anyMatch(peak -> peak >= o.pids())
        || (seen != null && seen.peakProcesses() >= o.pids());
  }
}
