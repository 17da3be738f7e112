package io.containercodes.lab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.sandbox.SandboxReport;
import java.util.Comparator;

/** The sandbox's report as JSON (--json): the same facts as the text, for machines. */
final class SandboxReportJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SandboxReportJson() {}

  static String of(SandboxReport r) throws com.fasterxml.jackson.core.JsonProcessingException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(r));
  }

  static ObjectNode tree(SandboxReport r) {
    ObjectNode n = JSON.createObjectNode();
    Outcome o = r.outcome();
    n.put("file", r.file());
    n.put("image", r.image());
    n.put("exitCode", o.exitCode());
    n.put("timedOut", o.timedOut());
    n.put("oomKilled", o.oomKilled());
    n.put("pidsLimitHit", r.pidsLimitHit());
    n.put("seconds", o.duration().toMillis() / 1000.0);
    o.usage().cpuNanos().ifPresent(cpu -> n.put("cpuSeconds", cpu / 1e9));
    o.usage().peakMemoryBytes().ifPresent(peak -> n.put("peakMemoryBytes", peak));
    n.put("observed", r.observed());
    if (!r.observed()) {
      n.put("notObserved", r.notObserved());
    } else {
      n.put("traceComplete", r.traceComplete());
      if (!r.traceComplete()) {
        n.put("incomplete", r.incomplete());
      }
      n.put("peakProcesses", r.peakProcesses());
    }
    n.putPOJO("filesLeft", r.filesLeft());
    n.putPOJO("scratchWrites", r.scratchWrites());
    n.putPOJO("rootChanges", r.rootChanges());
    n.putPOJO("workspaceLinks", r.workspaceLinks());
    n.putPOJO("canaryRequests", r.canaryRequests());
    findings(n.putArray("findings"), r);
    timeline(n.putArray("timeline"), r);
    n.putPOJO("relaxations", r.relaxations());
    n.put("verdict", r.verdict());
    return n;
  }

  private static void findings(ArrayNode into, SandboxReport r) {
    for (SandboxReport.Finding f : r.findings()) {
      ObjectNode x = into.addObject();
      x.put("kind", f.kind())
          .put("rule", f.rule())
          .put("priority", f.priority())
          .put("technique", f.technique())
          .put("target", f.target())
          .put("result", f.result());
      x.put("errno", f.errno())
          .put("protection", f.protection())
          .put("wouldStop", f.wouldStop())
          .put("count", f.count())
          .put("firstMs", f.firstMs());
      x.putPOJO("evidence", f.evidence());
    }
  }

  private static void timeline(ArrayNode into, SandboxReport r) {
    r.findings().stream()
        .sorted(Comparator.comparingLong(SandboxReport.Finding::firstMs))
        .limit(20)
        .forEach(
            a ->
                into.add(
                    "+"
                        + a.firstMs()
                        + " ms "
                        + a.kind()
                        + " "
                        + a.target()
                        + ": "
                        + a.result()
                        + (a.errno() == null ? "" : " " + a.errno())));
  }
}
