package io.containercodes.lab.engine;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A well-known socket file: a desktop engine's (Docker Desktop, Colima, OrbStack, Rancher Desktop),
 * a Linux engine's, the lab's own Podman service's. Never final: a socket nobody named is only a
 * guess.
 *
 * @param path null when the path itself is unknown (no runtime dir, no home)
 * @param whyNoPath why {@code path} is null
 */
public record SocketFile(String description, Path path, String whyNoPath)
    implements EndpointStrategy {
  public SocketFile(String description, Path path) {
    this(description, path, "no such place on this machine");
  }

  @Override
  public Optional<URI> candidate() {
    return path == null ? Optional.empty() : Optional.of(uri(path));
  }

  /** {@code unix:///path}, with characters a URI cannot hold (a space) quoted. */
  static URI uri(Path socket) {
    try {
      return new URI("unix", "", socket.toString(), null, null);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a socket path: " + socket, e);
    }
  }

  @Override
  public String whyNot() {
    return whyNoPath;
  }
}
