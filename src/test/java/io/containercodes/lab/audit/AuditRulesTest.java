package io.containercodes.lab.audit;

import static io.containercodes.lab.audit.AuditFixtures.config;
import static io.containercodes.lab.audit.AuditFixtures.defaults;
import static io.containercodes.lab.audit.AuditFixtures.hardened;
import static io.containercodes.lab.audit.AuditFixtures.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.ContainerFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuditRulesTest {
  private static AuditReport report(Map<String, String> probe, ContainerFacts config) {
    return AuditReport.of("podman run …", "cclab/busybox", AuditFixtures.HOST, subject(probe, config), false, Instant.EPOCH);
  }

  private static Set<String> failed(AuditReport r) {
    return r.findings().stream().map(f -> f.rule().id()).collect(Collectors.toSet());
  }

  @Test
  void weightsAddUpToOneHundredAndIdsAreUnique() {
    assertEquals(100, AuditRules.all().stream().mapToInt(Rule::weight).sum());
    assertEquals(AuditRules.all().size(), AuditRules.all().stream().map(Rule::id).distinct().count());
  }

  @Test
  void theHardenedLineScoresHighWithNoHighFinding() {
    AuditReport r = report(hardened(), config(false, "none", "", List.of()));
    assertEquals(Set.of("root-is-host-root", "cpu-limit"), failed(r));
    assertEquals(0, r.count(Severity.HIGH));
    assertTrue(r.score() >= 90, "score " + r.score());
  }

  @Test
  void plainDefaultsNameEachMissingProtection() {
    AuditReport r = report(defaults(), config());
    assertEquals(Set.of("capabilities-not-dropped", "no-new-privileges", "root-is-host-root", "root-writable",
        "tmp-executable", "memory-limit", "cpu-limit", "pids-limit", "network-egress"), failed(r));
    assertTrue(r.score() < report(hardened(), config(false, "none", "", List.of())).score() - 25);
  }

  @Test
  void skippedRulesLeaveTheScoreAlone() {
    AuditReport r = report(hardened(), config(false, "none", "", List.of()));
    RuleResult mac = r.results().stream().filter(x -> x.rule().id().equals("mac-profile")).findFirst().orElseThrow();
    assertTrue(mac.skipped(), "no AppArmor or SELinux on the fixture host");
    int evaluated = r.results().stream().filter(x -> !x.skipped()).mapToInt(x -> x.rule().weight()).sum();
    int passed = r.results().stream().filter(RuleResult::passed).mapToInt(x -> x.rule().weight()).sum();
    assertEquals(passed * 100 / evaluated, r.score());
  }

  @Test
  void privilegedIsCaughtFromInsideAndFromInspect() {
    Map<String, String> p = defaults();
    p.put("cap_eff", "000001fffeffffff");
    p.put("cap_bnd", "000001fffeffffff");
    p.put("seccomp", "0");
    p.put("proc_sys_writable", "1");
    p.put("devices", "full kmsg loop0 null sda tty urandom zero");
    AuditReport r = report(p, config(true, "bridge", "", List.of()));
    assertTrue(failed(r).containsAll(Set.of("privileged", "dangerous-capabilities", "seccomp-disabled",
        "kernel-settings-writable", "host-devices")), failed(r).toString());
    assertTrue(r.count(Severity.HIGH) >= 5);
  }

  @Test
  void oneAddedCapabilityIsNamed() {
    Map<String, String> p = defaults();
    p.put("cap_eff", "00000000a82425fb"); // the default set plus SYS_ADMIN (bit 21)
    p.put("cap_bnd", "00000000a82425fb");
    RuleResult r = report(p, config()).findings().get(0);
    assertEquals("dangerous-capabilities", r.rule().id());
    assertEquals("reachable: SYS_ADMIN", r.verdict().evidence());
  }

  @Test
  void anOrdinaryUserWithNoNewPrivilegesCannotReachTheBoundingSet() {
    Map<String, String> p = defaults();
    p.put("uid", "1000");
    p.put("cap_eff", "0000000000000000");
    p.put("no_new_privs", "1");
    assertFalse(failed(report(p, config())).contains("capabilities-not-dropped"));
    p.put("no_new_privs", "0"); // a setuid-root binary would hand it the bounding set
    assertTrue(failed(report(p, config())).contains("capabilities-not-dropped"));
  }

  @Test
  void engineSocketsAndSensitiveDirectoriesComeFromInspectToo() {
    List<ContainerFacts.Mount> mounts = List.of(
        new ContainerFacts.Mount("/run/podman/podman.sock", "/var/run/docker.sock", true, ""),
        new ContainerFacts.Mount("/var/run/", "/hostrun", false, ""),
        new ContainerFacts.Mount("/home/ann/project", "/workspace", true, ""),
        new ContainerFacts.Mount("/tmp/cclab-audit-1", AuditKit.MOUNT, false, ""));
    Map<String, String> p = defaults();
    p.put("sockets", "/var/run/docker.sock");
    AuditReport r = report(p, config(false, "bridge", "", mounts));
    RuleResult socket = r.results().stream().filter(x -> x.rule().id().equals("engine-socket")).findFirst().orElseThrow();
    assertEquals("engine socket at /var/run/docker.sock (from /run/podman/podman.sock)", socket.verdict().evidence());
    RuleResult dirs = r.results().stream().filter(x -> x.rule().id().equals("sensitive-host-mounts")).findFirst().orElseThrow();
    assertEquals("mounted: /var/run/ at /hostrun (read-only)", dirs.verdict().evidence());
  }

  @Test
  void hostNamespacesComeFromTheEngine() {
    AuditReport r = report(defaults(), config(false, "host", "host", List.of()));
    assertTrue(failed(r).containsAll(Set.of("host-network", "host-pid")));
    assertFalse(failed(r).contains("host-ipc"));
  }

  @Test
  void aLimitThatDidNotActFailsInLiveMode() {
    Map<String, String> p = hardened();
    p.put("live_memory", "not-stopped: 570425344 bytes were allocated");
    p.put("live_pids", "stopped: 126 of 136 processes started");
    Set<String> f = failed(report(p, config(false, "none", "", List.of())));
    assertTrue(f.contains("memory-limit"));
    assertFalse(f.contains("pids-limit"));
  }

  @Test
  void syscallsAllowedUnderAFilterAreReportedButNotScored() {
    Map<String, String> p = hardened();
    p.put("sys_unshare", "allowed");
    p.put("sys_keyctl", "allowed");
    AuditReport with = report(p, config(false, "none", "", List.of()));
    assertTrue(failed(with).contains("syscall-surface"));
    assertEquals(report(hardened(), config(false, "none", "", List.of())).score(), with.score());
  }

  @Test
  void capabilityMasksDecodeToKernelNames() {
    assertEquals(List.of("SETGID", "SETUID"), CapabilitySet.decode("00000000000000c0"));
    assertEquals(List.of(), CapabilitySet.decode("0000000000000000"));
  }
}
