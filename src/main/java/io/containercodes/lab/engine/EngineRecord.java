package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the engine's whole record of a container into {@link ContainerFacts}: the compat inspect
 * every run makes anyway, Podman's own inspect for what the compat one lacks (the bounding set),
 * and the record of each network joined (internal or not).
 */
final class EngineRecord {
  private static final Duration LIBPOD_TIMEOUT = Duration.ofSeconds(10);

  private final DockerClient client;
  private final EngineKind kind;
  private final Supplier<StreamHttpClient> raw;

  /**
   * @param raw the bare transport to Podman's Unix socket; null where there is none (Docker, or
   *     Podman over TCP), and the bounding set is then derived or unknown
   */
  EngineRecord(DockerClient client, EngineKind kind, Supplier<StreamHttpClient> raw) {
    this.client = client;
    this.kind = kind;
    this.raw = kind == EngineKind.PODMAN ? raw : null;
  }

  ContainerFacts of(String id, InspectContainerResponse compat) {
    return InspectedFacts.from(compat, kind, libpod(id), internal(compat));
  }

  /** Podman's own inspect of the container; null when it cannot be had. */
  private JsonNode libpod(String id) {
    if (raw == null) {
      return null;
    }
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path("/v4.0.0/libpod/containers/" + id + "/json")
            .build();
    try (DockerHttpClient.Response response = raw.get().executeWithin(request, LIBPOD_TIMEOUT)) {
      if (response.getStatusCode() != 200) {
        return null;
      }
      return EngineClients.mapper().readTree(response.getBody());
    } catch (IOException | RuntimeException e) {
      return null; // the facts say "unknown" where this was needed
    }
  }

  /** Whether each network the container joined is internal, as the engine records the network. */
  private Map<String, Boolean> internal(InspectContainerResponse compat) {
    Map<String, Boolean> internal = new HashMap<>();
    if (compat.getNetworkSettings() == null || compat.getNetworkSettings().getNetworks() == null) {
      return internal;
    }
    for (String name : compat.getNetworkSettings().getNetworks().keySet()) {
      try {
        internal.put(
            name,
            Boolean.TRUE.equals(
                client.inspectNetworkCmd().withNetworkId(name).exec().getInternal()));
      } catch (RuntimeException e) {
        // removed meanwhile, or not ours to read: unknown
      }
    }
    return internal;
  }
}
