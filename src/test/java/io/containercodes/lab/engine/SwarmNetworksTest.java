package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a swarm task's record is read for '--network none': as the line wrote it only when the task
 * was alone on the run's own internal network. Records from a real swarm (resources'
 * engine/inspect/README.md).
 */
class SwarmNetworksTest {
  private static final String SERVICE = "cclab-0123456789ab";

  private static ContainerFacts facts(String name, Map<String, Boolean> internal) throws Exception {
    try (InputStream in =
        SwarmNetworksTest.class.getResourceAsStream("/engine/inspect/" + name + ".json")) {
      InspectContainerResponse r =
          EngineClients.mapper().readValue(in, InspectContainerResponse.class);
      return InspectedFacts.from(r, EngineKind.DOCKER, null, internal);
    }
  }

  @Test
  void aTaskAloneOnItsRunsInternalNetworkHadNoNetwork() throws Exception {
    ContainerFacts recorded = facts("docker-swarm-isolated", Map.of(SERVICE + "-none", true));
    assertEquals(SERVICE + "-none", recorded.networkMode(), "the engine's record names it");
    ContainerFacts read = SwarmNetworks.asWritten(recorded, SERVICE);
    assertEquals("none", read.networkMode());
    assertTrue(read.noNetworkText().contains("internal network of the run's own"));
  }

  @Test
  void anythingElseIsReadAsTheEngineRecordedIt() throws Exception {
    ContainerFacts notInternal = facts("docker-swarm-isolated", Map.of(SERVICE + "-none", false));
    assertSame(notInternal, SwarmNetworks.asWritten(notInternal, SERVICE));
    ContainerFacts otherRun = facts("docker-swarm-isolated", Map.of(SERVICE + "-none", true));
    assertSame(otherRun, SwarmNetworks.asWritten(otherRun, "cclab-ffffffffffff"));
    ContainerFacts bridge = facts("docker-swarm-default", Map.of("bridge", false));
    assertEquals("bridge", SwarmNetworks.asWritten(bridge, SERVICE).networkMode());
    assertEquals(null, SwarmNetworks.asWritten(null, SERVICE));
  }

  @Test
  void aPlainNoneContainerIsLoopbackOnly() {
    assertEquals("no network but loopback", Recorded.facts("docker-protected").noNetworkText());
    assertEquals("no network but loopback", Recorded.facts("podman-protected").noNetworkText());
  }
}
