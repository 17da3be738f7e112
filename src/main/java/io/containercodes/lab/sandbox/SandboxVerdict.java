package io.containercodes.lab.sandbox;

import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.sandbox.SandboxReport.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's one-sentence verdict: how the run ended, what it tried, and what is unknown. */
final class SandboxVerdict {
  /** Each family the summary counts, with its noun in the singular and the plural. */
  private static final Map<String, String[]> NOUNS = nouns();

  private SandboxVerdict() {}

  private static Map<String, String[]> nouns() {
    Map<String, String[]> n = new LinkedHashMap<>();
    n.put("write", new String[] {"write outside scratch space", "writes outside scratch space"});
    n.put("read", new String[] {"read of a place secrets live", "reads of places secrets live"});
    n.put(
        "link",
        new String[] {
          "link to a secret or out of its space", "links to secrets or out" + " of its space"
        });
    n.put("network", new String[] {"network attempt", "network attempts"});
    n.put("dns", new String[] {"DNS lookup", "DNS lookups"});
    n.put("exec", new String[] {"program run a detector flags", "programs run a detector flags"});
    n.put("privilege", new String[] {"privileged call", "privileged calls"});
    n.put("fork", new String[] {"process start over the limit", "process starts over the limit"});
    n.put("tracer", new String[] {"attempt on the tracer", "attempts on the tracer"});
    return Collections.unmodifiableMap(n);
  }

  /** What the run's facts say, in one sentence. */
  record Facts(
      SandboxOptions options,
      Outcome outcome,
      boolean pidsHit,
      List<Finding> findings,
      List<String> filesLeft,
      boolean observed,
      String notObserved,
      String incomplete,
      String tracerEnded) {}

  static String of(Facts f) {
    String left =
        f.filesLeft().isEmpty()
            ? ""
            : "; it left " + f.filesLeft().size() + " file(s) in scratch space, gone now";
    if (!f.observed()) {
      return ending(f)
          + "; not observed: "
          + f.notObserved()
          + " — what it tried is unknown"
          + left
          + ".";
    }
    String hole =
        f.incomplete().isEmpty() || f.outcome().timedOut() || f.outcome().oomKilled()
            ? ""
            : "; the trace is incomplete (" + f.incomplete() + "), so it may have tried more";
    return ending(f) + "; " + tried(f.findings()) + left + hole + ".";
  }

  /** How the run ended: stopped by a limit, contained, cut short with its tracer, or done. */
  private static String ending(Facts f) {
    Outcome o = f.outcome();
    SandboxOptions opts = f.options();
    if (o.timedOut()) {
      return "Stopped: it was still running after "
          + opts.timeout().toSeconds()
          + " s, and the sandbox killed it";
    } else if (o.oomKilled()) {
      return "Stopped: it tried to use more than "
          + Bytes.human(opts.memoryBytes())
          + " of memory and was killed";
    } else if (f.pidsHit()) {
      return "Contained: it hit the limit of "
          + opts.pids()
          + " processes (exit "
          + o.exitCode()
          + ")";
    } else if (f.tracerEnded() != null) {
      return "Ended with its tracer (" + f.tracerEnded() + "; exit " + o.exitCode() + ")";
    }
    return "Ran to the end (exit " + o.exitCode() + ")";
  }

  /** "tried 3 writes outside scratch space, 1 DNS lookup — all blocked", from the findings. */
  static String tried(List<Finding> findings) {
    List<String> parts = counts(findings);
    String ran = otherPrograms(findings);
    if (parts.isEmpty()) {
      boolean killed =
          findings.stream().anyMatch(a -> a.kind().equals("memory") || a.kind().equals("time"));
      return "it tried nothing " + (killed ? "else " : "") + "the sandbox had to stop" + ran;
    }
    return "it tried " + String.join(", ", parts) + howItWent(findings) + ran;
  }

  /** "3 writes outside scratch space" for each family tried, in {@link #NOUNS}' order. */
  private static List<String> counts(List<Finding> findings) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String[]> n : NOUNS.entrySet()) {
      List<Finding> of =
          findings.stream().filter(a -> a.flagged() && a.kind().equals(n.getKey())).toList();
      long count =
          n.getKey().equals("fork")
              ? of.stream().mapToLong(Finding::count).sum()
              : of.stream().map(Finding::target).distinct().count();
      if (count > 0) {
        parts.add(count + " " + n.getValue()[count == 1 ? 0 : 1]);
      }
    }
    return parts;
  }

  /** "; it ran 2 other programs", or nothing. */
  private static String otherPrograms(List<Finding> findings) {
    long programs =
        findings.stream()
            .filter(a -> a.kind().equals("exec") && a.result().equals("ran"))
            .map(Finding::target)
            .distinct()
            .count();
    return programs == 0
        ? ""
        : "; it ran " + programs + (programs == 1 ? " other program" : " other programs");
  }

  /** " — all blocked", " — 2 got through: a, b", or nothing when some were neither. */
  private static String howItWent(List<Finding> findings) {
    List<String> through =
        findings.stream()
            .filter(a -> a.flagged() && a.gotThrough())
            .map(Finding::target)
            .distinct()
            .toList();
    boolean allBlocked =
        findings.stream()
            .filter(a -> a.flagged() && NOUNS.containsKey(a.kind()))
            .allMatch(Finding::blocked);
    return through.isEmpty()
        ? (allBlocked ? " — all blocked" : "")
        : " — "
            + through.size()
            + " got through: "
            + String.join(", ", through.subList(0, Math.min(3, through.size())))
            + (through.size() > 3 ? ", …" : "");
  }
}
