package io.containercodes.lab.engine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tries each strategy in order and keeps the first endpoint that answers a ping; a {@linkplain
 * EndpointStrategy#isFinal final} strategy (an address the user set) ends the search whether it
 * answers or not. Every attempt is kept, for the error and for {@code cclab doctor}.
 */
public final class EndpointDiscovery {

  /** Pings one address; returns null when it answered, otherwise the reason it did not. */
  @FunctionalInterface
  public interface Pinger {
    String ping(URI uri);
  }

  /**
   * One line of the report: what was tried and what happened.
   *
   * @param failure null when it answered
   */
  public record Attempt(String description, URI uri, String failure) {
    @Override
    public String toString() {
      return description
          + (uri == null ? "" : " " + uri)
          + ": "
          + (failure == null ? "answered" : failure);
    }
  }

  /**
   * @param stoppedAt the final strategy that did not answer, when the search ended there
   */
  public record Result(
      Optional<EngineEndpoint> endpoint, List<Attempt> attempts, Optional<Attempt> stoppedAt) {
    public Result {
      attempts = List.copyOf(attempts);
    }

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
      Attempt attempt =
          uri.isEmpty()
              ? new Attempt(s.description(), null, s.whyNot())
              : new Attempt(s.description(), uri.get(), pingOrExplain(uri.get()));
      attempts.add(attempt);
      if (uri.isPresent() && attempt.failure() == null) {
        return new Result(
            Optional.of(new EngineEndpoint(uri.get(), s.description())),
            attempts,
            Optional.empty());
      }
      if (s.isFinal()) {
        return new Result(Optional.empty(), attempts, Optional.of(attempt));
      }
    }
    return new Result(Optional.empty(), attempts, Optional.empty());
  }

  /** Cheap checks first: a missing socket file needs no connection attempt to explain. */
  String pingOrExplain(URI uri) {
    String scheme = uri.getScheme();
    if ("unix".equals(scheme)) {
      Path socket = Path.of(uri.getPath());
      if (!Files.exists(socket)) {
        return "no socket there";
      }
    } else if (!List.of("tcp", "http", "https", "ssh").contains(scheme)) {
      return "unsupported address scheme '" + scheme + "' (use " + AddressVariable.SCHEMES + ")";
    }
    return pinger.ping(uri);
  }

  /**
   * The standard chain, in the order the Docker CLI and the engines' installers lead users to
   * expect (the explicit {@code --host}/{@code CCLAB_HOST} is the caller's, and alone): the
   * addresses the user set, which are final; Docker's current context; the desktop engines' sockets
   * under the home directory; a podman machine; the Linux sockets; and last the Podman service the
   * lab started itself on an earlier run.
   */
  public static List<EndpointStrategy> standardChain(Map<String, String> env, Path labSocket) {
    String h = env.get("HOME");
    Path home =
        h != null && h.startsWith("/")
            ? Path.of(h)
            : Optional.ofNullable(System.getProperty("user.home")).map(Path::of).orElse(null);
    String runtimeDir = env.get("XDG_RUNTIME_DIR");
    Path runtime = runtimeDir != null && runtimeDir.startsWith("/") ? Path.of(runtimeDir) : null;
    String noRuntimeDir = "XDG_RUNTIME_DIR is not set";
    List<EndpointStrategy> chain = new ArrayList<>();
    chain.add(new AddressVariable("DOCKER_HOST", env.get("DOCKER_HOST")));
    chain.add(new AddressVariable("CONTAINER_HOST", env.get("CONTAINER_HOST")));
    chain.add(DockerContext.of(env, home));
    chain.add(inHome("Docker Desktop (macOS)", home, ".docker/run/docker.sock"));
    chain.add(inHome("Docker Desktop (Linux)", home, ".docker/desktop/docker.sock"));
    chain.add(inHome("Colima", home, ".colima/default/docker.sock"));
    chain.add(inHome("OrbStack", home, ".orbstack/run/docker.sock"));
    chain.add(inHome("Rancher Desktop", home, ".rd/docker.sock"));
    chain.add(PodmanMachineSocket.of(env, home));
    chain.add(new SocketFile("Docker Engine", Path.of("/var/run/docker.sock")));
    chain.add(
        new SocketFile(
            "rootless Podman ($XDG_RUNTIME_DIR/podman/podman.sock)",
            runtime == null ? null : runtime.resolve("podman/podman.sock"),
            noRuntimeDir));
    chain.add(
        new SocketFile(
            "rootless Docker ($XDG_RUNTIME_DIR/docker.sock)",
            runtime == null ? null : runtime.resolve("docker.sock"),
            noRuntimeDir));
    chain.add(new SocketFile("rootful Podman", Path.of("/run/podman/podman.sock")));
    chain.add(new SocketFile("the lab's own Podman service", labSocket));
    return chain;
  }

  private static SocketFile inHome(String description, Path home, String relative) {
    return home == null
        ? new SocketFile(description + " (~/" + relative + ")", null, "no home directory")
        : new SocketFile(description, home.resolve(relative));
  }
}
