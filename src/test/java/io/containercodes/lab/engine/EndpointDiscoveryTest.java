package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                EndpointStrategy.fromVariable("DOCKER_HOST", null),
                EndpointStrategy.unixSocket("podman", podman.toString(), null),
                EndpointStrategy.unixSocket("docker", docker.toString(), null)),
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
                EndpointStrategy.fromVariable("DOCKER_HOST", ""),
                EndpointStrategy.unixSocket("rootless Podman", null, "XDG_RUNTIME_DIR is not set"),
                EndpointStrategy.unixSocket(
                    "missing", dir.resolve("nothing.sock").toString(), null),
                EndpointStrategy.unixSocket("dead", dead.toString(), null),
                EndpointStrategy.fromVariable("remote", "ftp://example.invalid")),
            uri -> "connection refused");
    EndpointDiscovery.Result r = d.discover();
    assertTrue(r.endpoint().isEmpty());
    String report = r.report();
    assertEquals(5, r.attempts().size());
    assertTrue(report.contains("DOCKER_HOST: not set"), report);
    assertTrue(report.contains("XDG_RUNTIME_DIR is not set"), report);
    assertTrue(report.contains("nothing.sock: no socket there"), report);
    assertTrue(report.contains("dead.sock: connection refused"), report);
    assertTrue(report.contains("unsupported address scheme 'ftp'"), report);
  }

  @Test
  void theStandardChainHasTheDocumentedOrder() {
    List<EndpointStrategy> chain =
        EndpointDiscovery.standardChain(
            Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "DOCKER_HOST", "tcp://127.0.0.1:2376"),
            Path.of("/run/cclab/podman.sock"));
    List<String> uris =
        chain.stream().map(s -> s.candidate().map(URI::toString).orElse("-")).toList();
    assertEquals(
        List.of(
            "tcp://127.0.0.1:2376",
            "unix:///run/user/1000/podman/podman.sock",
            "unix:///run/podman/podman.sock",
            "unix:///run/user/1000/docker.sock",
            "unix:///var/run/docker.sock",
            "unix:///run/cclab/podman.sock"),
        uris);
  }
}
