package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab never starts {@code podman system service} through a remote Podman client (the podman of
 * macOS and Windows): it asks for the command's help first, which a remote client refuses.
 */
class RemotePodmanClientTest {
  @TempDir Path dir;

  private Path podman(String script) throws IOException {
    Path p = dir.resolve("podman");
    Files.writeString(p, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void aRemoteClientIsToldToStartItsMachineInstead() throws IOException {
    // what podman-remote 4.3 and `podman --remote` answer (measured here with --remote)
    Path remote =
        podman(
            "echo 'Error: cannot use command \"podman system service\" with the remote podman"
                + " client' >&2; exit 125");
    Optional<EnvironmentProblem> p =
        EmbeddedPodmanService.remoteClientProblem(remote, "No container engine answered.");
    EnvironmentProblem e = p.orElseThrow();
    assertTrue(e.getMessage().contains("is a remote Podman client"), e.getMessage());
    assertTrue(e.getMessage().contains("with the remote podman client"), e.getMessage());
    assertTrue(e.fix().contains("podman machine start"), e.fix());
  }

  @Test
  void aLocalPodmanMayServe() throws IOException {
    assertTrue(
        EmbeddedPodmanService.remoteClientProblem(podman("exit 0"), "").isEmpty(),
        "a podman that has system service is left to start");
    assertTrue(
        EmbeddedPodmanService.remoteClientProblem(Path.of("/usr/bin/podman"), "").isEmpty()
            || !Files.exists(Path.of("/usr/bin/podman")),
        "this machine's podman is local");
  }
}
