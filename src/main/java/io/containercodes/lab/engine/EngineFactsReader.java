package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.containercodes.lab.engine.EngineFacts.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Reads an engine's facts from its info endpoint, once per connection: Podman's own {@code GET
 * /libpod/info} (the compat {@code /info} is wrong about rootless and limits, {@link
 * LibpodInfoFacts}), Docker's {@code GET /info}. Each answer costs about half a second on Podman
 * (it asks conmon and the OCI runtime for their versions), so only one is asked. When Podman's own
 * info does not answer, the compat answer still gives the security options, and rootless and the
 * limits stay unknown.
 */
final class EngineFactsReader {
  private final DockerHttpClient http;

  EngineFactsReader(DockerHttpClient http) {
    this.http = http;
  }

  EngineFacts read(EngineKind kind, String version, String api, EngineEndpoint endpoint) {
    if (kind == EngineKind.PODMAN) {
      String failure;
      try {
        return LibpodInfoFacts.from(get("/v4.0.0/libpod/info"), kind, version, api, endpoint);
      } catch (IOException | RuntimeException e) {
        failure = EngineClients.rootMessage(e);
      }
      EngineFacts compat = compat(kind, version, api, endpoint);
      return withoutRecordOf(compat, LibpodInfoFacts.SOURCE + " did not answer (" + failure + ")");
    }
    return compat(kind, version, api, endpoint);
  }

  private EngineFacts compat(EngineKind kind, String version, String api, EngineEndpoint endpoint) {
    try {
      return DockerInfoFacts.from(get("/info"), kind, version, api, endpoint);
    } catch (IOException | RuntimeException e) {
      return new EngineFacts(
              kind, version, api, endpoint, Map.of(), null, null, null, null, null, null, null,
              null)
          .withUnknown(
              List.of(Topic.values()),
              DockerInfoFacts.SOURCE + " did not answer (" + EngineClients.rootMessage(e) + ")");
    }
  }

  /** Podman's compat facts, less those the compat answer gets wrong for Podman. */
  static EngineFacts withoutRecordOf(EngineFacts compat, String why) {
    return compat.withUnknown(
        List.of(
            Topic.ROOTLESS,
            Topic.MEMORY_LIMIT,
            Topic.SWAP_LIMIT,
            Topic.PIDS_LIMIT,
            Topic.CPU_LIMIT),
        why + "; Podman's compat /info does not tell");
  }

  private JsonNode get(String path) throws IOException {
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path(path)
            .build();
    try (DockerHttpClient.Response response = http.execute(request);
        InputStream body = response.getBody()) {
      if (response.getStatusCode() != 200) {
        throw new IOException("HTTP " + response.getStatusCode() + " to GET " + path);
      }
      return EngineClients.mapper().readTree(body);
    }
  }
}
