package io.containercodes.lab.audit;

import static io.containercodes.lab.audit.AuditFixtures.config;
import static io.containercodes.lab.audit.AuditFixtures.hardened;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: on rootless Podman on cgroup v1 the audit said "fix: --memory 512m" to a line that sets
 * one. Where limits do not act, the limit rules are skipped with the host's reason: never failed
 * (the line is not marked down), never passed.
 */
class HostLimitsAuditTest {
  static final String REASON =
      "rootless Podman on cgroup v1 cannot enforce limits; cgroup v2 with systemd delegation can";
  static final HostView ROOTLESS_V1 = new HostView("Podman", "4.3.1", false, false, REASON, REASON);

  static AuditReport report(HostView host, Map<String, String> probe) {
    return AuditReport.of(
        "podman run …",
        "cclab/busybox",
        host,
        new AuditSubject(probe, config(false, "none", "", List.of()), host, 1),
        false,
        Instant.EPOCH);
  }

  static RuleResult rule(AuditReport r, String id) {
    return r.results().stream().filter(x -> x.rule().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aLineWithLimitsOnAnEngineWhereNoneActIsNeitherFailedNorPassed() {
    // what the probe reads there: the line's --memory and --pids-limit never reached a cgroup
    Map<String, String> probe = hardened();
    probe.put("memory_max", "9223372036854771712");
    probe.put("pids_max", "max");
    probe.put("cpu_max", "-1 100000");
    AuditReport onRootless = report(ROOTLESS_V1, probe);
    for (String id : List.of("memory-limit", "pids-limit", "cpu-limit")) {
      RuleResult r = rule(onRootless, id);
      assertTrue(r.skipped(), id + ": " + r);
      assertTrue(r.verdict().evidence().contains(REASON), r.verdict().evidence());
      assertTrue(r.verdict().evidence().contains("not the line's"), r.verdict().evidence());
    }
    // the same probe on an engine where limits act: the rules judge it, and fail it
    AuditReport onRoot = report(AuditFixtures.HOST, probe);
    for (String id : List.of("memory-limit", "pids-limit", "cpu-limit")) {
      assertFalse(rule(onRoot, id).passed(), id);
      assertFalse(rule(onRoot, id).skipped(), id);
    }
    assertTrue(onRootless.score() > onRoot.score(), "the host's fault costs no points");
  }

  @Test
  void onlyTheCpuRuleIsSkippedWhereOnlyCpuDoesNotAct() {
    HostView v2 = new HostView("Podman", "5.4.0", false, false, null, "no cpu controller");
    AuditReport r = report(v2, hardened());
    assertTrue(rule(r, "cpu-limit").skipped());
    assertEquals(false, rule(r, "memory-limit").skipped());
  }

  /**
   * The score says which rules the host left unjudged, apart from the line's findings; an engine
   * where limits act names none of the limit rules there.
   */
  @Test
  void theScorecardNamesTheRulesTheHostLeftUnjudged() {
    Map<String, String> probe = hardened();
    AuditReport onRootless = report(ROOTLESS_V1, probe);
    assertEquals(
        List.of("memory-limit", "cpu-limit", "pids-limit", "mac-profile"),
        onRootless.hostSkipped().stream().map(r -> r.rule().id()).toList());
    String table = AuditFormats.table(onRootless, io.containercodes.lab.render.Style.PLAIN);
    assertTrue(
        table.contains(
            "Not judged on this host (the host's limitation, not the line's; the score counts only"
                + " what it could judge): memory-limit, cpu-limit, pids-limit"),
        table);
    assertTrue(AuditFormats.markdown(onRootless).contains("Not judged on this host"));
    assertTrue(AuditFormats.json(onRootless).contains("\"byHost\" : true"));
    AuditReport onRoot = report(AuditFixtures.HOST, probe);
    assertFalse(
        onRoot.hostSkippedSentence().contains("memory-limit"), onRoot.hostSkippedSentence());
    // a skip that is the line's own (no canary could be placed) is not the host's
    probe.put("net_ifaces", "eth0 lo");
    probe.put("canary", "");
    assertFalse(rule(report(ROOTLESS_V1, probe), "network-egress").skippedByHost());
  }
}
