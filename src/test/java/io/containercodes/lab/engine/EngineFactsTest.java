package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.engine.EngineFacts.Topic;
import io.containercodes.lab.engine.Fact.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The facts read from engines' own records, on answers recorded on the reference machine (Debian
 * 12, cgroup v1): root's Podman 4.3.1, the same Podman as a rootless user
 * (scripts/rootless-podman), Docker Engine 20.10.24 (scripts/private-dockerd).
 */
class EngineFactsTest {
  static final EngineEndpoint ENDPOINT =
      new EngineEndpoint(URI.create("unix:///run/test.sock"), "test");

  static JsonNode fixture(String name) throws IOException {
    try (InputStream in = EngineFactsTest.class.getResourceAsStream("/engine-facts/" + name)) {
      return EngineClients.mapper().readTree(in);
    }
  }

  static EngineFacts podman(String name) throws IOException {
    return LibpodInfoFacts.from(fixture(name), EngineKind.PODMAN, "4.3.1", "1.41", ENDPOINT);
  }

  @Test
  void rootlessPodmanOnCgroupV1IsRootlessAndEnforcesNoLimit() throws IOException {
    EngineFacts f = podman("podman-4.3.1-rootless-cgroup-v1.json");
    assertEquals(Answer.YES, f.rootless().answer());
    assertEquals("GET /libpod/info host.security.rootless", f.rootless().source());
    assertEquals(Answer.NO, f.fact(Topic.MEMORY_LIMIT).answer());
    assertEquals(Answer.NO, f.fact(Topic.PIDS_LIMIT).answer());
    assertEquals(Answer.NO, f.fact(Topic.CPU_LIMIT).answer());
    assertEquals(Answer.NO, f.fact(Topic.SWAP_LIMIT).answer());
    assertEquals(List.of(), f.cgroupControllers());
    assertEquals("1", f.cgroupVersion());
    assertEquals("unix:///run/user/1001/podman/podman.sock", f.engineSocket());
    assertEquals("/home/cclab-rootless/.local/share/containers/storage", f.rootDir());
    assertEquals("Podman 4.3.1 rootless", f.summary());
  }

  @Test
  void rootfulPodmanHasEveryControllerButSwapIsNotReported() throws IOException {
    EngineFacts f = podman("podman-4.3.1-rootful-cgroup-v1.json");
    assertEquals(Answer.NO, f.rootless().answer());
    assertEquals(Answer.YES, f.fact(Topic.MEMORY_LIMIT).answer());
    assertEquals(Answer.YES, f.fact(Topic.PIDS_LIMIT).answer());
    assertEquals(Answer.YES, f.fact(Topic.CPU_LIMIT).answer());
    // libpod says nothing of swap accounting: unknown, never a yes it did not read
    assertEquals(Answer.UNKNOWN, f.fact(Topic.SWAP_LIMIT).answer());
    assertEquals(Answer.YES, f.seccomp().answer());
    assertEquals(Answer.NO, f.apparmor().answer());
    assertEquals("runc", f.defaultRuntime());
    assertEquals("debian 12", f.operatingSystem());
  }

  @Test
  void rootlessOnCgroupV2CanUseOnlyTheDelegatedControllers() {
    var limits = LibpodInfoFacts.limits(List.of("memory", "pids"));
    assertEquals(Answer.YES, limits.get(Topic.MEMORY_LIMIT).answer());
    assertEquals(Answer.YES, limits.get(Topic.PIDS_LIMIT).answer());
    assertEquals(Answer.NO, limits.get(Topic.CPU_LIMIT).answer());
  }

  @Test
  void podmanThatListsNoControllersAtAllLeavesTheLimitsUnknown() {
    var limits = LibpodInfoFacts.limits(null);
    for (Topic t : List.of(Topic.MEMORY_LIMIT, Topic.PIDS_LIMIT, Topic.CPU_LIMIT)) {
      assertEquals(Answer.UNKNOWN, limits.get(t).answer(), t.name());
    }
  }

  @Test
  void dockerFactsComeFromItsInfo() throws IOException {
    EngineFacts f =
        DockerInfoFacts.from(
            fixture("docker-20.10.24-rootful-cgroup-v1.json"),
            EngineKind.DOCKER,
            "20.10.24",
            "1.41",
            ENDPOINT);
    assertEquals(Answer.NO, f.rootless().answer());
    for (Topic t :
        List.of(Topic.MEMORY_LIMIT, Topic.SWAP_LIMIT, Topic.PIDS_LIMIT, Topic.CPU_LIMIT)) {
      assertEquals(Answer.YES, f.fact(t).answer(), t.name());
    }
    assertEquals(Answer.YES, f.seccomp().answer());
    assertEquals("/var/lib/cclab-facts/docker", f.rootDir());
    assertNull(f.cgroupControllers());
  }

  @Test
  void rootlessDockerWithoutCgroupsEnforcesNothingWhateverItsBooleansSay() throws IOException {
    var info =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            fixture("docker-20.10.24-rootful-cgroup-v1.json");
    info.put("CgroupDriver", "none");
    info.putArray("SecurityOptions").add("name=seccomp,profile=default").add("name=rootless");
    EngineFacts f = DockerInfoFacts.from(info, EngineKind.DOCKER, "20.10.24", "1.41", ENDPOINT);
    assertEquals(Answer.YES, f.rootless().answer());
    assertEquals(Answer.NO, f.fact(Topic.MEMORY_LIMIT).answer());
    assertTrue(f.fact(Topic.MEMORY_LIMIT).source().contains("CgroupDriver none"));
  }

  @Test
  void podmansCompatInfoAloneLeavesRootlessAndLimitsUnknown() throws IOException {
    // what the compat /info of the rootless Podman above says: MemoryLimit true, no rootless
    EngineFacts compat =
        DockerInfoFacts.from(
            fixture("docker-20.10.24-rootful-cgroup-v1.json"),
            EngineKind.PODMAN,
            "4.3.1",
            "1.41",
            ENDPOINT);
    EngineFacts f = EngineFactsReader.withoutRecordOf(compat, "GET /libpod/info did not answer");
    assertEquals(Answer.UNKNOWN, f.rootless().answer());
    assertEquals(Answer.UNKNOWN, f.fact(Topic.MEMORY_LIMIT).answer());
    assertEquals(Answer.YES, f.seccomp().answer());
    assertTrue(f.summary().contains("unknown"), f.summary());
  }

  @Test
  void aMeasurementReplacesTheRecordAndOnlyAMeasurementMay() throws IOException {
    EngineFacts f = podman("podman-4.3.1-rootful-cgroup-v1.json");
    assertEquals(Answer.UNKNOWN, f.fact(Topic.HOST_FILES).answer());
    EngineFacts measured =
        f.withMeasured(
            Topic.MEMORY_LIMIT,
            Fact.measured(false, "probe: 64 MiB limit, memory.max_usage 3.2 GiB", "ignored"));
    assertEquals(Answer.NO, measured.fact(Topic.MEMORY_LIMIT).answer());
    assertEquals(Fact.Basis.MEASURED, measured.fact(Topic.MEMORY_LIMIT).basis());
    assertEquals(Answer.YES, f.fact(Topic.MEMORY_LIMIT).answer()); // the original is unchanged
    assertThrows(
        IllegalArgumentException.class,
        () -> f.withMeasured(Topic.MEMORY_LIMIT, Fact.yes("a record", "")));
  }
}
