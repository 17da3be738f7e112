package io.containercodes.lab.engine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tries each strategy in order and keeps the first endpoint that answers a ping. */
public final class EndpointDiscovery {

  /** Pings one address; returns null when it answered, otherwise the reason it did not. */
  @FunctionalInterface
  public interface Pinger {
    String ping(URI uri);
  }

  /** One line of the report: what was tried and what happened. */
  public record Attempt(String description, URI uri, String failure) {
    @Override
    public String toString() {
      return description
          + (uri == null ? "" : " " + uri)
          + ": "
          + (failure == null ? "answered" : failure);
    }
  }

  public record Result(Optional<EngineEndpoint> endpoint, List<Attempt> attempts) {
    public String report() {
      StringBuilder sb = new StringBuilder();
      for (Attempt a : attempts) {
        sb.append("\n  - ").append(a);
      }
      return sb.toString();
    }
  }

  private final List<EndpointStrategy> strategies;
  private final Pinger pinger;

  public EndpointDiscovery(List<EndpointStrategy> strategies, Pinger pinger) {
    this.strategies = List.copyOf(strategies);
    this.pinger = pinger;
  }

  public Result discover() {
    List<Attempt> attempts = new ArrayList<>();
    for (EndpointStrategy s : strategies) {
      Optional<URI> uri = s.candidate();
      if (uri.isEmpty()) {
        attempts.add(new Attempt(s.description(), null, s.whyNot()));
        continue;
      }
      String failure = pingOrExplain(uri.get());
      attempts.add(new Attempt(s.description(), uri.get(), failure));
      if (failure == null) {
        return new Result(Optional.of(new EngineEndpoint(uri.get(), s.description())), attempts);
      }
    }
    return new Result(Optional.empty(), attempts);
  }

  /** Cheap checks first: a missing socket file needs no connection attempt to explain. */
  String pingOrExplain(URI uri) {
    String scheme = uri.getScheme();
    if ("unix".equals(scheme)) {
      Path socket = Path.of(uri.getPath());
      if (!Files.exists(socket)) {
        return "no socket there";
      }
    } else if (!"tcp".equals(scheme) && !"http".equals(scheme) && !"https".equals(scheme)) {
      return "unsupported address scheme '" + scheme + "' (use unix:// or tcp://)";
    }
    return pinger.ping(uri);
  }

  /**
   * The standard chain, in the order a user's explicit wish beats a convention: CCLAB_HOST (or
   * --host) is handled by the caller as exclusive; then DOCKER_HOST, rootless Podman, rootful
   * Podman, rootless Docker, the system Docker socket, and the Podman service the lab started
   * itself on an earlier run.
   */
  public static List<EndpointStrategy> standardChain(Map<String, String> env, Path labSocket) {
    String runtimeDir = env.get("XDG_RUNTIME_DIR");
    String noRuntimeDir = "XDG_RUNTIME_DIR is not set";
    return List.of(
        EndpointStrategy.fromVariable("DOCKER_HOST", env.get("DOCKER_HOST")),
        EndpointStrategy.unixSocket(
            "rootless Podman ($XDG_RUNTIME_DIR/podman/podman.sock)",
            runtimeDir == null ? null : runtimeDir + "/podman/podman.sock",
            noRuntimeDir),
        EndpointStrategy.unixSocket("rootful Podman", "/run/podman/podman.sock", null),
        EndpointStrategy.unixSocket(
            "rootless Docker ($XDG_RUNTIME_DIR/docker.sock)",
            runtimeDir == null ? null : runtimeDir + "/docker.sock",
            noRuntimeDir),
        EndpointStrategy.unixSocket("Docker Engine", "/var/run/docker.sock", null),
        EndpointStrategy.unixSocket("the lab's own Podman service", labSocket.toString(), null));
  }
}
