package io.containercodes.lab.engine;

import java.net.URI;

/**
 * An engine API address and where the lab learned it ("DOCKER_HOST", "the lab's own Podman
 * service"…).
 */
public record EngineEndpoint(URI uri, String source) {
  @Override
  public String toString() {
    return uri + " (" + source + ")";
  }
}
