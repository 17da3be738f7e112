package io.containercodes.lab.cli;

import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.LimitSupport;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.sandbox.SandboxReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sandbox's report for a terminal. Everything from the script (paths, argv, names it looked up,
 * the calls quoted as evidence) is hostile text: each goes through {@link #safe}, one line each, so
 * it cannot forge report lines.
 */
final class SandboxReportText {
  private SandboxReportText() {}

  /**
   * @param limits whether the engine's memory and process limits act, as measured: where they do
   *     not, the engine's memory figure is not the container's and is left out (issue 23)
   */
  static void print(SandboxReport r, LimitSupport limits, PrintWriter out) {
    out.println();
    out.println("── sandbox report: " + safe(r.file()) + " in " + safe(r.image()) + " ──");
    resources(r, limits, out);
    files(r, out);
    if (!r.canaryRequests().isEmpty()) {
      out.printf(
          "  canary        %d request(s): %s%n",
          r.canaryRequests().size(), safe(String.join(", ", r.canaryRequests())));
    }
    if (!r.observed()) {
      out.println("  observed      not observed: " + safe(r.notObserved()));
    } else if (!r.traceComplete()) {
      out.println("  trace         INCOMPLETE: " + safe(r.incomplete()));
    }
    findings(r, out);
    r.relaxations().forEach(x -> out.println("  relaxed       " + x));
    out.println("  verdict       " + safe(r.verdict()));
  }

  private static void resources(SandboxReport r, LimitSupport limits, PrintWriter out) {
    Outcome o = r.outcome();
    out.printf(
        "  exit status   %d%s%n",
        o.exitCode(),
        o.timedOut()
            ? " (killed at the timeout)"
            : o.oomKilled() ? " (killed: out of memory)" : "");
    out.printf(
        "  time          %.2f s%s%n",
        o.duration().toMillis() / 1000.0,
        o.usage().cpuNanos().isEmpty()
            ? ""
            : String.format(Locale.ROOT, ", CPU %.2f s", o.usage().cpuNanos().getAsLong() / 1e9));
    out.printf(
        "  memory        %s%n",
        !limits.limits().acts()
            ? "not measured, and the sandbox's memory and process limits did not act: "
                + limits.limits().reason()
            : o.usage().peakMemoryBytes().isEmpty()
                ? "no sample (it ended within a second)"
                : "highest sample "
                    + Bytes.human(o.usage().peakMemoryBytes().getAsLong())
                    + " of "
                    + Bytes.human(o.usage().memoryLimitBytes().getAsLong()));
    if (r.observed() && r.peakProcesses() > 0) {
      out.printf("  processes     at most %d at once%n", r.peakProcesses());
    } else if (o.usage().peakPids().isPresent()) {
      out.printf("  processes     at most %d seen%n", o.usage().peakPids().getAsLong());
    }
  }

  /** What it left in scratch space (from the trace), the root layer and the workspace. */
  private static void files(SandboxReport r, PrintWriter out) {
    List<String> files = new ArrayList<>();
    for (String f : r.filesLeft()) {
      Long n = r.scratchWrites().get(f);
      files.add(safe(f) + (n == null || n == 0 ? "" : " (" + Bytes.human(n) + ")"));
    }
    long total = r.scratchWrites().values().stream().mapToLong(Long::longValue).sum();
    String more =
        files.size() <= 6
            ? ""
            : ", and " + (files.size() - 6) + " more (" + Bytes.human(total) + " written in all)";
    out.printf(
        "  scratch       %s%n",
        files.isEmpty()
            ? (r.observed() ? "nothing left" : "not observed")
            : String.join(", ", files.subList(0, Math.min(6, files.size())))
                + more
                + " — gone now");
    if (!r.rootChanges().isEmpty()) {
      out.printf("  root changes  %s%n", safe(String.join(", ", r.rootChanges())));
    }
    for (String link : r.workspaceLinks()) {
      out.println("  LEFT A LINK   " + safe(link) + " (in your workspace: it points out of it)");
    }
  }

  private static void findings(SandboxReport r, PrintWriter out) {
    if (r.findings().isEmpty()) {
      return;
    }
    out.println("  it tried:");
    for (SandboxReport.Finding f : r.findings()) {
      out.printf(
          "    • %-9s %s%s — %s, first at %s%n",
          f.kind(),
          safe(f.target()),
          f.count() > 1 ? " ×" + f.count() : "",
          result(f),
          millis(f.firstMs()));
      if (f.flagged()) {
        out.printf(
            "        rule: %s (%s, MITRE ATT&CK %s)%n", f.rule(), f.priority(), f.technique());
      }
      for (String e : f.evidence()) {
        if (f.flagged()) {
          out.println(call(e));
        }
      }
    }
  }

  /**
   * A call quoted as evidence, as strace printed it: strace already escaped the script's strings
   * ({@code -x}: a newline is {@code \n}, a backslash {@code \\}), so only what a terminal would
   * act on is escaped again; doubling the backslashes, as {@link #safe} does for decoded paths,
   * would misquote the trace.
   */
  static String call(String evidence) {
    return "        call: " + SafeText.escapeLine(evidence);
  }

  private static String result(SandboxReport.Finding f) {
    if (f.blocked()) {
      return "blocked"
          + (f.errno() == null ? "" : " " + f.errno())
          + (f.protection().isEmpty() ? "" : " by " + f.protection());
    }
    if (f.gotThrough()) {
      return "GOT THROUGH"
          + (f.protection().isEmpty() ? "" : " (" + f.protection() + ")")
          + (f.wouldStop().isEmpty() ? "" : "; would stop it: " + f.wouldStop());
    }
    return f.result();
  }

  /**
   * One line of hostile text: control characters escaped, and newlines and tabs too, so it cannot
   * forge report lines.
   */
  static String safe(String s) {
    return SafeText.escape(
        s == null ? "" : s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t"));
  }

  private static String millis(long ms) {
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
  }
}
