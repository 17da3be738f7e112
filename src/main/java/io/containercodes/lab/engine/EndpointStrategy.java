package io.containercodes.lab.engine;

import java.net.URI;
import java.util.Optional;

/**
 * One place an engine may be found. A strategy only proposes an address (or says why it has none);
 * {@link EndpointDiscovery} pings it. Modelled on testcontainers' client provider strategies, so a
 * failure can list every place that was tried and what each answered. One class each: {@link
 * AddressVariable} (--host, CCLAB_HOST, DOCKER_HOST, CONTAINER_HOST), {@link DockerContext}, {@link
 * SocketFile} (the desktop engines', the Linux ones, the lab's own), {@link PodmanMachineSocket}.
 */
public interface EndpointStrategy {
  /** Human name, e.g. "rootless Podman ($XDG_RUNTIME_DIR/podman/podman.sock)". */
  String description();

  /** The address to ping, or empty with {@link #whyNot()} telling the user why there is none. */
  Optional<URI> candidate();

  default String whyNot() {
    return "not configured";
  }

  /**
   * True when the user named this engine (a set DOCKER_HOST, an explicit context): discovery ends
   * here whether it answers or not, as the Docker CLI does, instead of quietly using another
   * engine.
   */
  default boolean isFinal() {
    return false;
  }
}
