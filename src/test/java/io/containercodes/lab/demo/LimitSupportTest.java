package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.check.HostFeature;
import io.containercodes.lab.engine.EngineEndpoint;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.EngineFacts.Topic;
import io.containercodes.lab.engine.EngineKind;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.Fact.Answer;
import io.containercodes.lab.engine.LimitSupport;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitSupportTest {
  /** Facts as the engine package reads them; {@code controllers} null for Docker. */
  static EngineFacts facts(
      EngineKind kind, Fact rootless, String cgroup, Map<Topic, Fact> limits, List<String> ctl) {
    Map<Topic, Fact> all = new EnumMap<>(Topic.class);
    all.put(Topic.ROOTLESS, rootless);
    all.put(Topic.SECCOMP, Fact.yes("test", ""));
    all.putAll(limits);
    return new EngineFacts(
        kind,
        "4.3.1",
        "1.41",
        new EngineEndpoint(URI.create("unix:///x.sock"), "test"),
        all,
        cgroup,
        "cgroupfs",
        ctl,
        "runc",
        "debian 12",
        "6.1",
        null,
        null);
  }

  static Map<Topic, Fact> limits(boolean memory, boolean pids, boolean cpu) {
    String src = "GET /libpod/info host.cgroupControllers";
    return Map.of(
        Topic.MEMORY_LIMIT, Fact.of(memory, src, ""),
        Topic.PIDS_LIMIT, Fact.of(pids, src, ""),
        Topic.CPU_LIMIT, Fact.of(cpu, src, ""));
  }

  @Test
  void aRootfulEngineWithItsControllersEnforcesEverything() {
    LimitSupport l =
        LimitSupport.of(
            facts(EngineKind.PODMAN, Fact.no("t", ""), "1", limits(true, true, true), List.of()));
    assertTrue(l.limits().acts());
    assertTrue(l.cpu().acts());
    assertEquals("", l.fix());
  }

  @Test
  void rootlessPodmanOnCgroupV1SaysWhyAndWhatWouldLiftIt() {
    LimitSupport l =
        LimitSupport.of(
            facts(
                EngineKind.PODMAN, Fact.yes("t", ""), "1", limits(false, false, false), List.of()));
    assertFalse(l.limits().acts());
    assertFalse(l.cpu().acts());
    assertEquals(
        "rootless Podman on cgroup v1 cannot enforce limits; cgroup v2 with systemd delegation can",
        l.limits().reason());
    assertTrue(l.fix().contains("cgroup v2"), l.fix());
  }

  @Test
  void rootlessOnCgroupV2NeedsTheCpuControllerDelegated() {
    LimitSupport l =
        LimitSupport.of(
            facts(
                EngineKind.PODMAN,
                Fact.yes("t", ""),
                "2",
                limits(true, true, false),
                List.of("memory", "pids")));
    assertTrue(l.limits().acts());
    assertFalse(l.cpu().acts());
    assertTrue(l.cpu().reason().contains("delegated to its user [memory, pids]"), l.cpu().reason());
    assertTrue(l.fix().contains("Delegate="), l.fix());
  }

  @Test
  void unknownIsNeverShownAsActing() {
    Map<Topic, Fact> unknown =
        Map.of(
            Topic.MEMORY_LIMIT, Fact.unknown("GET /libpod/info did not answer"),
            Topic.PIDS_LIMIT, Fact.yes("t", ""),
            Topic.CPU_LIMIT, Fact.unknown("GET /libpod/info did not answer"));
    LimitSupport l =
        LimitSupport.of(facts(EngineKind.PODMAN, Fact.unknown("x"), null, unknown, null));
    assertEquals(Answer.UNKNOWN, l.limits().answer());
    assertFalse(l.limits().acts());
    assertTrue(l.limits().reason().contains("unknown (GET /libpod/info did not answer)"));
    HostFeatures features =
        HostFeatures.of(facts(EngineKind.PODMAN, Fact.unknown("x"), null, unknown, null));
    assertFalse(features.names().contains(HostFeature.LIMITS));
    assertEquals(l.limits().reason(), features.whyNot(HostFeature.LIMITS));
  }

  @Test
  void theDemosFeaturesCarryTheHostsReason() {
    HostFeatures f =
        HostFeatures.of(
            facts(
                EngineKind.PODMAN, Fact.yes("t", ""), "1", limits(false, false, false), List.of()));
    assertTrue(f.names().containsAll(List.of(HostFeature.SECCOMP, HostFeature.PODMAN)));
    assertFalse(f.names().contains(HostFeature.LIMITS));
    assertEquals(
        "rootless Podman on cgroup v1 cannot enforce limits; cgroup v2 with systemd delegation can",
        f.whyNot(HostFeature.LIMITS));
    assertTrue(f.whyNot(HostFeature.APPARMOR).contains("unknown"), f.whyNot(HostFeature.APPARMOR));
    assertTrue(f.whyNot(HostFeature.DOCKER).contains("other engine"));
    assertEquals(null, f.whyNot(HostFeature.SECCOMP));
  }
}
