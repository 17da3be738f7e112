package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's record, normalised: the same flags give the same facts on Podman 4.3 and Docker
 * 20.10, read from responses both engines really gave (src/test/resources/engine/inspect).
 */
class InspectedFactsTest {
  enum Engine {
    PODMAN,
    DOCKER
  }

  private static final Map<String, Boolean> INTERNAL =
      Map.of("evid-int", true, "bridge", false, "podman", false);

  static ContainerFacts facts(Engine engine, String name) throws IOException {
    String base =
        "/engine/inspect/" + engine.name().toLowerCase(java.util.Locale.ROOT) + "-" + name;
    InspectContainerResponse compat;
    try (InputStream in = InspectedFactsTest.class.getResourceAsStream(base + ".json")) {
      compat = EngineClients.mapper().readValue(in, InspectContainerResponse.class);
    }
    JsonNode libpod = null;
    if (engine == Engine.PODMAN) {
      try (InputStream in = InspectedFactsTest.class.getResourceAsStream(base + ".libpod.json")) {
        libpod = in == null ? null : EngineClients.mapper().readTree(in);
      }
    }
    return InspectedFacts.from(
        compat, engine == Engine.PODMAN ? EngineKind.PODMAN : EngineKind.DOCKER, libpod, INTERNAL);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aProtectedLineReadsTheSameOnBothEngines(Engine engine) throws IOException {
    ContainerFacts f = facts(engine, "protected");
    assertEquals(Optional.of(Set.of("CHOWN")), f.capabilities().boundingSet(), f.toString());
    assertEquals("lab", f.user());
    assertFalse(f.userIsRoot());
    assertTrue(f.readOnlyRoot());
    assertTrue(f.noNewPrivileges());
    assertEquals(ContainerFacts.Seccomp.Kind.DEFAULT, f.seccomp().kind());
    assertEquals("none", f.networkMode());
    assertEquals(100L << 20, f.memoryBytes());
    assertEquals(Optional.of(0L), f.swapBeyondMemory(), "--memory-swap equal to --memory");
    assertEquals(50L, f.pidsLimit());
    assertEquals(500_000_000L, f.nanoCpus());
    ContainerFacts.TmpfsMount tmp = f.tmpfsAt("/tmp").orElseThrow();
    assertTrue(tmp.writable() && tmp.noexec() && tmp.options().contains("size=8m"), tmp.toString());
    ContainerFacts.Mount bind = f.mounts().get(0);
    assertEquals("/app/x.json", bind.destination());
    assertEquals("bind", bind.type());
    assertFalse(bind.writable());
  }

  /** Podman's compat inspect keeps the line's --cap-add/--cap-drop only relative to its default. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void theCapabilityFlagsAreRecordedInEachEnginesOwnWay(Engine engine) throws IOException {
    ContainerFacts.Capabilities caps = facts(engine, "protected").capabilities();
    if (engine == Engine.DOCKER) {
      assertEquals(List.of("CHOWN"), caps.added());
      assertEquals(List.of("ALL"), caps.dropped());
    } else {
      assertEquals(List.of(), caps.added());
      assertEquals(13, caps.dropped().size(), caps.dropped().toString());
      assertFalse(caps.dropped().contains("CHOWN"));
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anUnprotectedLineKeepsTheEnginesDefaults(Engine engine) throws IOException {
    ContainerFacts f = facts(engine, "plain");
    assertEquals(LinuxCapabilities.DOCKER_DEFAULT, f.capabilities().bounding());
    assertTrue(f.userIsRoot());
    assertFalse(f.readOnlyRoot());
    assertFalse(f.noNewPrivileges());
    assertEquals("bridge", f.networkMode());
    assertEquals(1, f.networks().size());
    assertEquals(Boolean.FALSE, f.networks().get(0).internal());
    assertNull(f.memoryBytes());
    assertEquals(Optional.empty(), f.swapBeyondMemory());
    assertEquals(List.of(), f.tmpfs());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aMemoryLimitAloneLetsSwapDoubleIt(Engine engine) throws IOException {
    ContainerFacts f = facts(engine, "unconfined");
    assertEquals(64L << 20, f.memoryBytes());
    assertEquals(Optional.of(64L << 20), f.swapBeyondMemory());
    assertEquals(ContainerFacts.Seccomp.Kind.UNCONFINED, f.seccomp().kind());
    Set<String> bounding = f.capabilities().bounding();
    assertTrue(bounding.contains("SYS_PTRACE") && !bounding.contains("NET_RAW"), bounding + "");
  }

  /** Docker records -1; Podman 4.3's compat API takes it as unset and records twice the memory. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void unlimitedSwapIsUnlimitedOnlyOnDocker(Engine engine) throws IOException {
    ContainerFacts f = facts(engine, "custom");
    if (engine == Engine.DOCKER) {
      assertTrue(f.swapUnlimited());
      assertEquals(Optional.empty(), f.swapBeyondMemory());
    } else {
      assertFalse(f.swapUnlimited());
      assertEquals(Optional.of(64L << 20), f.swapBeyondMemory());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aCustomSeccompProfileIsJsonOnDockerAndAPathOnPodman(Engine engine) throws IOException {
    ContainerFacts.Seccomp s = facts(engine, "custom").seccomp();
    assertEquals(ContainerFacts.Seccomp.Kind.CUSTOM, s.kind());
    if (engine == Engine.DOCKER) {
      assertTrue(s.profileIsJson() && s.profile().contains("mkdir"), s.profile());
    } else {
      assertEquals("/tmp/evid/deny-mkdir.json", s.profile());
    }
  }

  /** Podman's compat inspect says "bridge" for a named network; the networks joined say which. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void aNamedInternalNetworkIsNamedAndInternal(Engine engine) throws IOException {
    ContainerFacts f = facts(engine, "readonly");
    assertEquals("evid-int", f.networkMode());
    assertEquals(List.of(new ContainerFacts.JoinedNetwork("evid-int", true)), f.networks());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void volumesAndBindsKeepTheirModes(Engine engine) throws IOException {
    List<ContainerFacts.Mount> mounts = facts(engine, "readonly").mounts();
    ContainerFacts.Mount volume =
        mounts.stream().filter(m -> m.type().equals("volume")).findFirst().orElseThrow();
    assertEquals("evidvol", volume.name());
    assertEquals("/data", volume.destination());
    assertTrue(volume.writable());
    ContainerFacts.Mount bind =
        mounts.stream().filter(m -> m.type().equals("bind")).findFirst().orElseThrow();
    assertEquals("/host", bind.destination());
    assertTrue(bind.writable());
  }

  /** Podman adds writable tmpfs on /run, /tmp and /var/tmp under --read-only; Docker adds none. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void podmansReadOnlyTmpfsIsInItsRecord(Engine engine) throws IOException {
    ContainerFacts f = facts(engine, "readonly");
    assertTrue(f.readOnlyRoot());
    List<String> paths = f.tmpfs().stream().map(ContainerFacts.TmpfsMount::path).toList();
    if (engine == Engine.PODMAN) {
      assertEquals(List.of("/run", "/tmp", "/var/tmp"), paths);
      assertTrue(f.tmpfs().stream().allMatch(ContainerFacts.TmpfsMount::writable));
      assertEquals(Optional.of(true), f.readOnlyTmpfs());
    } else {
      assertEquals(List.of(), paths);
      assertEquals(Optional.empty(), f.readOnlyTmpfs());
    }
    assertEquals(Optional.empty(), facts(engine, "plain").readOnlyTmpfs());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void podmansDefaultPidsLimitIsRecordedButDockersAbsence(Engine engine) throws IOException {
    // created with the docker CLI, which sends PidsLimit 0: Podman then records no limit either;
    // docker-java sends none, and Podman records its own default of 2048 (see ContainerFacts)
    assertNull(facts(engine, "plain").pidsLimit());
    if (engine == Engine.PODMAN) {
      assertEquals(2048L, facts(engine, "custom").pidsLimit());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void withoutPodmansOwnRecordTheBoundingSetIsUnknownThere(Engine engine) throws IOException {
    String base =
        "/engine/inspect/" + engine.name().toLowerCase(java.util.Locale.ROOT) + "-protected.json";
    InspectContainerResponse compat;
    try (InputStream in = InspectedFactsTest.class.getResourceAsStream(base)) {
      compat = EngineClients.mapper().readValue(in, InspectContainerResponse.class);
    }
    ContainerFacts f =
        InspectedFacts.from(
            compat,
            engine == Engine.PODMAN ? EngineKind.PODMAN : EngineKind.DOCKER,
            null,
            Map.of());
    assertEquals(engine == Engine.DOCKER, f.capabilities().boundingSet().isPresent());
    assertNull(f.networks().isEmpty() ? null : f.networks().get(0).internal());
  }

  @org.junit.jupiter.api.Test
  void dockersCapabilityRulesFollowMoby() {
    assertEquals(
        Set.of("CHOWN"), LinuxCapabilities.dockerBounding(List.of("CHOWN"), List.of("ALL"), false));
    assertEquals(
        LinuxCapabilities.BY_BIT.size() - 1,
        LinuxCapabilities.dockerBounding(List.of("ALL"), List.of("NET_RAW"), false).size());
    assertEquals(
        LinuxCapabilities.BY_BIT.size(),
        LinuxCapabilities.dockerBounding(List.of(), List.of("ALL"), true).size());
  }
}
