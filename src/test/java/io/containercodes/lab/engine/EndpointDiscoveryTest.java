package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointDiscoveryTest {
  @TempDir Path dir;

  @Test
  void theFirstEndpointThatAnswersWinsAndLaterOnesAreNotTried() throws IOException {
    Path podman = Files.createFile(dir.resolve("podman.sock"));
    Path docker = Files.createFile(dir.resolve("docker.sock"));
    List<URI> pinged = new ArrayList<>();
    EndpointDiscovery d =
        new EndpointDiscovery(
            List.of(
                new AddressVariable("DOCKER_HOST", null),
                new SocketFile("podman", podman),
                new SocketFile("docker", docker)),
            uri -> {
              pinged.add(uri);
              return null;
            });
    EndpointDiscovery.Result r = d.discover();
    assertEquals(URI.create("unix://" + podman), r.endpoint().orElseThrow().uri());
    assertEquals("podman", r.endpoint().orElseThrow().source());
    assertEquals(List.of(URI.create("unix://" + podman)), pinged);
  }

  @Test
  void aFailureListsEveryEndpointTriedAndWhy() throws IOException {
    Path dead = Files.createFile(dir.resolve("dead.sock"));
    EndpointDiscovery d =
        new EndpointDiscovery(
            List.of(
                new AddressVariable("DOCKER_HOST", ""),
                new SocketFile("rootless Podman", null, "XDG_RUNTIME_DIR is not set"),
                new SocketFile("missing", dir.resolve("nothing.sock")),
                new SocketFile("dead", dead)),
            uri -> "connection refused");
    EndpointDiscovery.Result r = d.discover();
    assertTrue(r.endpoint().isEmpty());
    assertTrue(r.stoppedAt().isEmpty());
    String report = r.report();
    assertEquals(4, r.attempts().size());
    assertTrue(report.contains("DOCKER_HOST: not set"), report);
    assertTrue(report.contains("XDG_RUNTIME_DIR is not set"), report);
    assertTrue(report.contains("nothing.sock: no socket there"), report);
    assertTrue(report.contains("dead.sock: connection refused"), report);
  }

  @Test
  void anAddressTheUserSetIsFinalWhenItDoesNotAnswer() throws IOException {
    Path live = Files.createFile(dir.resolve("live.sock"));
    List<URI> pinged = new ArrayList<>();
    EndpointDiscovery.Result r =
        new EndpointDiscovery(
                List.of(
                    new AddressVariable("DOCKER_HOST", "tcp://127.0.0.1:9"),
                    new SocketFile("a live engine", live)),
                uri -> {
                  pinged.add(uri);
                  return uri.getScheme().equals("tcp") ? "no answer (Connection refused)" : null;
                })
            .discover();
    assertTrue(r.endpoint().isEmpty(), "never the other engine");
    assertEquals("DOCKER_HOST", r.stoppedAt().orElseThrow().description());
    assertEquals(List.of(URI.create("tcp://127.0.0.1:9")), pinged);
  }

  @Test
  void anAddressThatIsNoAddressIsFinalToo() {
    EndpointDiscovery.Result r =
        new EndpointDiscovery(
                List.of(
                    new AddressVariable("CONTAINER_HOST", "tcp://bad host:2375"),
                    new SocketFile("never tried", dir.resolve("x.sock"))),
                uri -> null)
            .discover();
    assertEquals(1, r.attempts().size());
    assertTrue(r.stoppedAt().orElseThrow().failure().contains("not an engine address"), r.report());
    EndpointDiscovery.Result noScheme =
        new EndpointDiscovery(
                List.of(
                    new AddressVariable("DOCKER_HOST", "localhost:2375"),
                    new SocketFile("never tried", dir.resolve("x.sock"))),
                u -> null)
            .discover();
    assertTrue(
        noScheme.report().contains("unsupported address scheme 'localhost'"), noScheme.report());
    assertEquals(1, noScheme.attempts().size());
  }

  @Test
  void aDeadDockerHostStopsTheLabWithASentenceInsteadOfAnotherEngine() {
    Map<String, String> env =
        Map.of("DOCKER_HOST", "unix://" + dir.resolve("gone.sock"), "HOME", dir.toString());
    EnvironmentProblem e =
        assertThrows(
            EnvironmentProblem.class, () -> new EngineConnector(env, null, m -> {}).locate());
    assertTrue(
        e.getMessage()
            .startsWith("DOCKER_HOST names the engine to use (unix://" + dir.resolve("gone.sock")),
        e.getMessage());
    assertTrue(e.getMessage().contains("no socket there"), e.getMessage());
    assertTrue(e.getMessage().contains("does not fall back"), e.getMessage());
    assertTrue(e.fix().contains("unset it"), e.fix());
    assertFalse(e.getMessage().contains("\n"), "one sentence, not a list: " + e.getMessage());
  }

  @Test
  void theStandardChainHasTheDocumentedOrder() {
    List<EndpointStrategy> chain =
        EndpointDiscovery.standardChain(
            Map.of(
                "XDG_RUNTIME_DIR", "/run/user/1000",
                "HOME", "/home/ada",
                "PATH", dir.toString()),
            Path.of("/run/cclab/podman.sock"));
    List<String> uris =
        chain.stream().map(s -> s.candidate().map(URI::toString).orElse("-")).toList();
    assertEquals(
        List.of(
            "-", // DOCKER_HOST
            "-", // CONTAINER_HOST
            "-", // Docker's current context: no ~/.docker/config.json
            "unix:///home/ada/.docker/run/docker.sock",
            "unix:///home/ada/.docker/desktop/docker.sock",
            "unix:///home/ada/.colima/default/docker.sock",
            "unix:///home/ada/.orbstack/run/docker.sock",
            "unix:///home/ada/.rd/docker.sock",
            "-", // podman machine: no podman on this PATH
            "unix:///var/run/docker.sock",
            "unix:///run/user/1000/podman/podman.sock",
            "unix:///run/user/1000/docker.sock",
            "unix:///run/podman/podman.sock",
            "unix:///run/cclab/podman.sock"),
        uris);
    assertEquals("no podman on PATH", chain.get(8).whyNot());
    assertTrue(chain.get(0).description().equals("DOCKER_HOST"));
    assertTrue(chain.stream().skip(3).noneMatch(EndpointStrategy::isFinal));
  }
}
