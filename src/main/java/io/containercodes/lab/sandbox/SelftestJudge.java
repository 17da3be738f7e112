package io.containercodes.lab.sandbox;

import java.util.ArrayList;
import java.util.List;

/** What a report on a selftest sample should have said and did not. */
final class SelftestJudge {
  private SelftestJudge() {}

  static List<String> misses(SelftestSample s, SandboxReport r) {
    List<String> misses = new ArrayList<>();
    if (!r.observed()) {
      misses.add("not observed: " + r.notObserved());
      return misses;
    }
    for (SelftestSample.Expectation e : s.expected()) {
      if (!e.metBy(r.findings())) {
        misses.add("missed: " + e);
      }
    }
    if (s.quiet()) {
      r.findings().stream()
          .filter(SandboxReport.Finding::flagged)
          .forEach(f -> misses.add("false finding: " + f.rule() + " @ " + f.target()));
    }
    if (s.complete() && !r.traceComplete()) {
      misses.add("trace incomplete: " + r.incomplete());
    }
    files(s, r, misses);
    for (String text : s.verdictNot()) {
      if (r.verdict().contains(text)) {
        misses.add("the verdict says \"" + text + "\": " + r.verdict());
      }
    }
    return misses;
  }

  private static void files(SelftestSample s, SandboxReport r, List<String> misses) {
    for (String p : s.left()) {
      if (r.filesLeft().stream().noneMatch(f -> f.equals(p) || f.startsWith(p + " -> "))) {
        misses.add("not listed as left: " + p + " (listed: " + r.filesLeft() + ")");
      }
    }
    for (String p : s.notLeft()) {
      if (r.filesLeft().stream().anyMatch(f -> f.equals(p) || f.startsWith(p + " -> "))) {
        misses.add("listed as left, but it made no such file: " + p);
      }
    }
    for (String p : s.workspaceLinks()) {
      if (r.workspaceLinks().stream().noneMatch(l -> l.startsWith(p + " -> "))) {
        misses.add("not reported as a link left in the workspace: " + p);
      }
    }
  }
}
