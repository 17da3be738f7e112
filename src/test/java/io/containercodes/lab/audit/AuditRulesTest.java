package io.containercodes.lab.audit;

import static io.containercodes.lab.audit.AuditFixtures.config;
import static io.containercodes.lab.audit.AuditFixtures.defaults;
import static io.containercodes.lab.audit.AuditFixtures.hardened;
import static io.containercodes.lab.audit.AuditFixtures.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.ContainerFacts;
import io.containercodes.lab.engine.RunSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuditRulesTest {
  private static AuditReport report(Map<String, String> probe, ContainerFacts config) {
    return AuditReport.of(
        "podman run …",
        "cclab/busybox",
        AuditFixtures.HOST,
        subject(probe, config),
        false,
        Instant.EPOCH);
  }

  private static Set<String> failed(AuditReport r) {
    return r.findings().stream().map(f -> f.rule().id()).collect(Collectors.toSet());
  }

  @Test
  void weightsAddUpToOneHundredAndIdsAreUnique() {
    assertEquals(100, AuditRules.all().stream().mapToInt(Rule::weight).sum());
    assertEquals(
        AuditRules.all().size(), AuditRules.all().stream().map(Rule::id).distinct().count());
  }

  @Test
  void theHardenedLineScoresHighWithNoHighFinding() {
    AuditReport r = report(hardened(), config(false, "none", "", List.of()));
    // userns-remap and cpu-priority weigh 0: a rootful engine's container is in the host's user
    // namespace (a daemon setting, CIS 2.9)
    assertEquals(
        Set.of("root-is-host-root", "cpu-limit", "userns-remap", "cpu-priority"), failed(r));
    assertEquals(0, r.count(Severity.HIGH));
    assertTrue(r.score() >= 90, "score " + r.score());
  }

  @Test
  void plainDefaultsNameEachMissingProtection() {
    AuditReport r = report(defaults(), config());
    assertEquals(
        Set.of(
            "capabilities-not-dropped",
            "no-new-privileges",
            "root-is-host-root",
            "root-writable",
            "tmp-executable",
            "memory-limit",
            "cpu-limit",
            "pids-limit",
            "network-egress",
            "userns-remap",
            "cpu-priority",
            "default-bridge"),
        failed(r));
    assertTrue(r.score() < report(hardened(), config(false, "none", "", List.of())).score() - 25);
  }

  @Test
  void skippedRulesLeaveTheScoreAlone() {
    AuditReport r = report(hardened(), config(false, "none", "", List.of()));
    RuleResult mac =
        r.results().stream()
            .filter(x -> x.rule().id().equals("mac-profile"))
            .findFirst()
            .orElseThrow();
    assertTrue(mac.skipped(), "no AppArmor or SELinux on the fixture host");
    int evaluated =
        r.results().stream().filter(x -> !x.skipped()).mapToInt(x -> x.rule().weight()).sum();
    int passed =
        r.results().stream().filter(RuleResult::passed).mapToInt(x -> x.rule().weight()).sum();
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
    assertTrue(
        failed(r)
            .containsAll(
                Set.of(
                    "privileged",
                    "dangerous-capabilities",
                    "seccomp-disabled",
                    "kernel-settings-writable",
                    "host-devices")),
        failed(r).toString());
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
    List<ContainerFacts.Mount> mounts =
        List.of(
            new ContainerFacts.Mount("/run/podman/podman.sock", "/var/run/docker.sock", true, ""),
            new ContainerFacts.Mount("/var/run/", "/hostrun", false, ""),
            new ContainerFacts.Mount("/home/ann/project", "/workspace", true, ""),
            new ContainerFacts.Mount("/tmp/cclab-audit-1", AuditKit.MOUNT, false, ""));
    Map<String, String> p = defaults();
    p.put("sockets", "/var/run/docker.sock");
    AuditReport r = report(p, config(false, "bridge", "", mounts));
    RuleResult socket =
        r.results().stream()
            .filter(x -> x.rule().id().equals("engine-socket"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "engine socket at /var/run/docker.sock (from /run/podman/podman.sock)",
        socket.verdict().evidence());
    RuleResult dirs =
        r.results().stream()
            .filter(x -> x.rule().id().equals("sensitive-host-mounts"))
            .findFirst()
            .orElseThrow();
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
  void theLiveTestsWordsAfterNotStoppedAreQuotedWhole() {
    Map<String, String> p = hardened();
    p.put("live_memory", "not-stopped: 570425344 bytes were allocated");
    RuleResult r = result(report(p, config(false, "none", "", List.of())), "memory-limit");
    assertTrue(
        r.verdict()
            .evidence()
            .endsWith("the live test was not stopped: 570425344 bytes were allocated"),
        r.verdict().evidence());
  }

  @Test
  void anUnlimitedCpuQuotaIsReportedAsItIsNotParsedAsANumber() {
    Map<String, String> p = hardened();
    p.put("cpu_max", "max 100000");
    RuleResult r = result(report(p, config(false, "none", "", List.of())), "cpu-limit");
    assertFalse(r.passed());
    assertEquals("no CPU quota (max 100000)", r.verdict().evidence());
    p.put("cpu_max", "50000 100000");
    assertEquals(
        "CPU limit 0.50 CPUs",
        result(report(p, config(false, "none", "", List.of())), "cpu-limit").verdict().evidence());
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

  private static RuleResult result(AuditReport r, String id) {
    return r.results().stream().filter(x -> x.rule().id().equals(id)).findFirst().orElseThrow();
  }

  private static AuditReport report(
      Map<String, String> probe, ContainerFacts config, RunSpec line) {
    return AuditReport.of(
        "podman run …",
        "cclab/busybox",
        AuditFixtures.HOST,
        new AuditSubject(probe, config, AuditFixtures.HOST, null, line),
        false,
        Instant.EPOCH);
  }

  @Test
  void cisIdsAreThoseOfTheNamedEdition() {
    Map<String, String> ids =
        AuditRules.all().stream().collect(Collectors.toMap(Rule::id, Rule::cis));
    assertEquals("4.1", ids.get("root-is-host-root"), "running as root inside is 4.1");
    assertEquals("5.31", ids.get("host-userns"), "5.31 is --userns=host");
    assertEquals("2.9", ids.get("userns-remap"), "remapping is the daemon's setting, 2.9");
    assertEquals("", ids.get("kernel-settings-writable"), "no CIS recommendation covers it");
    assertEquals("", ids.get("cpu-limit"), "a CPU quota is not 5.12");
    assertEquals("5.12", ids.get("cpu-priority"));
    assertEquals(
        "",
        ids.get("syscall-surface"),
        "5.22 is a disabled profile; this note runs only under one");
    for (String cis :
        List.of("5.3", "5.7", "5.8", "5.9", "5.14", "5.15", "5.20", "5.25", "5.27", "5.30")) {
      assertTrue(ids.containsValue(cis), "docker-bench judges " + cis);
    }
    assertEquals("CIS Docker Benchmark v1.6.0", AuditRules.CIS_EDITION);
  }

  /**
   * #26, against docker-bench-security: 5.31 fails only a container that asks for the host's user
   * namespace; an engine that remaps no uids is CIS 2.9's finding, reported apart.
   */
  @Test
  void hostUserNamespaceIsTheRunOptionAndRemappingTheDaemonsSetting() {
    AuditReport rootful = report(defaults(), config());
    assertTrue(result(rootful, "host-userns").passed(), "no --userns=host in the line");
    assertTrue(result(rootful, "userns-remap").failed(), "0 0 4294967295: no remapping");
    RunSpec asked = RunSpec.builder("cclab/busybox").userns("host").build();
    assertTrue(result(report(defaults(), config(), asked), "host-userns").failed());
    Map<String, String> rootless = defaults();
    rootless.put("uid_map", "0 1000 1");
    assertTrue(result(report(rootless, config()), "userns-remap").passed());
  }

  /** CIS 5.3 is "if applicable": where the host has no SELinux, not applicable, never passed. */
  @Test
  void selinuxOptionsAreNotApplicableWithoutSelinux() {
    RuleResult none =
        result(report(hardened(), config(), RunSpec.builder("x").build()), "selinux-options");
    assertTrue(none.skipped(), none.verdict().evidence());
    assertTrue(none.verdict().evidence().contains("not applicable"));
    RunSpec disabled = RunSpec.builder("x").securityOpt("label=disable").build();
    assertTrue(result(report(hardened(), config(), disabled), "selinux-options").failed());
  }

  @Test
  void kernelSettingsThatCodeCanRemountAreNotProtected() {
    Map<String, String> p = defaults();
    p.put("cap_eff", "00000000a82425fb"); // --cap-add SYS_ADMIN
    p.put("cap_bnd", "00000000a82425fb");
    p.put("sys_mount", "allowed");
    RuleResult r = result(report(p, config()), "kernel-settings-writable");
    assertTrue(r.failed(), r.verdict().evidence());
    assertTrue(r.verdict().evidence().contains("remount"), r.verdict().evidence());
    p.put("uid_map", "0 1000 1"); // rootless: its own user namespace
    assertTrue(result(report(p, config()), "kernel-settings-writable").passed());
    p.put("uid_map", "0 0 4294967295");
    p.put("sys_mount", "denied errno=1"); // a profile that denies mount(2)
    assertTrue(result(report(p, config()), "kernel-settings-writable").passed());
  }

  @Test
  void everyWritablePlaceThatRunsProgramsCounts() {
    Map<String, String> p = hardened();
    p.put("writable", "/run /var/tmp /tmp");
    p.put(
        "writable_exec",
        "/run /var/tmp"); // Podman's --read-only tmpfs, with a noexec /tmp of the line's own
    RuleResult r = result(report(p, config(false, "none", "", List.of())), "tmp-executable");
    assertTrue(r.failed());
    assertEquals("a program written here can be run: /run /var/tmp", r.verdict().evidence());
    p.put("writable_exec", "");
    assertTrue(result(report(p, config(false, "none", "", List.of())), "tmp-executable").passed());
  }

  @Test
  void theLinesServiceSettingsAreJudged() {
    RunSpec line =
        RunSpec.builder("cclab/busybox")
            .publish(new RunSpec.Publish("", 80, 80, "tcp"))
            .publish(new RunSpec.Publish("127.0.0.1", 8080, 8080, "tcp"))
            .restartPolicy("always")
            .cgroupParent("/x")
            .securityOpt("label=disable")
            .command("/usr/sbin/sshd", "-D")
            .build();
    Map<String, String> p = hardened();
    p.put("shared_mounts", "/shared");
    Set<String> f = failed(report(p, config(false, "none", "", List.of()), line));
    assertTrue(
        f.containsAll(
            Set.of(
                "privileged-ports",
                "published-ports",
                "port-binding",
                "restart-policy",
                "cgroup-parent",
                "selinux-options",
                "sshd",
                "health-check",
                "mount-propagation")),
        f.toString());
    RunSpec quiet =
        RunSpec.builder("cclab/busybox")
            .restartPolicy("on-failure:5")
            .healthCmd("true")
            .cpuShares(512L)
            .build();
    Set<String> g = failed(report(hardened(), config(false, "none", "", List.of()), quiet));
    for (String id :
        List.of(
            "privileged-ports",
            "published-ports",
            "port-binding",
            "restart-policy",
            "cgroup-parent",
            "selinux-options",
            "sshd",
            "health-check",
            "mount-propagation",
            "cpu-priority",
            "default-bridge")) {
      assertFalse(g.contains(id), id + " in " + g);
    }
    assertEquals(
        report(hardened(), config(false, "none", "", List.of()), quiet).score(),
        report(p, config(false, "none", "", List.of()), line).score(),
        "the service rules weigh 0");
  }
}
