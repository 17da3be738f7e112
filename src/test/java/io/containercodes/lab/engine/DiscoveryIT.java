package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery on the setups learners have (docs: /work/shared/DESIGN.md "Where learners run it"),
 * each simulated by a fake home whose sockets are links to the live test engine, and contexts as
 * the Docker CLI writes them. Each case names the place it must be found at: the lab's own service,
 * which also answers on this machine, must never be the one found. Not simulated here:
 * /var/run/docker.sock (Linux Docker Engine, GitHub Actions, WSL2), which would change the engine
 * every other lab process on this machine finds; the unit test holds its place in the order.
 */
@Tag("engine")
class DiscoveryIT {
  private static Path live;

  @TempDir Path home;

  @BeforeAll
  static void liveEngine() {
    URI uri = TestEngine.get().endpoint().uri();
    assumeTrue("unix".equals(uri.getScheme()), "the fake sockets link to a local engine's socket");
    live = Path.of(uri.getPath());
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("PATH", home.resolve("bin").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  /** A socket of a desktop engine, in the fake home: a link to the live engine. */
  private Path socketAt(String relative) throws IOException {
    Path s = home.resolve(relative);
    Files.createDirectories(s.getParent());
    return Files.createSymbolicLink(s, live);
  }

  private EngineEndpoint found(Map<String, String> env) {
    return new EngineConnector(env, null, m -> {}).locate();
  }

  private void assertFoundAt(Map<String, String> env, Path socket, String source) {
    EngineEndpoint e = found(env);
    assertEquals(URI.create("unix://" + socket), e.uri(), e.toString());
    assertEquals(source, e.source());
    // and it is an engine: a real ping answered through the link
    assertEquals(null, EngineClients.ping(e.uri(), env).failure());
  }

  @Test
  void dockerDesktopOnMacOsByItsContextAndByItsSocket() throws IOException {
    Path s = socketAt(".docker/run/docker.sock");
    assertFoundAt(env(), s, "Docker Desktop (macOS)");
    DockerContextTest.context(home.resolve(".docker"), "desktop-linux", "unix://" + s);
    DockerContextTest.current(home.resolve(".docker"), "desktop-linux");
    assertFoundAt(env(), s, "Docker context 'desktop-linux' (config.json)");
  }

  @Test
  void dockerDesktopOnLinux() throws IOException {
    assertFoundAt(env(), socketAt(".docker/desktop/docker.sock"), "Docker Desktop (Linux)");
  }

  @Test
  void colimaByItsSocketAndItsContext() throws IOException {
    Path s = socketAt(".colima/default/docker.sock");
    assertFoundAt(env(), s, "Colima");
    DockerContextTest.context(home.resolve(".docker"), "colima", "unix://" + s);
    assertFoundAt(env("DOCKER_CONTEXT", "colima"), s, "Docker context 'colima' (DOCKER_CONTEXT)");
  }

  @Test
  void orbStack() throws IOException {
    assertFoundAt(env(), socketAt(".orbstack/run/docker.sock"), "OrbStack");
  }

  @Test
  void rancherDesktop() throws IOException {
    assertFoundAt(env(), socketAt(".rd/docker.sock"), "Rancher Desktop");
  }

  @Test
  void rootlessPodmanAndRootlessDockerInTheRuntimeDir() throws IOException {
    Path runtime = home.resolve("run");
    Path docker = socketAt("run/docker.sock");
    assertFoundAt(
        env("XDG_RUNTIME_DIR", runtime.toString()),
        docker,
        "rootless Docker ($XDG_RUNTIME_DIR/docker.sock)");
    Path podman = socketAt("run/podman/podman.sock");
    assertFoundAt(
        env("XDG_RUNTIME_DIR", runtime.toString()),
        podman,
        "rootless Podman ($XDG_RUNTIME_DIR/podman/podman.sock)");
  }

  @Test
  void podmanMachineAsPodmanItselfReportsIt() throws IOException {
    Path s = socketAt("machine/podman.sock");
    Files.createDirectories(home.resolve(".config/containers/podman/machine/qemu"));
    // a podman of the learner's: `podman machine inspect --format …` prints the socket's path
    Path podman = Files.createDirectories(home.resolve("bin")).resolve("podman");
    Files.writeString(
        podman,
        "#!/bin/sh\n" + "[ \"$1 $2\" = \"machine inspect\" ] || exit 125\n" + "echo " + s + "\n");
    Files.setPosixFilePermissions(podman, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertFoundAt(env(), s, "podman machine (podman machine inspect)");
  }

  @Test
  void aSetDockerHostOrContainerHostIsUsed() throws IOException {
    Path s = socketAt("remote.sock");
    assertFoundAt(env("DOCKER_HOST", "unix://" + s), s, "DOCKER_HOST");
    assertFoundAt(env("CONTAINER_HOST", "unix://" + s), s, "CONTAINER_HOST");
  }

  @Test
  void aLeftoverContextOfAStoppedEngineDoesNotHideARunningOne() throws IOException {
    DockerContextTest.context(
        home.resolve(".docker"), "desktop-linux", "unix://" + home.resolve("stopped.sock"));
    DockerContextTest.current(home.resolve(".docker"), "desktop-linux");
    assertFoundAt(env(), socketAt(".colima/default/docker.sock"), "Colima");
  }

  @Test
  void aNamedEngineThatDoesNotAnswerStopsTheLabAlthoughAnotherAnswers() throws IOException {
    socketAt(".colima/default/docker.sock"); // a live engine the lab must not switch to
    for (Map<String, String> env :
        java.util.List.of(
            env("DOCKER_HOST", "tcp://127.0.0.1:9"),
            env("CONTAINER_HOST", "unix://" + home.resolve("gone.sock")),
            env("DOCKER_CONTEXT", "nothing-by-that-name"))) {
      EnvironmentProblem e =
          assertThrows(EnvironmentProblem.class, () -> found(env), env::toString);
      assertTrue(e.getMessage().contains("does not fall back"), e.getMessage());
    }
  }
}
